import { Injectable } from '@nestjs/common';
import type { OrderStatus } from '../../../libs/domain/src';
import type { RequestContext } from '../../core/context/request-context';
import { DatabaseService } from '../../core/database/database.service';
import { Repository, type SqlParams } from '../../core/database/repository';

const UNPAID_QUEUE = 'the unpaid-order timeout cancels every brand’s overdue orders (a system job)';

/**
 * SQL of what happens to an order after it was placed: payments, shipments, cancellation, and the claim of
 * overdue unpaid orders. Every write goes to an order the caller has locked through `lock` (its scope: the
 * caller's brands on the Admin API, the logged-in customer's own orders on the Storefront API).
 */
@Injectable()
export class OrderOpsRepository extends Repository {
  constructor(db: DatabaseService) {
    super(db);
  }

  private scope(p: SqlParams, ctx: RequestContext): string {
    if (ctx.surface === 'storefront') {
      return `${p.realm('o.brand_id', 'o.audience')} AND o.customer_id = ${p.add(ctx.requireCustomer().id)}`;
    }
    return p.brand('o.brand_id');
  }

  /**
   * Locks an order the caller may see, by number. A statement of its own: the caller reads the order after it,
   * so a change committed while this waited for the lock is seen (READ COMMITTED: a snapshot per statement).
   */
  async lock(ctx: RequestContext, number: string): Promise<{ id: string; brand_id: string } | null> {
    const p = this.params(ctx);
    const [row] = await this.run<{ id: string; brand_id: string }>(
      p,
      `SELECT o.id, o.brand_id FROM sales_order o WHERE o.number = ${p.add(number)} AND ${this.scope(p, ctx)} FOR UPDATE OF o`,
    );
    return row ?? null;
  }

  /** The order a payment (provider, reference) was recorded for, among the caller's brands. */
  async paymentOrder(ctx: RequestContext, provider: string, reference: string): Promise<string | null> {
    const p = this.params(ctx);
    const [row] = await this.run<{ order_id: string }>(
      p,
      `SELECT pm.order_id FROM payment pm
        WHERE pm.provider = ${p.add(provider)} AND pm.reference = ${p.add(reference)} AND ${p.brand('pm.brand_id')}`,
    );
    return row?.order_id ?? null;
  }

  /**
   * Records a payment and marks the order paid (AWAITING_PAYMENT → CONFIRMED; other statuses stay). False when the
   * (provider, reference) pair is taken (by any brand: it is unique).
   */
  async recordPayment(
    ctx: RequestContext,
    order: { id: string; brandId: string },
    payment: { id: string; provider: string; reference: string; amountMinor: bigint },
  ): Promise<boolean> {
    const p = this.params(ctx);
    const [row] = await this.run<{ id: string }>(
      p,
      `WITH pm AS (
         INSERT INTO payment (id, brand_id, order_id, provider, reference, amount_minor)
         SELECT ${p.add(payment.id)}, o.brand_id, o.id, ${p.add(payment.provider)}, ${p.add(payment.reference)}, ${p.add(payment.amountMinor.toString())}::bigint
           FROM sales_order o WHERE o.id = ${p.add(order.id)} AND ${p.brand('o.brand_id')}
         ON CONFLICT (provider, reference) DO NOTHING
         RETURNING order_id, amount_minor)
       UPDATE sales_order o SET paid_minor = o.paid_minor + pm.amount_minor, paid_at = now(), updated_at = now(),
              status = CASE WHEN o.status = 'AWAITING_PAYMENT' THEN 'CONFIRMED' ELSE o.status END
         FROM pm WHERE o.id = pm.order_id
       RETURNING o.id`,
    );
    return row !== undefined;
  }

  /** Writes a shipment with its lines and counts the units shipped on the order's lines. */
  async insertShipment(
    ctx: RequestContext,
    s: {
      id: string;
      orderId: string;
      warehouseId: string;
      carrier: string;
      trackingCode: string | null;
      trackingUrl: string | null;
      lines: { sku: string; quantity: number }[];
    },
  ): Promise<void> {
    const p = this.params(ctx);
    const skus = p.add(s.lines.map((l) => l.sku));
    const qty = p.add(s.lines.map((l) => l.quantity));
    const order = p.add(s.orderId);
    await this.run(
      p,
      `WITH o AS (SELECT o.id, o.brand_id FROM sales_order o WHERE o.id = ${order} AND ${p.brand('o.brand_id')}),
            sh AS (INSERT INTO shipment (id, brand_id, order_id, warehouse_id, carrier, tracking_code, tracking_url)
                   SELECT ${p.add(s.id)}, o.brand_id, o.id, ${p.add(s.warehouseId)}, ${p.add(s.carrier)}, ${p.add(s.trackingCode)}, ${p.add(s.trackingUrl)}
                     FROM o RETURNING id),
            a AS (SELECT * FROM unnest(${skus}::text[], ${qty}::int[]) AS a(sku, quantity)),
            sl AS (INSERT INTO shipment_line (shipment_id, sku, quantity) SELECT sh.id, a.sku, a.quantity FROM sh, a)
       UPDATE order_line l SET shipped_quantity = l.shipped_quantity + a.quantity
         FROM a, o WHERE l.order_id = o.id AND l.sku = a.sku`,
    );
  }

  /** After a shipment: SHIPPED when every unit went, else PARTIALLY_SHIPPED. */
  async settleShippedStatus(ctx: RequestContext, orderId: string): Promise<OrderStatus> {
    const p = this.params(ctx);
    const [row] = await this.run<{ status: OrderStatus }>(
      p,
      `UPDATE sales_order o SET updated_at = now(),
              status = CASE WHEN EXISTS (SELECT 1 FROM order_line l WHERE l.order_id = o.id AND l.shipped_quantity < l.quantity)
                            THEN 'PARTIALLY_SHIPPED' ELSE 'SHIPPED' END
        WHERE o.id = ${p.add(orderId)} AND ${p.brand('o.brand_id')} AND o.status IN ('CONFIRMED', 'PARTIALLY_SHIPPED')
       RETURNING o.status`,
    );
    if (!row) throw new Error('order not shippable after its checks (programming error)');
    return row.status;
  }

  /** Cancels an order that is still open (the caller checked what may be cancelled). */
  async cancel(ctx: RequestContext, orderId: string, reason: string): Promise<void> {
    const p = this.params(ctx);
    const [row] = await this.run<{ id: string }>(
      p,
      `UPDATE sales_order o SET status = 'CANCELLED', cancelled_at = now(), cancel_reason = ${p.add(reason)}, updated_at = now()
        WHERE o.id = ${p.add(orderId)} AND ${p.brand('o.brand_id')} AND o.status IN ('AWAITING_PAYMENT', 'CONFIRMED')
       RETURNING o.id`,
    );
    if (!row) throw new Error('order not cancellable after its checks (programming error)');
  }

  /**
   * Claims unpaid orders placed more than `olderThanMs` ago, of every brand (FOR UPDATE SKIP LOCKED: each is taken
   * by one instance; one being paid right now is skipped and, once paid, no longer qualifies). Call in a transaction.
   */
  claimOverdueUnpaid(olderThanMs: number, limit: number): Promise<{ id: string; number: string }[]> {
    return this.unscoped(
      UNPAID_QUEUE,
      `SELECT id, number FROM sales_order
        WHERE status = 'AWAITING_PAYMENT' AND placed_at < now() - ($1 || ' milliseconds')::interval
        ORDER BY placed_at LIMIT $2 FOR UPDATE SKIP LOCKED`,
      [String(olderThanMs), limit],
    );
  }
}
