import { Inject, Injectable } from '@nestjs/common';
import { badInput, DomainError } from '../../../libs/errors/src';
import { formatAmount } from '../../../libs/pricing/src';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { RequestContext } from '../../core/context/request-context';
import { DatabaseService } from '../../core/database/database.service';
import { OutboxService } from '../events/outbox.service';
import { StockReservationService } from '../inventory/stock-reservation.service';
import type { OrderType } from './graphql/order.types';
import { OrderAdminService } from './order-admin.service';
import { OrderOpsRepository } from './order-ops.repository';
import { orderEventData } from './order-view';

export type CancelledBy = 'customer' | 'admin' | 'payment-timeout';

const BATCH = 50;

/**
 * Cancelling an order: by an admin or key (anything not shipped yet, paid too: the refund happens outside and the
 * event says what was paid), by its customer (only while nothing is paid or shipped), or by the unpaid-order
 * timeout. One transaction: every unit the order still holds is released, the order is CANCELLED, `order.cancelled`.
 */
@Injectable()
export class OrderCancellationService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly db: DatabaseService,
    private readonly admin: OrderAdminService,
    private readonly ops: OrderOpsRepository,
    private readonly stock: StockReservationService,
    private readonly outbox: OutboxService,
  ) {}

  cancelByAdmin(ctx: RequestContext, number: string, reason: string): Promise<OrderType> {
    const why = reason.trim();
    if (!why || why.length > 500) throw badInput([{ path: 'reason', message: 'give 1 to 500 characters' }]);
    return this.cancel(ctx, number, why, 'admin');
  }

  cancelByCustomer(ctx: RequestContext, number: string): Promise<OrderType> {
    ctx.requireCustomer();
    return this.cancel(ctx, number, 'Cancelled by the customer.', 'customer');
  }

  /** The background job: cancels unpaid orders older than UNPAID_ORDER_TIMEOUT_MS, a batch per transaction. */
  async cancelOverdueUnpaid(): Promise<number> {
    const ctx = RequestContext.system('unpaid-order-timeout');
    let total = 0;
    for (;;) {
      const n = await this.db.transaction(async () => {
        const due = await this.ops.claimOverdueUnpaid(this.config.unpaidOrderTimeoutMs, BATCH);
        for (const o of due) await this.cancel(ctx, o.number, 'Not paid in time.', 'payment-timeout');
        return due.length;
      });
      total += n;
      if (n < BATCH) return total;
    }
  }

  private cancel(ctx: RequestContext, number: string, reason: string, by: CancelledBy): Promise<OrderType> {
    return this.db.transaction(async () => {
      const { view: o, brandId, paidMinor } = await this.admin.lockOrder(ctx, number);
      const shipped = o.lines.some((l) => l.shippedQuantity > 0);
      const refused =
        o.status === 'CANCELLED'
          ? 'is already cancelled'
          : shipped || o.status === 'SHIPPED' || o.status === 'PARTIALLY_SHIPPED'
            ? 'has shipped'
            : by !== 'admin' && paidMinor > 0n
              ? 'is paid: ask the shop to cancel it'
              : by === 'payment-timeout' && o.status !== 'AWAITING_PAYMENT'
                ? 'is no longer awaiting payment'
                : null;
      if (refused) {
        throw new DomainError('BAD_USER_INPUT', `Order ${o.number} cannot be cancelled: it ${refused}.`, {
          extensions: { status: o.status },
        });
      }
      await this.stock.releaseOrder(ctx, o.id);
      await this.ops.cancel(ctx, o.id, reason);
      const cancelled = await this.admin.view(ctx, o.id);
      await this.outbox.add({
        type: 'order.cancelled',
        brandId,
        aggregateId: o.id,
        data: orderEventData(cancelled, {
          reason,
          by,
          cancelledAt: cancelled.cancelledAt,
          // What was paid and is to be refunded outside this system (0 when nothing was paid).
          paidAmount: formatAmount(paidMinor, o.currency),
          payments: cancelled.payments.map((p) => ({ provider: p.provider, reference: p.reference, amount: p.amount.amount })),
        }),
      });
      return cancelled;
    });
  }
}
