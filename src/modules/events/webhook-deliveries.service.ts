import { Injectable } from '@nestjs/common';
import type { WebhookDeliveryStatus } from '../../../libs/domain/src';
import { badInput, DomainError } from '../../../libs/errors/src';
import type { RequestContext } from '../../core/context/request-context';
import { DatabaseService } from '../../core/database/database.service';
import { type Connection, CursorCodec, pageLimit, toConnection } from '../../core/graphql/pagination';
import { WebhookDeliveryRepository, type WebhookDeliveryRow } from './webhook-delivery.repository';
import { WebhookDispatcher } from './webhook-dispatcher.worker';
import { UUID, WebhooksService } from './webhooks.service';

/** Position in the list: the delivery id (time-ordered UUID v7; newest first). */
const deliveryCursor = new CursorCodec<string>(
  'd',
  (id) => id,
  (text) => (UUID.test(text) ? text : null),
);

/** Delivery history of the caller's endpoints (newest first), and manual redelivery. */
@Injectable()
export class WebhookDeliveriesService {
  constructor(
    private readonly db: DatabaseService,
    private readonly deliveries: WebhookDeliveryRepository,
    private readonly webhooks: WebhooksService,
    private readonly dispatcher: WebhookDispatcher,
  ) {}

  async list(
    ctx: RequestContext,
    args: { webhookId?: string | null; status?: WebhookDeliveryStatus | null; first: number; after?: string | null },
  ): Promise<Connection<WebhookDeliveryRow>> {
    const limit = pageLimit(args.first);
    const before = deliveryCursor.decodeAfter(args.after);
    if (args.webhookId) await this.webhooks.get(ctx, args.webhookId, { path: 'webhookId' });
    const filter = { webhookId: args.webhookId ?? null, status: args.status ?? null };
    const rows = await this.deliveries.list(ctx, filter, before, limit);
    return toConnection(rows, args.first, {
      codec: deliveryCursor,
      keyOf: (r) => r.id,
      nodeOf: (r) => r,
      totalCount: await this.deliveries.count(ctx, filter),
    });
  }

  async get(ctx: RequestContext, id: string): Promise<WebhookDeliveryRow> {
    const row = UUID.test(id) ? await this.deliveries.byId(ctx, id) : undefined;
    if (!row) throw notFound();
    return row;
  }

  /**
   * Sends the event again now, on a fresh retry schedule (attempts start at 0 again): a DEAD delivery once the
   * receiver is fixed, or a SUCCEEDED one the receiver lost. A delivery in flight cannot be redelivered.
   */
  async redeliver(ctx: RequestContext, id: string): Promise<WebhookDeliveryRow> {
    return this.db.transaction(async () => {
      const status = UUID.test(id) ? await this.deliveries.lockStatus(ctx, id) : undefined;
      if (!status) throw notFound();
      if (status === 'DELIVERING') {
        throw badInput([{ path: 'id', message: 'is being delivered right now: try again once this attempt has ended' }]);
      }
      await this.deliveries.redeliver(ctx, id);
      this.db.afterCommit(() => this.dispatcher.kick());
      return this.get(ctx, id); // as committed: the attempt itself happens right after
    });
  }
}

function notFound(): DomainError {
  return new DomainError('NOT_FOUND', 'Webhook delivery was not found.', {
    fieldErrors: [{ path: 'id', message: 'unknown delivery' }],
  });
}
