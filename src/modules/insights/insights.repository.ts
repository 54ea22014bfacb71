import { Injectable } from '@nestjs/common';
import type { Audience, CustomerSegment } from '../../../libs/domain/src';
import type { RequestContext } from '../../core/context/request-context';
import { DatabaseService } from '../../core/database/database.service';
import { Repository } from '../../core/database/repository';

const WORKER = 'the insights worker counts the orders of every brand (a system job)';

/** An order the worker counts (committed, not yet counted) or un-counts (counted, now cancelled). */
export interface DueOrderRow {
  id: string;
  customer_id: string | null;
  counted: boolean;
}

/** A customer whose segment changed, with what `customer.segment_changed` tells and whether they consented. */
export interface SegmentChangeRow {
  customer_id: string;
  brand_id: string;
  brand_code: string;
  audience: Audience;
  from_segment: CustomerSegment;
  to_segment: CustomerSegment;
  changed_at: Date;
  consented: boolean;
}

/** One "also bought" entry of a product: the other product and its rank (0 first). */
export interface AlsoBoughtRow {
  product_id: string;
  other_id: string;
}

/** A buy-again item of a company or customer. */
export interface BuyerItemRow {
  sku: string;
  times_ordered: number;
  total_quantity: string;
  last_quantity: number;
  last_ordered_at: Date;
}

/** The segment with its statistics: which orders are counted, and in which realm (brand + audience). */
function resegmentSql(candidates: string, opts: { limit?: string; skipLocked: boolean }): string {
  return `WITH due AS (
      SELECT cu.id, cu.segment AS old,
             customer_segment(cu.orders_counted, cu.first_ordered_at, cu.last_ordered_at, now(),
                              s.segment_new_days, s.segment_at_risk_min_days, s.segment_lapsed_days) AS new
        FROM customer cu JOIN storefront s ON s.id = cu.registered_storefront_id
       WHERE ${candidates} AND cu.erased_at IS NULL
         AND customer_segment(cu.orders_counted, cu.first_ordered_at, cu.last_ordered_at, now(),
                              s.segment_new_days, s.segment_at_risk_min_days, s.segment_lapsed_days) <> cu.segment
       ORDER BY cu.id ${opts.limit ? `LIMIT ${opts.limit}` : ''}
         FOR UPDATE OF cu ${opts.skipLocked ? 'SKIP LOCKED' : ''}),
    changed AS (
      UPDATE customer cu SET segment = due.new, segment_since = now() FROM due
       WHERE cu.id = due.id
      RETURNING cu.id, cu.brand_id, cu.audience, due.old, due.new),
    hist AS (
      INSERT INTO customer_segment_history (customer_id, brand_id, from_segment, to_segment)
      SELECT id, brand_id, old, new FROM changed)
    SELECT ch.id AS customer_id, ch.brand_id, b.code AS brand_code, ch.audience, ch.old AS from_segment, ch.new AS to_segment,
           now() AS changed_at,
           EXISTS (SELECT 1 FROM consent k WHERE k.customer_id = ch.id AND k.purpose = 'NEWSLETTER' AND k.granted) AS consented
      FROM changed ch JOIN brand b ON b.id = ch.brand_id
     ORDER BY ch.id`;
}

/**
 * SQL of customer insights: the worker's counting (system work across brands), the daily segment pass, and the
 * reads — "also bought" for the caller's storefront, buy-again for the caller, segment counts per brand.
 */
@Injectable()
export class InsightsRepository extends Repository {
  constructor(db: DatabaseService) {
    super(db);
  }

  // --- the worker (call inside one transaction) ---

  /** Orders to count (committed: confirmed, shipped in part or whole) or un-count (counted, now cancelled); locked. */
  claimDue(limit: number): Promise<DueOrderRow[]> {
    return this.unscoped(
      WORKER,
      `SELECT o.id, o.customer_id, o.insights_counted AS counted FROM sales_order o
        WHERE (NOT o.insights_counted AND o.status IN ('CONFIRMED','PARTIALLY_SHIPPED','SHIPPED'))
           OR (o.insights_counted AND o.status = 'CANCELLED')
        ORDER BY o.placed_at LIMIT $1 FOR UPDATE SKIP LOCKED`,
      [limit],
    );
  }

