import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A warehouse push in one round trip (docs/PERFORMANCE.md, "Stock ingest"): `stock_push` runs the push's
 * statements — lock the existing levels in SKU order, apply every level whose sequence is newer, count out the
 * shipped units the applied levels include (docs/ORDERS.md, "Shipments and pushes"), write the `stock.changed`
 * outbox event — and answers what the caller reports and announces. It is PL/pgSQL rather than one statement
 * with CTEs on purpose: each statement takes a new snapshot after the row locks were granted, so a shipment that
 * committed while the push waited for its lock is seen and counted out by this push (one CTE statement would
 * keep its start snapshot and leave the shipment held until a later push).
 *
 * The outbox row is the one write outside the inventory module's tables: the same columns `OutboxService.add`
 * writes, the levels stored as columns (`{ warehouseCode, skus, onHand, sequences }`, which libs/webhooks
 * `eventData` sends as `{ warehouseCode, levels: [{ sku, onHand, sequence }] }`), only while an endpoint listens;
 * the caller schedules the relay after commit (`OutboxService.relayWhenCommitted`).
 */
export class StockPushFunction1764059400000 implements MigrationInterface {
  name = 'StockPushFunction1764059400000';

  async up(q: QueryRunner): Promise<void> {
    // The on-hand the last applied push replaced (null until a push replaces one): the upsert that replaces it keeps
    // it while holding the row lock, so a push learns each level's change without locking and reading levels first.
    await q.query(`ALTER TABLE stock_level ADD COLUMN previous_on_hand integer`);
    await q.query(`
      CREATE FUNCTION stock_push(p_warehouse uuid, p_warehouse_code text, p_event_id uuid,
                                 p_skus text[], p_on_hand integer[], p_sequences bigint[])
      RETURNS TABLE (applied integer, event boolean, unknown_skus text[], changed_skus text[], changed_deltas integer[])
      LANGUAGE plpgsql VOLATILE
      -- The arrays' lengths differ from call to call (1..5000): plan each statement for the arrays at hand.
      SET plan_cache_mode = force_custom_plan
      AS $fn$
      #variable_conflict use_column
      DECLARE
        a_skus text[]; a_on_hand integer[]; a_previous integer[]; a_seq bigint[];
        r_skus text[]; r_qty integer[];
      BEGIN
        event := false;
        -- p_sequences: one per level, or one for all of them (a warehouse message usually has one).
        -- 1. Every level whose sequence is newer than the stored one; stale and repeated ones change nothing. In SKU
        --    order, so concurrent pushes (and shipments, which lock levels in the same order) never deadlock.
        WITH up AS (
          INSERT INTO stock_level AS sl (sku, warehouse_id, on_hand, sequence, updated_at)
          SELECT t.sku, p_warehouse, t.on_hand, CASE WHEN cardinality(p_sequences) = 1 THEN p_sequences[1] ELSE t.seq END, now()
            FROM unnest(p_skus, p_on_hand, p_sequences) AS t(sku, on_hand, seq)
           ORDER BY t.sku
          ON CONFLICT (sku, warehouse_id) DO UPDATE
             SET on_hand = EXCLUDED.on_hand, previous_on_hand = sl.on_hand, sequence = EXCLUDED.sequence, updated_at = now()
           WHERE sl.sequence < EXCLUDED.sequence
          RETURNING sl.sku, sl.on_hand, coalesce(sl.previous_on_hand, 0) AS previous, sl.sequence)
        SELECT coalesce(array_agg(up.sku), '{}'), coalesce(array_agg(up.on_hand), '{}'),
               coalesce(array_agg(up.previous), '{}'), coalesce(array_agg(up.sequence), '{}')
          INTO a_skus, a_on_hand, a_previous, a_seq FROM up;

        IF cardinality(a_skus) > 0 THEN
          -- 2. Shipped units an applied level counts out stop being held in reserved (a new snapshot: shipments that
          --    committed while step 1 waited for their row locks are seen).
          WITH a AS (SELECT * FROM unnest(a_skus, a_seq) AS a(sku, seq)),
               d AS (DELETE FROM shipped_stock ss USING a
                      WHERE ss.warehouse_id = p_warehouse AND ss.sku = a.sku
                        AND (ss.stock_sequence IS NULL OR ss.stock_sequence <= a.seq)
                     RETURNING ss.sku, ss.quantity),
               s AS (SELECT d.sku, sum(d.quantity)::int AS quantity FROM d GROUP BY d.sku),
               u AS (UPDATE stock_level sl SET reserved = greatest(0, sl.reserved - s.quantity) FROM s
                      WHERE sl.sku = s.sku AND sl.warehouse_id = p_warehouse)
          SELECT coalesce(array_agg(s.sku), '{}'), coalesce(array_agg(s.quantity), '{}') INTO r_skus, r_qty FROM s;

          -- 3. The stock.changed event, while an enabled endpoint of no brand listens to it (a push nobody listens
          --    to stores no event, as the relay would match it to nobody), with the applied levels in the order the
          --    warehouse sent them, stored as columns (libs/webhooks eventData sends them as a list of levels).
          IF EXISTS (SELECT 1 FROM webhook_endpoint e
                      WHERE e.enabled AND e.brand_id IS NULL AND e.events && ARRAY['stock.changed', '*']) THEN
            INSERT INTO outbox_event (id, type, brand_id, aggregate_id, payload)
            SELECT p_event_id, 'stock.changed', NULL, 'warehouse:' || p_warehouse_code,
                   jsonb_build_object('warehouseCode', p_warehouse_code, 'skus', to_jsonb(array_agg(a.sku ORDER BY i.n)),
                                      'onHand', to_jsonb(array_agg(a.on_hand ORDER BY i.n)),
                                      'sequences', to_jsonb(array_agg(a.seq::text ORDER BY i.n)))
              FROM unnest(a_skus, a_on_hand, a_seq) AS a(sku, on_hand, seq)
              JOIN unnest(p_skus) WITH ORDINALITY AS i(sku, n) ON i.sku = a.sku;
            event := true;
          END IF;
        END IF;

        -- 4. How many applied, whether an event was written, the SKUs no product has (in the order given), and per
        --    applied SKU a product has whose available units here changed, the change: new on hand − replaced on
        --    hand (0 without a level) + counted out.
        RETURN QUERY
        WITH i AS (SELECT i.sku, i.n, EXISTS (SELECT 1 FROM variant v WHERE v.sku = i.sku) AS known
                     FROM unnest(p_skus) WITH ORDINALITY AS i(sku, n)),
             c AS (SELECT a.sku, a.on_hand - a.previous + coalesce(r.qty, 0) AS delta
                     FROM unnest(a_skus, a_on_hand, a_previous) AS a(sku, on_hand, previous)
                     JOIN i ON i.sku = a.sku AND i.known
                     LEFT JOIN unnest(r_skus, r_qty) AS r(sku, qty) ON r.sku = a.sku)
        SELECT cardinality(a_skus), event,
               (SELECT coalesce(array_agg(i.sku ORDER BY i.n), '{}') FROM i WHERE NOT i.known),
               (SELECT coalesce(array_agg(c.sku), '{}') FROM c WHERE c.delta <> 0),
               (SELECT coalesce(array_agg(c.delta), '{}') FROM c WHERE c.delta <> 0);
      END
      $fn$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION IF EXISTS stock_push(uuid, text, uuid, text[], integer[], bigint[])`);
    await q.query(`ALTER TABLE stock_level DROP COLUMN previous_on_hand`);
  }
}
