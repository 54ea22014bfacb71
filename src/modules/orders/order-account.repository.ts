import { Injectable } from '@nestjs/common';
import type { RequestContext } from '../../core/context/request-context';
import { DatabaseService } from '../../core/database/database.service';
import { Repository, type SqlParams } from '../../core/database/repository';
import type { AddressJson } from './cart.repository';

/** A guest order an account can be made from (registerFromOrder). */
export interface GuestOrderRow {
  id: string;
  email: string;
  first_name: string | null;
  last_name: string | null;
  phone: string | null;
  shipping_address: AddressJson | null;
  billing_address: AddressJson | null;
}

/** One cart due for `cart.abandoned`, with what the event tells. */
export interface AbandonedCartRow {
  id: string;
  brand_id: string;
  customer_id: string;
  email: string;
  first_name: string | null;
  storefront_code: string;
  currency: string;
  lines: { sku: string; name: string; quantity: number; price_minor: string | null }[];
}

/**
 * SQL of orders and carts as personal data: a guest order becoming an account's, linking at login, the GDPR export
 * and erasure (scoped to the caller's realm, or the admin's brands), and the abandoned-cart job (system work).
 */
@Injectable()
export class OrderAccountRepository extends Repository {
  constructor(db: DatabaseService) {
    super(db);
  }

  /** A customer's data of the caller: the storefront's realm, or the admin's brands. */
  private own(p: SqlParams): string {
    return p.ctx.storefront ? p.realm('o.brand_id', 'o.audience') : p.brand('o.brand_id');
  }

  /** An unlinked guest order of this storefront with this number and account token; `lock` for the change. */
  async guestOrder(
    ctx: RequestContext,
    number: string,
    tokenHash: string,
    opts: { lock: boolean },
  ): Promise<GuestOrderRow | null> {
    const p = this.params(ctx);
    const [row] = await this.run<GuestOrderRow>(
      p,
      `SELECT o.id, o.email, o.first_name, o.last_name, o.phone, o.shipping_address, o.billing_address FROM sales_order o
        WHERE o.number = ${p.add(number)} AND o.storefront_id = ${p.add(ctx.requireStorefront().id)} AND ${p.realm('o.brand_id', 'o.audience')}
          AND o.account_token_hash = ${p.add(tokenHash)} AND o.customer_id IS NULL AND o.erased_at IS NULL AND o.email IS NOT NULL
          ${opts.lock ? 'FOR UPDATE OF o' : ''}`,
    );
    return row ?? null;
  }

  /** The order becomes the customer's now (`customer_id`), or at their next login (`link_customer_id`); the token is spent. */
  async link(ctx: RequestContext, orderId: string, customerId: string, when: 'now' | 'at-login'): Promise<void> {
    const p = this.params(ctx);
    const column = when === 'now' ? 'customer_id' : 'link_customer_id';
    await this.run(
      p,
      `UPDATE sales_order o SET ${column} = ${p.add(customerId)}, account_token_hash = NULL, updated_at = now()
        WHERE o.id = ${p.add(orderId)} AND ${p.realm('o.brand_id', 'o.audience')}`,
    );
  }

  /** At login: orders waiting for this customer become theirs. */
  async claimLinked(ctx: RequestContext, customerId: string): Promise<void> {
    const p = this.params(ctx);
    await this.run(
      p,
      `UPDATE sales_order o SET customer_id = o.link_customer_id, link_customer_id = NULL, updated_at = now()
        WHERE o.link_customer_id = ${p.add(customerId)} AND o.customer_id IS NULL AND ${p.realm('o.brand_id', 'o.audience')}`,
    );
  }

  /** Ids of the customer's orders (own, or waiting for their login), oldest first. */
  async orderIds(ctx: RequestContext, customerId: string): Promise<string[]> {
    const p = this.params(ctx);
    const id = p.add(customerId);
    const rows = await this.run<{ id: string }>(
      p,
      `SELECT o.id FROM sales_order o WHERE (o.customer_id = ${id} OR o.link_customer_id = ${id}) AND ${this.own(p)}
        ORDER BY o.placed_at, o.id`,
    );
    return rows.map((r) => r.id);
  }

