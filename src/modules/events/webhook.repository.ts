import { Injectable } from '@nestjs/common';
import type { RequestContext } from '../../core/context/request-context';
import { DatabaseService } from '../../core/database/database.service';
import { Repository } from '../../core/database/repository';

/** A webhook endpoint as admins see it (never its secret). */
export interface WebhookRow {
  id: string;
  url: string;
  events: string[];
  /** null: a global endpoint (every brand, and brand-less events such as stock.changed). */
  brandCode: string | null;
  enabled: boolean;
  createdAt: Date;
  updatedAt: Date;
}

/** A brand an endpoint may be created for. */
export interface WebhookBrandRow {
  id: string;
  code: string;
}

const SELECT_WEBHOOK = `
  SELECT e.id, e.url, e.events, b.code AS "brandCode", e.enabled, e.created_at AS "createdAt", e.updated_at AS "updatedAt"
    FROM webhook_endpoint e LEFT JOIN brand b ON b.id = e.brand_id`;

/**
 * Webhook endpoints (`webhook_endpoint`) for the admin API, scoped to the caller's brands: a brand admin never
 * sees a global endpoint (brand_id NULL), which receives other brands' events; a super admin sees every one.
 */
@Injectable()
export class WebhookRepository extends Repository {
  constructor(db: DatabaseService) {
    super(db);
  }

  /** The caller's endpoints, oldest first. */
  list(ctx: RequestContext): Promise<WebhookRow[]> {
    const p = this.params(ctx);
    return this.run(p, `${SELECT_WEBHOOK} WHERE ${p.brand('e.brand_id')} ORDER BY e.created_at, e.id`);
  }

  /** The endpoint if the caller may see it; `lock`: row-locked until the transaction ends. */
  async byId(ctx: RequestContext, id: string, lock = false): Promise<WebhookRow | undefined> {
    const p = this.params(ctx);
    const [row] = await this.run<WebhookRow>(
      p,
      `${SELECT_WEBHOOK} WHERE e.id = ${p.add(id)} AND ${p.brand('e.brand_id')}${lock ? ' FOR UPDATE OF e' : ''}`,
    );
    return row;
  }

  /** The brand of this code if the caller may manage it (brands are read here so events imports no module). */
  async brandByCode(ctx: RequestContext, code: string): Promise<WebhookBrandRow | undefined> {
    const p = this.params(ctx);
    const [row] = await this.run<WebhookBrandRow>(
      p,
      `SELECT b.id, b.code FROM brand b WHERE b.code = ${p.add(code)} AND ${p.brand('b.id')}`,
    );
    return row;
  }

  /** Stores a new enabled endpoint (its brand already checked to be the caller's, or null: global, super admins only). */
  async insert(
    ctx: RequestContext,
    e: { id: string; brandId: string | null; url: string; events: string[]; secret: string },
  ): Promise<{ createdAt: Date }> {
    const p = this.params(ctx);
    const [row] = await this.run<{ createdAt: Date }>(
      p,
      `INSERT INTO webhook_endpoint (id, brand_id, url, events, secret, enabled)
       VALUES (${p.add(e.id)}, ${p.add(e.brandId)}, ${p.add(e.url)}, ${p.add(e.events)}::text[], ${p.add(e.secret)}, true)
       RETURNING created_at AS "createdAt"`,
    );
    return row;
  }

  /** Changes what is given (null: unchanged). */
  async update(
    ctx: RequestContext,
    id: string,
    patch: { url: string | null; events: string[] | null; enabled: boolean | null },
  ): Promise<void> {
    const p = this.params(ctx);
    await this.run(
      p,
      `UPDATE webhook_endpoint e
          SET url = coalesce(${p.add(patch.url)}, url), events = coalesce(${p.add(patch.events)}::text[], events),
              enabled = coalesce(${p.add(patch.enabled)}, enabled), updated_at = now()
        WHERE e.id = ${p.add(id)} AND ${p.brand('e.brand_id')}`,
    );
  }

  /** Deletes the endpoint; its deliveries go with it (ON DELETE CASCADE). */
  async delete(ctx: RequestContext, id: string): Promise<void> {
    const p = this.params(ctx);
    await this.run(p, `DELETE FROM webhook_endpoint e WHERE e.id = ${p.add(id)} AND ${p.brand('e.brand_id')}`);
  }
}