  /**
   * Adds (sign 1) or removes (sign −1) the orders' product pairs: every ordered pair of distinct products in one
   * order, once per order. Rows in a fixed order (no deadlock between instances); pairs at 0 go.
   */
  async applyPairs(orders: { id: string; sign: number }[]): Promise<void> {
    const gone = await this.unscoped<{ brand_id: string; product_id: string; other_id: string }>(
      WORKER,
      `WITH d AS (SELECT * FROM unnest($1::uuid[], $2::int[]) AS d(id, s)),
            lp AS (SELECT DISTINCT o.brand_id, o.id AS order_id, d.s, v.product_id
                     FROM d JOIN sales_order o ON o.id = d.id JOIN order_line l ON l.order_id = o.id JOIN variant v ON v.sku = l.sku),
            pairs AS (SELECT a.brand_id, a.product_id, b.product_id AS other_id, sum(a.s)::int AS n
                        FROM lp a JOIN lp b ON b.order_id = a.order_id AND b.product_id <> a.product_id
                       GROUP BY 1, 2, 3)
       INSERT INTO product_pair (brand_id, product_id, other_id, orders)
       SELECT brand_id, product_id, other_id, n FROM pairs WHERE n <> 0 ORDER BY 1, 2, 3
       ON CONFLICT (brand_id, product_id, other_id) DO UPDATE SET orders = product_pair.orders + EXCLUDED.orders
       RETURNING brand_id, product_id, other_id, orders`,
      [orders.map((o) => o.id), orders.map((o) => o.sign)],
    ).then((rows) =>
      (rows as Array<{ brand_id: string; product_id: string; other_id: string; orders: number }>).filter((r) => r.orders <= 0),
    );
    if (!gone.length) return;
    await this.unscoped(
      WORKER,
      `DELETE FROM product_pair pp USING unnest($1::uuid[], $2::uuid[], $3::uuid[]) AS g(brand_id, product_id, other_id)
        WHERE pp.brand_id = g.brand_id AND pp.product_id = g.product_id AND pp.other_id = g.other_id AND pp.orders <= 0`,
      [gone.map((g) => g.brand_id), gone.map((g) => g.product_id), gone.map((g) => g.other_id)],
    );
  }

  /** Counts the orders' lines into their buyer's items: the company's (B2B) or the customer's (B2C); guests have none. */
  async countItems(orderIds: string[]): Promise<void> {
    await this.unscoped(
      WORKER,
      `WITH ol AS (
         SELECT o.brand_id, CASE WHEN o.audience = 'B2B' THEN o.company_id END AS company_id,
                CASE WHEN o.audience = 'B2C' THEN o.customer_id END AS customer_id, l.sku, l.quantity, o.placed_at, o.id
           FROM sales_order o JOIN order_line l ON l.order_id = o.id
          WHERE o.id = ANY($1::uuid[])
            AND ((o.audience = 'B2B' AND o.company_id IS NOT NULL) OR (o.audience = 'B2C' AND o.customer_id IS NOT NULL))),
       agg AS (
         SELECT brand_id, company_id, customer_id, sku, count(*)::int AS n, sum(quantity) AS qty,
                (array_agg(quantity ORDER BY placed_at DESC, id DESC))[1] AS last_q, max(placed_at) AS last_at
           FROM ol GROUP BY 1, 2, 3, 4)
       INSERT INTO buyer_item (brand_id, company_id, customer_id, sku, times_ordered, total_quantity, last_quantity, last_ordered_at)
       SELECT brand_id, company_id, customer_id, sku, n, qty, last_q, last_at FROM agg
        ORDER BY coalesce(company_id, customer_id), sku
       ON CONFLICT (owner_id, sku) DO UPDATE SET
         times_ordered = buyer_item.times_ordered + EXCLUDED.times_ordered,
         total_quantity = buyer_item.total_quantity + EXCLUDED.total_quantity,
         last_quantity = CASE WHEN EXCLUDED.last_ordered_at >= buyer_item.last_ordered_at
                              THEN EXCLUDED.last_quantity ELSE buyer_item.last_quantity END,
         last_ordered_at = greatest(buyer_item.last_ordered_at, EXCLUDED.last_ordered_at)`,
      [orderIds],
    );
  }

  /** Takes counted orders' lines out of the items of the owner they were counted for; returns the items touched. */
  uncountItems(orderIds: string[]): Promise<{ owner_id: string; sku: string }[]> {
    return this.unscoped(
      WORKER,
      `WITH ol AS (
         SELECT o.insights_owner_id AS owner_id, l.sku, count(*)::int AS n, sum(l.quantity) AS qty
           FROM sales_order o JOIN order_line l ON l.order_id = o.id
          WHERE o.id = ANY($1::uuid[]) AND o.insights_owner_id IS NOT NULL
          GROUP BY 1, 2)
       UPDATE buyer_item bi SET times_ordered = bi.times_ordered - ol.n, total_quantity = bi.total_quantity - ol.qty
         FROM ol WHERE bi.owner_id = ol.owner_id AND bi.sku = ol.sku
       RETURNING bi.owner_id, bi.sku`,
      [orderIds],
    );
  }