  /**
   * Erasure on orders (docs/ORDERS.md "Personal data on orders"). B2C: the person goes (name, e-mail, phone, both
   * addresses). B2B: the invoice keeps what tax law requires (company, VAT numbers, billing address) without a
   * person's name; name, e-mail, phone and the shipping address' fullName go. Amounts, lines and number stay.
   */
  async eraseOrders(ctx: RequestContext, customerId: string): Promise<void> {
    const p = this.params(ctx);
    const id = p.add(customerId);
    await this.run(
      p,
      `UPDATE sales_order o SET email = NULL, phone = NULL, first_name = NULL, last_name = NULL,
              shipping_address = CASE WHEN o.audience = 'B2B' AND o.shipping_address IS NOT NULL
                                      THEN jsonb_set(o.shipping_address, '{fullName}', 'null'::jsonb) END,
              billing_address = CASE WHEN o.audience = 'B2B' AND o.billing_address IS NOT NULL
                                     THEN jsonb_set(o.billing_address, '{fullName}', 'null'::jsonb) END,
              account_token_hash = NULL, erased_at = now(), updated_at = now()
        WHERE (o.customer_id = ${id} OR o.link_customer_id = ${id}) AND ${this.own(p)}`,
    );
  }

  /** Events about these orders carried the buyer's data: their payloads become `{ orderId, erased: true }`. */
  async scrubOrderEvents(ctx: RequestContext, orderIds: string[]): Promise<void> {
    if (!orderIds.length) return;
    const p = this.params(ctx);
    await this.run(
      p,
      `UPDATE outbox_event SET payload = jsonb_build_object('orderId', aggregate_id, 'erased', true)
        WHERE aggregate_id = ANY(${p.add(orderIds)}::text[]) AND type LIKE 'order.%' AND ${p.brand('brand_id')}`,
    );
  }

  /** The customer's carts (with their lines) go. */
  async deleteCarts(ctx: RequestContext, customerId: string): Promise<void> {
    const p = this.params(ctx);
    await this.run(p, `DELETE FROM cart WHERE customer_id = ${p.add(customerId)} AND ${p.brand('brand_id')}`);
  }

  /**
   * Claims carts due for `cart.abandoned` across brands (SKIP LOCKED: one instance each) and marks them notified
   * in the same statement: active, of a live customer who granted NEWSLETTER, with lines, idle longer than `idleMs`.
   * The caller writes the events in the same transaction.
   */
  claimAbandoned(idleMs: number, limit: number): Promise<AbandonedCartRow[]> {
    return this.unscoped(
      'the abandoned-cart job looks at carts of every brand',
      `WITH due AS (
         SELECT c.id FROM cart c JOIN customer cu ON cu.id = c.customer_id
          WHERE c.status = 'ACTIVE' AND c.customer_id IS NOT NULL AND c.abandoned_notified_at IS NULL
            AND c.updated_at < now() - make_interval(secs => $1::double precision / 1000)
            AND cu.erased_at IS NULL AND cu.email IS NOT NULL
            AND EXISTS (SELECT 1 FROM cart_line l WHERE l.cart_id = c.id)
            AND EXISTS (SELECT 1 FROM consent k WHERE k.customer_id = c.customer_id AND k.purpose = 'NEWSLETTER' AND k.granted)
          ORDER BY c.updated_at LIMIT $2 FOR UPDATE OF c SKIP LOCKED),
       claimed AS (
         UPDATE cart c SET abandoned_notified_at = now() FROM due WHERE c.id = due.id
         RETURNING c.id, c.brand_id, c.customer_id, c.storefront_id)
       SELECT c.id, c.brand_id, c.customer_id, cu.email, cu.first_name, s.code AS storefront_code, s.currency,
              (SELECT json_agg(json_build_object('sku', l.sku, 'quantity', l.quantity,
                        'name', coalesce(CASE WHEN pr.name = v.name THEN v.name ELSE pr.name || ' – ' || v.name END, l.sku),
                        'price_minor', pc.amount_minor::text) ORDER BY l.added_at, l.sku)
                 FROM cart_line l LEFT JOIN variant v ON v.sku = l.sku LEFT JOIN product pr ON pr.id = v.product_id
                 LEFT JOIN price pc ON pc.storefront_id = c.storefront_id AND pc.variant_id = v.id
                WHERE l.cart_id = c.id) AS lines
         FROM claimed c JOIN customer cu ON cu.id = c.customer_id JOIN storefront s ON s.id = c.storefront_id`,
      [idleMs, limit],
    );
  }
}
