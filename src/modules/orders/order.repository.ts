import { Injectable } from '@nestjs/common';
import type { Audience, OrderStatus } from '../../../libs/domain/src';
import type { RequestContext } from '../../core/context/request-context';
import { DatabaseService } from '../../core/database/database.service';
import { Repository, type SqlParams } from '../../core/database/repository';
import type { AddressJson } from './cart.repository';

/** An order with its lines, payments and shipments (one statement). */
export interface OrderViewRow {
  id: string;
  brand_id: string;
  storefront_code: string;
  audience: Audience;
  number: string;
  status: OrderStatus;
  placed_at: Date;
  currency: string;
  prices_include_tax: boolean;
  email: string | null;
  first_name: string | null;
  last_name: string | null;
  phone: string | null;
  company_name: string | null;
  buyer_vat_number: string | null;
  seller_vat_number: string | null;
  shipping_address: AddressJson | null;
  billing_address: AddressJson | null;
  shipping_method_code: string;
  shipping_method_name: string;
  purchase_order_number: string | null;
  reverse_charge: boolean;
  subtotal_net_minor: string;
  subtotal_gross_minor: string;
  shipping_net_minor: string;
  shipping_tax_minor: string;
  shipping_gross_minor: string;
  tax_minor: string;
  total_gross_minor: string;
  tax_lines: { rate: string; netMinor: string; taxMinor: string }[];
  payment_due_at: Date | null;
  paid_minor: string;
  paid_at: Date | null;
  cancelled_at: Date | null;
  cancel_reason: string | null;
  customer_id: string | null;
  company_id: string | null;
  lines: {
    sku: string;
    name: string;
    quantity: number;
    shipped_quantity: number;
    unit_price_minor: string;
    net_minor: string;
    tax_minor: string;
    gross_minor: string;
    tax_rate: string;
  }[];
  payments: { provider: string; reference: string; amount_minor: string; recorded_at: string }[];
  shipments: {
    carrier: string;
    tracking_code: string | null;
    tracking_url: string | null;
    shipped_at: string;
    lines: { sku: string; quantity: number }[];
  }[];
}

/** Everything an order row is written with. */
export interface OrderWrite {
  id: string;
  brandId: string;
  storefrontId: string;
  audience: Audience;
  number: string;
  cartId: string;
  customerId: string | null;
  companyId: string | null;
  status: OrderStatus;
  currency: string;
  pricesIncludeTax: boolean;
  email: string | null;
  phone: string | null;
  firstName: string | null;
  lastName: string | null;
  shippingAddress: AddressJson;
  billingAddress: AddressJson;
  shippingMethodCode: string;
  shippingMethodName: string;
  purchaseOrderNumber: string | null;
  companyName: string | null;
  buyerVatNumber: string | null;
  sellerVatNumber: string | null;
  reverseCharge: boolean;
  subtotalNetMinor: bigint;
  subtotalGrossMinor: bigint;
  shippingNetMinor: bigint;
  shippingTaxMinor: bigint;
  shippingGrossMinor: bigint;
  taxMinor: bigint;
  totalGrossMinor: bigint;
  taxLines: { rate: string; netMinor: string; taxMinor: string }[];
  paymentTermsDays: number | null;
  accountTokenHash: string | null;
}

export interface OrderLineWrite {
  sku: string;
  name: string;
  quantity: number;
  unitPriceMinor: bigint;
  netMinor: bigint;
  taxMinor: bigint;
  grossMinor: bigint;
  taxRate: string;
}

/** Filters of the admin order list. */
export interface OrderFilter {
  brandId: string | null;
  storefrontId: string | null;
  status: OrderStatus | null;
  placedFrom: Date | null;
  placedTo: Date | null;
  search: string | null;
}

export type OrderKey = [placedAt: string, id: string];

