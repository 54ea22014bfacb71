import type { MigrationInterface, QueryRunner } from 'typeorm';

const SEGMENTS = `('PROSPECT','NEW','ACTIVE','AT_RISK','LAPSED')`;

/**
 * Customer insights from order data (docs/INSIGHTS.md): which orders were counted, "also bought" pairs per brand,
 * buy-again items per company (B2B) or customer (B2C), the customer's segment with its order statistics and
 * history, and the segment thresholds per storefront.
 */
export class Insights1764057600000 implements MigrationInterface {
  name = 'Insights1764057600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE storefront
        ADD COLUMN segment_new_days integer NOT NULL DEFAULT 30 CHECK (segment_new_days BETWEEN 1 AND 3650),
        ADD COLUMN segment_at_risk_min_days integer NOT NULL DEFAULT 60 CHECK (segment_at_risk_min_days BETWEEN 1 AND 3650),
        ADD COLUMN segment_lapsed_days integer NOT NULL DEFAULT 365 CHECK (segment_lapsed_days BETWEEN 1 AND 3650)`);

    // Counted: the order is in the statistics below. The worker counts committed orders and un-counts cancelled ones;
    // insights_owner_id is the buy-again owner it was counted for (company or customer), so un-counting finds it.
    await q.query(
      `ALTER TABLE sales_order ADD COLUMN insights_counted boolean NOT NULL DEFAULT false, ADD COLUMN insights_owner_id uuid`,
    );
    await q.query(`
      CREATE INDEX sales_order_insights_due ON sales_order (placed_at)
       WHERE (NOT insights_counted AND status IN ('CONFIRMED','PARTIALLY_SHIPPED','SHIPPED')) OR (insights_counted AND status = 'CANCELLED')`);
    await q.query(
      `CREATE INDEX sales_order_insights_owner ON sales_order (insights_owner_id, placed_at DESC) WHERE insights_counted`,
    );

    // For every ordered pair of distinct products in a counted order of the brand: in how many counted orders both are.
    await q.query(`
      CREATE TABLE product_pair (
        brand_id uuid NOT NULL REFERENCES brand(id) ON DELETE CASCADE,
        product_id uuid NOT NULL REFERENCES product(id) ON DELETE CASCADE,
        other_id uuid NOT NULL REFERENCES product(id) ON DELETE CASCADE,
        orders integer NOT NULL,
        PRIMARY KEY (brand_id, product_id, other_id)
      )`);
    await q.query(`CREATE INDEX product_pair_rank ON product_pair (brand_id, product_id, orders DESC, other_id)`);
    await q.query(`CREATE INDEX product_pair_other ON product_pair (other_id)`);

    // What a company (B2B) or a customer (B2C) ordered, per SKU, over its counted orders.
    await q.query(`
      CREATE TABLE buyer_item (
        brand_id uuid NOT NULL REFERENCES brand(id) ON DELETE CASCADE,
        company_id uuid REFERENCES company(id) ON DELETE CASCADE,
        customer_id uuid REFERENCES customer(id) ON DELETE CASCADE,
        owner_id uuid GENERATED ALWAYS AS (coalesce(company_id, customer_id)) STORED,
        sku text NOT NULL,
        times_ordered integer NOT NULL,
        total_quantity bigint NOT NULL,
        last_quantity integer NOT NULL,
        last_ordered_at timestamptz NOT NULL,
        PRIMARY KEY (owner_id, sku),
        CHECK ((company_id IS NULL) <> (customer_id IS NULL))
      )`);
    await q.query(`CREATE INDEX buyer_item_rank ON buyer_item (owner_id, times_ordered DESC, last_ordered_at DESC, sku)`);
    await q.query(`CREATE INDEX buyer_item_customer ON buyer_item (customer_id) WHERE customer_id IS NOT NULL`);
    await q.query(`CREATE INDEX buyer_item_company ON buyer_item (company_id) WHERE company_id IS NOT NULL`);

    await q.query(`
      ALTER TABLE customer
        ADD COLUMN segment text NOT NULL DEFAULT 'PROSPECT' CHECK (segment IN ${SEGMENTS}),
        ADD COLUMN segment_since timestamptz,
        ADD COLUMN orders_counted integer NOT NULL DEFAULT 0,
        ADD COLUMN first_ordered_at timestamptz,
        ADD COLUMN last_ordered_at timestamptz`);
    await q.query(`UPDATE customer SET segment_since = created_at`);
    await q.query(`ALTER TABLE customer ALTER COLUMN segment_since SET NOT NULL, ALTER COLUMN segment_since SET DEFAULT now()`);
    await q.query(`CREATE INDEX customer_brand_segment ON customer (brand_id, segment, created_at)`);
    // The daily pass looks only at customers whose segment can change by time passing.
    await q.query(
      `CREATE INDEX customer_segment_timed ON customer (last_ordered_at) WHERE segment IN ('NEW','ACTIVE','AT_RISK') AND erased_at IS NULL`,
    );
    await q.query(`
      CREATE TABLE customer_segment_history (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        customer_id uuid NOT NULL REFERENCES customer(id) ON DELETE CASCADE,
        brand_id uuid NOT NULL,
        from_segment text NOT NULL CHECK (from_segment IN ${SEGMENTS}),
        to_segment text NOT NULL CHECK (to_segment IN ${SEGMENTS}),
        changed_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX customer_segment_history_customer ON customer_segment_history (customer_id, id)`);

    // One row: when the last daily segment pass was claimed (instances take turns through it).
    await q.query(`
      CREATE TABLE insights_state (
        id boolean PRIMARY KEY DEFAULT true CHECK (id),
        segments_recomputed_at timestamptz NOT NULL
      )`);
    await q.query(`INSERT INTO insights_state (segments_recomputed_at) VALUES ('-infinity')`);

    // The segment rule (libs/insights classifySegment, the same precedence: LAPSED > AT_RISK > NEW > ACTIVE), in days.
    await q.query(`
      CREATE FUNCTION customer_segment(orders integer, first_at timestamptz, last_at timestamptz, at timestamptz,
                                       new_days integer, at_risk_min_days integer, lapsed_days integer)
      RETURNS text LANGUAGE sql IMMUTABLE AS $$
        SELECT CASE
          WHEN orders <= 0 OR first_at IS NULL OR last_at IS NULL THEN 'PROSPECT'
          WHEN extract(epoch FROM at - last_at) / 86400 >= lapsed_days THEN 'LAPSED'
          WHEN extract(epoch FROM at - last_at) / 86400 >
               greatest(at_risk_min_days::numeric,
                        CASE WHEN orders >= 2 THEN 2 * extract(epoch FROM last_at - first_at) / 86400 / (orders - 1) ELSE 0 END)
            THEN 'AT_RISK'
          WHEN extract(epoch FROM at - first_at) / 86400 <= new_days THEN 'NEW'
          ELSE 'ACTIVE' END
      $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION IF EXISTS customer_segment`);
    for (const t of ['insights_state', 'customer_segment_history', 'buyer_item', 'product_pair']) {
      await q.query(`DROP TABLE IF EXISTS ${t}`);
    }
    await q.query(`DROP INDEX IF EXISTS customer_segment_timed`);
    await q.query(`DROP INDEX IF EXISTS customer_brand_segment`);
    await q.query(`
      ALTER TABLE customer DROP COLUMN segment, DROP COLUMN segment_since, DROP COLUMN orders_counted,
                           DROP COLUMN first_ordered_at, DROP COLUMN last_ordered_at`);
    await q.query(`ALTER TABLE sales_order DROP COLUMN insights_counted, DROP COLUMN insights_owner_id`);
    await q.query(`
      ALTER TABLE storefront DROP COLUMN segment_new_days, DROP COLUMN segment_at_risk_min_days, DROP COLUMN segment_lapsed_days`);
  }
}