  /** After un-counting: the touched items' last order from the owner's remaining counted orders; empty items go. */
  async settleItems(items: { owner_id: string; sku: string }[]): Promise<void> {
    if (!items.length) return;
    const values = [items.map((i) => i.owner_id), items.map((i) => i.sku)];
    await this.unscoped(
      WORKER,
      `DELETE FROM buyer_item bi USING unnest($1::uuid[], $2::text[]) AS k(owner_id, sku)
        WHERE bi.owner_id = k.owner_id AND bi.sku = k.sku AND bi.times_ordered <= 0`,
      values,
    );
    await this.unscoped(
      WORKER,
      `UPDATE buyer_item bi SET (last_quantity, last_ordered_at) = (
                SELECT l.quantity, o.placed_at FROM sales_order o JOIN order_line l ON l.order_id = o.id AND l.sku = bi.sku
                 WHERE o.insights_owner_id = bi.owner_id AND o.insights_counted
                 ORDER BY o.placed_at DESC, o.id DESC LIMIT 1)
         FROM unnest($1::uuid[], $2::text[]) AS k(owner_id, sku)
        WHERE bi.owner_id = k.owner_id AND bi.sku = k.sku`,
      values,
    );
  }

  /** Marks orders counted (with the buy-again owner they were counted for) or not counted any more. */
  async mark(orders: { id: string; sign: number }[]): Promise<void> {
    await this.unscoped(
      WORKER,
      `UPDATE sales_order o SET insights_counted = d.s > 0,
              insights_owner_id = CASE WHEN d.s > 0 THEN CASE o.audience WHEN 'B2B' THEN o.company_id ELSE o.customer_id END END
         FROM unnest($1::uuid[], $2::int[]) AS d(id, s) WHERE o.id = d.id`,
      [orders.map((o) => o.id), orders.map((o) => o.sign)],
    );
  }

  /** The customers' order statistics again from their counted orders (live customers only). */
  async refreshCustomerStats(customerIds: string[]): Promise<void> {
    await this.unscoped(
      WORKER,
      `WITH s AS (
         SELECT c.id, count(o.id)::int AS n, min(o.placed_at) AS first_at, max(o.placed_at) AS last_at
           FROM unnest($1::uuid[]) AS c(id) LEFT JOIN sales_order o ON o.customer_id = c.id AND o.insights_counted
          GROUP BY c.id ORDER BY c.id)
       UPDATE customer cu SET orders_counted = s.n, first_ordered_at = s.first_at, last_ordered_at = s.last_at
         FROM s WHERE cu.id = s.id AND cu.erased_at IS NULL`,
      [customerIds],
    );
  }

  /** The segments of these customers now; changed ones get a history row. Returns the changes. */
  resegment(customerIds: string[]): Promise<SegmentChangeRow[]> {
    return this.unscoped(WORKER, resegmentSql('cu.id = ANY($1::uuid[])', { skipLocked: false }), [customerIds]);
  }

  /**
   * The daily pass, one batch: customers whose segment changed by time passing (only NEW, ACTIVE and AT_RISK can),
   * across brands, claimed with SKIP LOCKED.
   */
  resegmentTimed(limit: number): Promise<SegmentChangeRow[]> {
    return this.unscoped(
      'the daily segment pass looks at the customers of every brand',
      resegmentSql(`cu.segment IN ('NEW','ACTIVE','AT_RISK')`, { limit: '$1', skipLocked: true }),
      [limit],
    );
  }

  /** Claims the daily pass when the last one is older than `everyMs` (one instance wins). */
  async claimDailyPass(everyMs: number): Promise<boolean> {
    const rows = await this.unscoped(
      'the daily segment pass is one for all brands',
      `UPDATE insights_state SET segments_recomputed_at = now()
        WHERE segments_recomputed_at <= now() - make_interval(secs => $1::double precision / 1000) RETURNING id`,
      [everyMs],
    );
    return rows.length > 0;
  }

  // --- reads ---