const VIEW = `
  SELECT o.id, o.brand_id, s.code AS storefront_code, o.audience, o.number, o.status, o.placed_at, o.currency, o.prices_include_tax,
         o.email, o.first_name, o.last_name, o.phone, o.company_name, o.buyer_vat_number, o.seller_vat_number,
         o.shipping_address, o.billing_address, o.shipping_method_code, o.shipping_method_name, o.purchase_order_number,
         o.reverse_charge, o.subtotal_net_minor::text, o.subtotal_gross_minor::text, o.shipping_net_minor::text,
         o.shipping_tax_minor::text, o.shipping_gross_minor::text, o.tax_minor::text, o.total_gross_minor::text, o.tax_lines,
         o.payment_due_at, o.paid_minor::text, o.paid_at, o.cancelled_at, o.cancel_reason, o.customer_id, o.company_id,
         to_char(o.placed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US') AS placed_key,
         coalesce((SELECT json_agg(json_build_object('sku', l.sku, 'name', l.name, 'quantity', l.quantity,
                     'shipped_quantity', l.shipped_quantity, 'unit_price_minor', l.unit_price_minor::text, 'net_minor', l.net_minor::text,
                     'tax_minor', l.tax_minor::text, 'gross_minor', l.gross_minor::text, 'tax_rate', l.tax_rate::text) ORDER BY l.position)
                     FROM order_line l WHERE l.order_id = o.id), '[]') AS lines,
         coalesce((SELECT json_agg(json_build_object('provider', p.provider, 'reference', p.reference,
                     'amount_minor', p.amount_minor::text, 'recorded_at', p.recorded_at) ORDER BY p.recorded_at)
                     FROM payment p WHERE p.order_id = o.id), '[]') AS payments,
         coalesce((SELECT json_agg(json_build_object('carrier', sh.carrier, 'tracking_code', sh.tracking_code,
                     'tracking_url', sh.tracking_url, 'shipped_at', sh.shipped_at,
                     'lines', (SELECT json_agg(json_build_object('sku', sl.sku, 'quantity', sl.quantity) ORDER BY sl.sku)
                                 FROM shipment_line sl WHERE sl.shipment_id = sh.id)) ORDER BY sh.shipped_at, sh.id)
                     FROM shipment sh WHERE sh.order_id = o.id), '[]') AS shipments
    FROM sales_order o JOIN storefront s ON s.id = o.storefront_id`;

/**
 * SQL of orders. Storefront callers see the logged-in customer's own orders of their realm (`p.realm`); admins
 * and API keys their brands' (`p.brand`). Writes go to an order the caller's service has read through these.
 */
@Injectable()
export class OrderRepository extends Repository {
  constructor(db: DatabaseService) {
    super(db);
  }

