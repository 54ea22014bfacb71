import { Injectable } from '@nestjs/common';
import { badInput, DomainError } from '../../../libs/errors/src';
import type { RequestContext } from '../../core/context/request-context';
import { DatabaseService } from '../../core/database/database.service';
import type { WebhookDeliveryStatus } from './webhook-delivery.entity';
import { WebhookDispatcher } from './webhook-dispatcher.worker';
import { endpointScope, ofCallerBrands, UUID, WebhooksService } from './webhooks.service';

export interface WebhookDeliveryView {
  id: string;
  webhookId: string;
  eventId: string;
  eventType: string;
  occurredAt: Date;
  status: WebhookDeliveryStatus;
  attempts: number;
  nextAttemptAt: Date | null;
  lastAttemptAt: Date | null;
  lastStatusCode: number | null;
  lastError: string | null;
  deliveredAt: Date | null;
  createdAt: Date;
}

const SELECT_DELIVERY = `
  SELECT d.id, d.endpoint_id AS "webhookId", d.event_id AS "eventId", o.type AS "eventType", o.occurred_at AS "occurredAt",
         d.status, d.attempts, d.next_attempt_at AS "nextAttemptAt", d.last_attempt_at AS "lastAttemptAt",
         d.last_status_code AS "lastStatusCode", d.last_error AS "lastError", d.delivered_at AS "deliveredAt", d.created_at AS "createdAt"
    FROM webhook_delivery d JOIN webhook_endpoint e ON e.id = d.endpoint_id JOIN outbox_event o ON o.id = d.event_id`;

/** Delivery history of the caller's endpoints (newest first), and manual redelivery. */
@Injectable()
export class WebhookDeliveriesService {
  constructor(
    private readonly db: DatabaseService,
    private readonly webhooks: WebhooksService,
    private readonly dispatcher: WebhookDispatcher,
  ) {}

  async list(
    ctx: RequestContext,
    args: { webhookId?: string | null; status?: WebhookDeliveryStatus | null; first: number; after?: string | null },
  ): Promise<{ rows: WebhookDeliveryView[]; totalCount: number; hasNextPage: boolean; endCursor: string | null }> {
    if (!Number.isInteger(args.first) || args.first < 1 || args.first > 100) {
      throw badInput([{ path: 'first', message: 'must be between 1 and 100' }]);
    }
    let before: string | null = null;
    if (args.after) {
      const m = /^d:([0-9a-f-]{36})$/.exec(Buffer.from(args.after, 'base64url').toString());
      if (!m || !UUID.test(m[1])) throw badInput([{ path: 'after', message: 'is not a cursor of this list' }]);
      before = m[1];
    }
    if (args.webhookId) await this.webhooks.get(ctx, args.webhookId, { path: 'webhookId' });
    const filters = `${ofCallerBrands('e', '$1')} AND ($2::uuid IS NULL OR d.endpoint_id = $2) AND ($3::text IS NULL OR d.status = $3)`;
    const params = [endpointScope(ctx), args.webhookId ?? null, args.status ?? null];
    const rows = await this.db.query<WebhookDeliveryView>(
      `${SELECT_DELIVERY} WHERE ${filters} AND ($4::uuid IS NULL OR d.id < $4) ORDER BY d.id DESC LIMIT $5`,
      [...params, before, args.first + 1],
    );
    const [count] = await this.db.query<{ n: string }>(
      `SELECT count(*) AS n FROM webhook_delivery d JOIN webhook_endpoint e ON e.id = d.endpoint_id WHERE ${filters}`,
      params,
    );
    const page = rows.slice(0, args.first);
    return {
      rows: page,
      totalCount: Number(count.n),
      hasNextPage: rows.length > args.first,
      endCursor: page.length ? deliveryCursor(page[page.length - 1].id) : null,
    };
  }

  async get(ctx: RequestContext, id: string): Promise<WebhookDeliveryView> {
    const [row] = UUID.test(id)
      ? await this.db.query<WebhookDeliveryView>(`${SELECT_DELIVERY} WHERE d.id = $1 AND ${ofCallerBrands('e', '$2')}`, [
          id,
          endpointScope(ctx),
        ])
      : [];
    if (!row) throw notFound();
    return row;
  }

  /**
   * Sends the event again now, on a fresh retry schedule (attempts start at 0 again): a DEAD delivery once the
   * receiver is fixed, or a SUCCEEDED one the receiver lost. A delivery in flight cannot be redelivered.
   */
  async redeliver(ctx: RequestContext, id: string): Promise<WebhookDeliveryView> {
    return this.db.transaction(async () => {
      const [row] = UUID.test(id)
        ? await this.db.query<{ status: WebhookDeliveryStatus }>(
            `SELECT d.status FROM webhook_delivery d JOIN webhook_endpoint e ON e.id = d.endpoint_id
              WHERE d.id = $1 AND ${ofCallerBrands('e', '$2')} FOR UPDATE OF d`,
            [id, endpointScope(ctx)],
          )
        : [];
      if (!row) throw notFound();
      if (row.status === 'DELIVERING') {
        throw badInput([{ path: 'id', message: 'is being delivered right now: try again once this attempt has ended' }]);
      }
      await this.db.query(
        `UPDATE webhook_delivery SET status = 'PENDING', attempts = 0, next_attempt_at = now(), locked_until = NULL, updated_at = now()
          WHERE id = $1`,
        [id],
      );
      this.db.afterCommit(() => this.dispatcher.kick());
      return this.get(ctx, id); // as committed: the attempt itself happens right after
    });
  }
}

/** The cursor after this delivery (keyset on the time-ordered UUID v7 id). */
export function deliveryCursor(id: string): string {
  return Buffer.from(`d:${id}`).toString('base64url');
}

function notFound(): DomainError {
  return new DomainError('NOT_FOUND', 'Webhook delivery was not found.', {
    fieldErrors: [{ path: 'id', message: 'unknown delivery' }],
  });
}
