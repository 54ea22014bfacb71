import { Inject, Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { badInput, DomainError } from '../../../libs/errors/src';
import { destinationProblem } from '../../../libs/net/src';
import { generateWebhookSecret } from '../../../libs/webhooks/src';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import type { RequestContext } from '../../core/context/request-context';
import { DatabaseService } from '../../core/database/database.service';
import { WebhookDispatcher } from './webhook-dispatcher.worker';

export interface WebhookView {
  id: string;
  url: string;
  events: string[];
  /** null: a global endpoint (every brand, and brand-less events such as stock.changed). */
  brandCode: string | null;
  enabled: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const SELECT_WEBHOOK = `
  SELECT e.id, e.url, e.events, b.code AS "brandCode", e.enabled, e.created_at AS "createdAt", e.updated_at AS "updatedAt"
    FROM webhook_endpoint e LEFT JOIN brand b ON b.id = e.brand_id`;

/**
 * The caller's brands as the value of a `ofCallerBrands` parameter (null: every endpoint). A brand admin never
 * sees a global endpoint (brand_id NULL): it receives other brands' events.
 */
export function endpointScope(ctx: RequestContext): string[] | null {
  const scope = ctx.brandScope;
  return scope.all ? null : [...scope.ids];
}

/** SQL: the endpoint `alias` is one the caller may see, given `param` = endpointScope(ctx). */
export const ofCallerBrands = (alias: string, param: string) =>
  `(${param}::uuid[] IS NULL OR ${alias}.brand_id = ANY(${param}::uuid[]))`;

/**
 * Webhook endpoints (admin): a brand admin manages their brands' endpoints; global endpoints (no brand) are
 * for super admins. Another brand's endpoint is NOT_FOUND. The signing secret is shown once, at creation.
 */
@Injectable()
export class WebhooksService {
  constructor(
    private readonly db: DatabaseService,
    private readonly dispatcher: WebhookDispatcher,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Refuses (BAD_USER_INPUT on `url`) a URL whose host is, or now resolves to, an address webhooks may not
   * reach (loopback, private, link-local, metadata … unless WEBHOOK_ALLOW_PRIVATE_URLS). Runs before any
   * transaction (it may wait for DNS). Every delivery checks again after resolving (see postWebhook).
   */
  private async assertDestinationAllowed(url: string, path = 'url'): Promise<void> {
    const problem = await destinationProblem(new URL(url), { allowPrivate: this.config.webhookAllowPrivateUrls });
    if (problem) {
      throw badInput([{ path, message: `must point to a public host: ${problem}` }]);
    }
  }

  async list(ctx: RequestContext): Promise<WebhookView[]> {
    return this.db.query<WebhookView>(`${SELECT_WEBHOOK} WHERE ${ofCallerBrands('e', '$1')} ORDER BY e.created_at, e.id`, [
      endpointScope(ctx),
    ]);
  }

  /** The endpoint if the caller may see it; NOT_FOUND otherwise. */
  async get(ctx: RequestContext, id: string, opts: { lock?: boolean; path?: string } = {}): Promise<WebhookView> {
    const [row] = UUID.test(id)
      ? await this.db.query<WebhookView>(
          `${SELECT_WEBHOOK} WHERE e.id = $1 AND ${ofCallerBrands('e', '$2')}${opts.lock ? ' FOR UPDATE OF e' : ''}`,
          [id, endpointScope(ctx)],
        )
      : [];
    if (!row) {
      throw new DomainError('NOT_FOUND', 'Webhook was not found.', {
        fieldErrors: [{ path: opts.path ?? 'id', message: 'unknown webhook' }],
      });
    }
    return row;
  }

  /**
   * `brand`: the endpoint's brand (already checked to be the caller's), or null for a global endpoint, which
   * only a super admin may create.
   */
  async create(
    ctx: RequestContext,
    input: { url: string; events: string[]; brand: { id: string; code: string } | null },
  ): Promise<{ webhook: WebhookView; secret: string }> {
    if (input.brand === null && !ctx.brandScope.all) {
      throw badInput([
        { path: 'brandCode', message: 'name one of your brands: only a super admin may create a webhook for every brand' },
      ]);
    }
    if (input.brand && !ctx.canSeeBrand(input.brand.id))
      throw new DomainError('NOT_FOUND', `Brand "${input.brand.code}" was not found.`);
    await this.assertDestinationAllowed(input.url);
    const secret = generateWebhookSecret();
    const id = uuidv7();
    const [row] = await this.db.query<{ createdAt: Date }>(
      `INSERT INTO webhook_endpoint (id, brand_id, url, events, secret, enabled) VALUES ($1, $2, $3, $4::text[], $5, true)
       RETURNING created_at AS "createdAt"`,
      [id, input.brand?.id ?? null, input.url, [...new Set(input.events)], secret],
    );
    return {
      webhook: {
        id,
        url: input.url,
        events: [...new Set(input.events)],
        brandCode: input.brand?.code ?? null,
        enabled: true,
        createdAt: row.createdAt,
        updatedAt: row.createdAt,
      },
      secret,
    };
  }

  /** Changes URL, event filter or enabled. Open deliveries go to the new URL; a disabled endpoint gets no new events and its open deliveries wait. */
  async update(
    ctx: RequestContext,
    id: string,
    patch: { url?: string | null; events?: string[] | null; enabled?: boolean | null },
  ): Promise<WebhookView> {
    if (patch.url) {
      await this.get(ctx, id); // another brand's webhook is NOT_FOUND, whatever the URL
      await this.assertDestinationAllowed(patch.url);
    }
    return this.db.transaction(async () => {
      await this.get(ctx, id, { lock: true });
      await this.db.query(
        `UPDATE webhook_endpoint SET url = coalesce($2, url), events = coalesce($3::text[], events), enabled = coalesce($4, enabled),
                updated_at = now()
          WHERE id = $1`,
        [id, patch.url ?? null, patch.events ? [...new Set(patch.events)] : null, patch.enabled ?? null],
      );
      // Enabled (again): its waiting deliveries are due.
      if (patch.enabled) this.db.afterCommit(() => this.dispatcher.kick());
      return this.get(ctx, id);
    });
  }

  /** Deletes the endpoint and its deliveries (history included). */
  async delete(ctx: RequestContext, id: string): Promise<boolean> {
    return this.db.transaction(async () => {
      await this.get(ctx, id, { lock: true });
      await this.db.query(`DELETE FROM webhook_endpoint WHERE id = $1`, [id]);
      return true;
    });
  }
}