  /**
   * Numbers and writes an order in ONE statement: the brand's counter (its row stays locked until the order's
   * transaction ends, so numbers are dense and increasing), the order, its lines and its cart's ORDERED status.
   * Done last in checkout, so the counter lock is held for this statement, the event's insert and the commit only.
   * `number` of the write is ignored: the result is `<prefix>-<counter, at least 6 digits>`.
   */
  async insertNumbered(
    ctx: RequestContext,
    o: Omit<OrderWrite, 'number'>,
    lines: OrderLineWrite[],
    prefix: string,
  ): Promise<{ number: string; placed_at: Date; payment_due_at: Date | null }> {
    const p = this.params(ctx);
    const v = (x: unknown) => p.add(x);
    const brand = v(o.brandId);
    const id = v(o.id);
    const terms = v(o.paymentTermsDays);
    const [row] = await this.run<{ number: string; placed_at: Date; payment_due_at: Date | null }>(
      p,
      `WITH n AS (
         INSERT INTO brand_order_counter AS c (brand_id, last_number)
         SELECT b.id, 1 FROM brand b WHERE b.id = ${brand}::uuid AND ${p.brand('b.id')}
         ON CONFLICT (brand_id) DO UPDATE SET last_number = c.last_number + 1
         RETURNING last_number),
       o AS (
         INSERT INTO sales_order (id, brand_id, storefront_id, audience, number, cart_id, customer_id, company_id, status, currency,
           prices_include_tax, email, phone, first_name, last_name, shipping_address, billing_address, shipping_method_code,
           shipping_method_name, purchase_order_number, company_name, buyer_vat_number, seller_vat_number, reverse_charge,
           subtotal_net_minor, subtotal_gross_minor, shipping_net_minor, shipping_tax_minor, shipping_gross_minor, tax_minor,
           total_gross_minor, tax_lines, payment_terms_days, account_token_hash, payment_due_at)
         SELECT ${id}::uuid, ${brand}::uuid, ${v(o.storefrontId)}::uuid, ${v(o.audience)}::text,
                ${v(prefix)}::text || '-' || CASE WHEN n.last_number < 1000000 THEN lpad(n.last_number::text, 6, '0') ELSE n.last_number::text END,
                ${v(o.cartId)}::uuid, ${v(o.customerId)}::uuid, ${v(o.companyId)}::uuid, ${v(o.status)}::text, ${v(o.currency)}::char(3),
                ${v(o.pricesIncludeTax)}::boolean, ${v(o.email)}::text, ${v(o.phone)}::text, ${v(o.firstName)}::text, ${v(o.lastName)}::text,
                ${v(JSON.stringify(o.shippingAddress))}::jsonb, ${v(JSON.stringify(o.billingAddress))}::jsonb, ${v(o.shippingMethodCode)}::text,
                ${v(o.shippingMethodName)}::text, ${v(o.purchaseOrderNumber)}::text, ${v(o.companyName)}::text, ${v(o.buyerVatNumber)}::text,
                ${v(o.sellerVatNumber)}::text, ${v(o.reverseCharge)}::boolean, ${v(o.subtotalNetMinor.toString())}::bigint,
                ${v(o.subtotalGrossMinor.toString())}::bigint, ${v(o.shippingNetMinor.toString())}::bigint, ${v(o.shippingTaxMinor.toString())}::bigint,
                ${v(o.shippingGrossMinor.toString())}::bigint, ${v(o.taxMinor.toString())}::bigint, ${v(o.totalGrossMinor.toString())}::bigint,
                ${v(JSON.stringify(o.taxLines))}::jsonb, ${terms}::int, ${v(o.accountTokenHash)}::text,
                CASE WHEN ${terms}::int IS NULL THEN NULL ELSE now() + make_interval(days => ${terms}::int) END
           FROM n
         RETURNING id, number, placed_at, payment_due_at),
       l AS (
         INSERT INTO order_line (order_id, position, sku, name, quantity, unit_price_minor, net_minor, tax_minor, gross_minor, tax_rate)
         SELECT o.id, t.n, t.sku, t.name, t.quantity, t.unit, t.net, t.tax, t.gross, t.rate
           FROM o, unnest(${v(lines.map((x) => x.sku))}::text[], ${v(lines.map((x) => x.name))}::text[], ${v(lines.map((x) => x.quantity))}::int[],
                          ${v(lines.map((x) => x.unitPriceMinor.toString()))}::bigint[], ${v(lines.map((x) => x.netMinor.toString()))}::bigint[],
                          ${v(lines.map((x) => x.taxMinor.toString()))}::bigint[], ${v(lines.map((x) => x.grossMinor.toString()))}::bigint[],
                          ${v(lines.map((x) => x.taxRate))}::numeric[]) WITH ORDINALITY AS t(sku, name, quantity, unit, net, tax, gross, rate, n)),
       c AS (
         UPDATE cart SET status = 'ORDERED', order_id = o.id, updated_at = now() FROM o WHERE cart.id = ${v(o.cartId)}::uuid)
       SELECT number, placed_at, payment_due_at FROM o`,
    );
    if (!row) throw new Error('brand outside the caller scope (programming error)');
    return row;
  }

  /** The order placed from this cart (the cart was checked by the caller). */
  async idOfCart(ctx: RequestContext, cartId: string): Promise<string | null> {
    const p = this.params(ctx);
    const [row] = await this.run<{ id: string }>(
      p,
      `SELECT id FROM sales_order WHERE cart_id = ${p.add(cartId)} AND ${p.brand('brand_id')}`,
    );
    return row?.id ?? null;
  }