  /**
   * For each product, its `first` most often co-ordered products of the storefront's brand that the storefront shows
   * (published, with a variant priced there), by co-occurring orders, then slug. One statement for a page of products
   * (a hot read: prepared where the database allows it).
   */
  alsoBought(ctx: RequestContext, productIds: readonly string[], first: number): Promise<AlsoBoughtRow[]> {
    const p = this.params(ctx);
    const sf = p.add(ctx.requireStorefront().id);
    return this.runPrepared(
      p,
      `SELECT x.product_id, x.other_id
         FROM unnest(${p.add([...productIds])}::uuid[]) AS src(id)
         CROSS JOIN LATERAL (
           SELECT pp.product_id, pp.other_id, pp.orders, o.slug
             FROM product_pair pp
             JOIN publication pub ON pub.product_id = pp.other_id AND pub.storefront_id = ${sf}
             JOIN product o ON o.id = pp.other_id
            WHERE pp.product_id = src.id AND ${p.brand('pp.brand_id')}
              AND EXISTS (SELECT 1 FROM variant v JOIN price pr ON pr.variant_id = v.id AND pr.storefront_id = ${sf}
                           WHERE v.product_id = pp.other_id)
            ORDER BY pp.orders DESC, o.slug
            LIMIT ${p.add(first)}) x
        ORDER BY x.product_id, x.orders DESC, x.slug`,
    );
  }

  /** The owner's most ordered SKUs (times ordered, then last ordered, then SKU), within the caller's brand. */
  buyerItems(ctx: RequestContext, ownerId: string, first: number): Promise<BuyerItemRow[]> {
    const p = this.params(ctx);
    return this.run(
      p,
      `SELECT bi.sku, bi.times_ordered, bi.total_quantity::text AS total_quantity, bi.last_quantity, bi.last_ordered_at
         FROM buyer_item bi
        WHERE bi.owner_id = ${p.add(ownerId)} AND ${p.brand('bi.brand_id')}
        ORDER BY bi.times_ordered DESC, bi.last_ordered_at DESC, bi.sku
        LIMIT ${p.add(first)}`,
    );
  }

  /** Live customers per segment in the caller's brands (or one of them). */
  segmentCounts(ctx: RequestContext, brandId: string | null): Promise<{ segment: CustomerSegment; count: number }[]> {
    const p = this.params(ctx);
    return this.run(
      p,
      `SELECT c.segment, count(*)::int AS count FROM customer c
        WHERE c.erased_at IS NULL AND ${p.brand('c.brand_id')} AND (${p.add(brandId)}::uuid IS NULL OR c.brand_id = ${p.add(brandId)}::uuid)
        GROUP BY c.segment`,
    );
  }

  // --- personal data (GDPR) ---

  /** The customer's segment and its history, oldest first (the caller's realm or brands). */
  async segmentOf(
    ctx: RequestContext,
    customerId: string,
  ): Promise<{ segment: CustomerSegment; since: Date; history: { from: string; to: string; at: Date }[] } | null> {
    const p = this.params(ctx);
    const [row] = await this.run<{ segment: CustomerSegment; since: Date; history: { from: string; to: string; at: string }[] }>(
      p,
      `SELECT c.segment, c.segment_since AS since,
              coalesce((SELECT json_agg(json_build_object('from', h.from_segment, 'to', h.to_segment, 'at', h.changed_at) ORDER BY h.id)
                          FROM customer_segment_history h WHERE h.customer_id = c.id), '[]') AS history
         FROM customer c WHERE c.id = ${p.add(customerId)} AND ${p.brand('c.brand_id')}`,
    );
    return row ? { ...row, history: row.history.map((h) => ({ ...h, at: new Date(h.at) })) } : null;
  }

  /**
   * Erasure: the segment history goes, the segment and statistics are reset, the customer's own (B2C) buy-again items
   * go, and their orders no longer point at an owner (the pairs stay: they hold no personal data).
   */
  async eraseCustomer(ctx: RequestContext, customerId: string): Promise<void> {
    const id = customerId;
    const h = this.params(ctx);
    await this.run(h, `DELETE FROM customer_segment_history WHERE customer_id = ${h.add(id)} AND ${h.brand('brand_id')}`);
    const i = this.params(ctx);
    await this.run(i, `DELETE FROM buyer_item WHERE customer_id = ${i.add(id)} AND ${i.brand('brand_id')}`);
    const o = this.params(ctx);
    await this.run(
      o,
      `UPDATE sales_order SET insights_owner_id = NULL WHERE insights_owner_id = ${o.add(id)} AND ${o.brand('brand_id')}`,
    );
    const c = this.params(ctx);
    await this.run(
      c,
      `UPDATE customer SET segment = 'PROSPECT', segment_since = now(), orders_counted = 0, first_ordered_at = NULL, last_ordered_at = NULL
        WHERE id = ${c.add(id)} AND ${c.brand('brand_id')}`,
    );
  }
}
