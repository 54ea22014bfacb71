import { Injectable } from '@nestjs/common';
import type { StockDisplay } from '../../../libs/domain/src';
import type { RequestContext } from '../../core/context/request-context';
import { DatabaseService } from '../../core/database/database.service';
import { Repository } from '../../core/database/repository';

/** A level as a warehouse system set it (the sequence is a bigint kept as a decimal string). */
export interface StockLevelRow {
  sku: string;
  on_hand: number;
  sequence: string;
}

/** A level of the admin view, per SKU and warehouse. */
export interface StockLevelViewRow {
  sku: string;
  warehouseCode: string;
  onHand: number;
  reserved: number;
  sequence: string;
  updatedAt: Date;
}

/** A storefront (of any brand) that shows a changed SKU sold from the pushing warehouse, with what it has now. */
export interface VisibleStockRow {
  storefront_id: string;
  sku: string;
  delta: number;
  available: number;
  stock_display: StockDisplay;
  low_stock_threshold: number;
}

export interface LevelWrite {
  sku: string;
  onHand: number;
  sequence: bigint;
}

/**
 * SQL of stock levels. Warehouses and their levels are shared by every brand (no brand predicate): who may push
 * to or read a warehouse is decided by the caller's API key (its warehouses), not by brand.
 */
@Injectable()
export class StockRepository extends Repository {
  constructor(db: DatabaseService) {
    super(db);
  }

  /** Locks the existing levels of these SKUs in one warehouse in a fixed order (no deadlocks) and returns them. */
  lockLevels(ctx: RequestContext, warehouseId: string, skus: string[]): Promise<{ sku: string; on_hand: number }[]> {
    const p = this.params(ctx);
    return this.run(
      p,
      `SELECT sku, on_hand FROM stock_level WHERE warehouse_id = ${p.add(warehouseId)} AND sku = ANY(${p.add(skus)}::text[]) ORDER BY sku FOR UPDATE`,
    );
  }

  /**
   * Sets absolute levels in one warehouse in one statement, each only if its sequence is newer than the stored
   * one (stale and repeated messages change nothing); returns the levels applied.
   */
  applyLevels(ctx: RequestContext, warehouseId: string, levels: LevelWrite[]): Promise<StockLevelRow[]> {
    const p = this.params(ctx);
    const warehouse = p.add(warehouseId);
    const skus = p.add(levels.map((l) => l.sku));
    const onHand = p.add(levels.map((l) => l.onHand));
    const sequences = p.add(levels.map((l) => l.sequence.toString()));
    return this.run(
      p,
      `INSERT INTO stock_level (sku, warehouse_id, on_hand, sequence, updated_at)
       SELECT t.sku, ${warehouse}, t.on_hand, t.sequence, now() FROM unnest(${skus}::text[], ${onHand}::int[], ${sequences}::bigint[]) AS t(sku, on_hand, sequence)
       ON CONFLICT (sku, warehouse_id) DO UPDATE SET on_hand = EXCLUDED.on_hand, sequence = EXCLUDED.sequence, updated_at = now()
        WHERE stock_level.sequence < EXCLUDED.sequence
       RETURNING sku, on_hand, sequence::text`,
    );
  }

  /** Those of these SKUs that no product has (yet): their levels are kept all the same. */
  unknownSkus(ctx: RequestContext, skus: string[]): Promise<{ sku: string }[]> {
    const p = this.params(ctx);
    return this.run(
      p,
      `SELECT s.sku FROM unnest(${p.add(skus)}::text[]) AS s(sku) WHERE NOT EXISTS (SELECT 1 FROM variant v WHERE v.sku = s.sku)`,
    );
  }

  /**
   * For changed SKUs of one warehouse: every storefront, of every brand, that shows the SKU and sells from this
   * warehouse, with its availability now (over all its warehouses).
   */
  visibleChanges(warehouseId: string, changes: { sku: string; delta: number }[]): Promise<VisibleStockRow[]> {
    return this.unscoped(
      'a stock push notifies every storefront selling from the warehouse, whatever its brand (warehouses are shared)',
      `WITH ch AS (SELECT * FROM unnest($1::text[], $2::int[]) AS c(sku, delta))
       SELECT s.id AS storefront_id, ch.sku, ch.delta, s.stock_display, s.low_stock_threshold,
              coalesce((SELECT sum(sl.on_hand) - sum(sl.reserved) FROM stock_level sl
                          JOIN storefront_warehouse w ON w.warehouse_id = sl.warehouse_id AND w.storefront_id = s.id
                         WHERE sl.sku = ch.sku), 0)::int AS available
         FROM ch
         JOIN variant v ON v.sku = ch.sku
         JOIN price pr ON pr.variant_id = v.id
         JOIN publication pub ON pub.product_id = v.product_id AND pub.storefront_id = pr.storefront_id
         JOIN storefront s ON s.id = pr.storefront_id
         JOIN storefront_warehouse sw ON sw.storefront_id = s.id AND sw.warehouse_id = $3`,
      [changes.map((c) => c.sku), changes.map((c) => c.delta), warehouseId],
    );
  }

  /** Per-warehouse levels of these SKUs; an API key (INVENTORY_WRITE) sees its own warehouses only. */
  levels(ctx: RequestContext, skus: string[]): Promise<StockLevelViewRow[]> {
    const actor = ctx.actor;
    const p = this.params(ctx);
    const skuList = p.add(skus);
    const onlyWarehouses = p.add(actor?.kind === 'apiKey' ? [...actor.warehouseIds] : null);
    return this.run(
      p,
      `SELECT sl.sku, w.code AS "warehouseCode", sl.on_hand AS "onHand", sl.reserved, sl.sequence::text AS sequence,
              sl.updated_at AS "updatedAt"
         FROM stock_level sl JOIN warehouse w ON w.id = sl.warehouse_id
        WHERE sl.sku = ANY(${skuList}::text[]) AND (${onlyWarehouses}::uuid[] IS NULL OR sl.warehouse_id = ANY(${onlyWarehouses}::uuid[]))
        ORDER BY sl.sku, w.code`,
    );
  }
}