  /** Who may see an order: the logged-in customer of its realm (storefront), or the caller's brands (admin). */
  private scope(p: SqlParams, ctx: RequestContext): string {
    if (ctx.surface === 'storefront') {
      return `${p.realm('o.brand_id', 'o.audience')} AND o.customer_id = ${p.add(ctx.requireCustomer().id)}`;
    }
    return p.brand('o.brand_id');
  }

  async views(ctx: RequestContext, ids: string[]): Promise<OrderViewRow[]> {
    const p = this.params(ctx);
    return this.run(p, `${VIEW} WHERE o.id = ANY(${p.add(ids)}::uuid[]) AND ${this.scope(p, ctx)}`);
  }

  /**
   * The order the caller's storefront placed in this request (a guest has no session to see it through):
   * by id within the storefront's realm. Only for the answer of placeOrder and registerFromOrder.
   */
  async justPlaced(ctx: RequestContext, id: string): Promise<OrderViewRow> {
    const p = this.params(ctx);
    const [row] = await this.run<OrderViewRow>(
      p,
      `${VIEW} WHERE o.id = ${p.add(id)} AND o.storefront_id = ${p.add(ctx.requireStorefront().id)} AND ${p.realm('o.brand_id', 'o.audience')}`,
    );
    if (!row) throw new Error('order just placed not found (programming error)');
    return row;
  }

  /** Orders by id for a customer's GDPR export (the caller listed them: the customer's own in the caller's scope). */
  async exportViews(ctx: RequestContext, ids: string[]): Promise<OrderViewRow[]> {
    const p = this.params(ctx);
    const own = ctx.storefront ? p.realm('o.brand_id', 'o.audience') : p.brand('o.brand_id');
    return this.run(p, `${VIEW} WHERE o.id = ANY(${p.add(ids)}::uuid[]) AND ${own} ORDER BY o.placed_at, o.id`);
  }

  async viewByNumber(ctx: RequestContext, number: string): Promise<OrderViewRow | null> {
    const p = this.params(ctx);
    const [row] = await this.run<OrderViewRow>(p, `${VIEW} WHERE o.number = ${p.add(number)} AND ${this.scope(p, ctx)}`);
    return row ?? null;
  }

  /** A page of orders, newest first: the customer's own (storefront) or the caller's brands' with filters (admin). */
  async page(
    ctx: RequestContext,
    filter: OrderFilter | null,
    after: OrderKey | null,
    limit: number,
  ): Promise<{ rows: (OrderViewRow & { placed_key: string })[]; total: number }> {
    const p = this.params(ctx);
    const where = [this.scope(p, ctx)];
    if (filter?.brandId) where.push(`o.brand_id = ${p.add(filter.brandId)}`);
    if (filter?.storefrontId) where.push(`o.storefront_id = ${p.add(filter.storefrontId)}`);
    if (filter?.status) where.push(`o.status = ${p.add(filter.status)}`);
    if (filter?.placedFrom) where.push(`o.placed_at >= ${p.add(filter.placedFrom)}`);
    if (filter?.placedTo) where.push(`o.placed_at < ${p.add(filter.placedTo)}`);
    if (filter?.search) {
      const like = p.add(`%${filter.search.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
      where.push(
        `(lower(o.number) LIKE ${like} OR lower(o.email) LIKE ${like} OR lower(o.purchase_order_number) LIKE ${like}
          OR lower(o.company_name) LIKE ${like} OR lower(o.last_name) LIKE ${like})`,
      );
    }
    const [count] = await this.run<{ n: string }>(p, `SELECT count(*) AS n FROM sales_order o WHERE ${where.join(' AND ')}`);
    if (after) {
      where.push(`(o.placed_at, o.id) < (${p.add(after[0])}::timestamp AT TIME ZONE 'UTC', ${p.add(after[1])}::uuid)`);
    }
    const rows = await this.run<OrderViewRow & { placed_key: string }>(
      p,
      `${VIEW} WHERE ${where.join(' AND ')} ORDER BY o.placed_at DESC, o.id DESC LIMIT ${p.add(limit)}`,
    );
    return { rows, total: Number(count.n) };
  }
}
