import { Injectable } from '@nestjs/common';
import type { RequestContext } from '../../core/context/request-context';
import { DatabaseService } from '../../core/database/database.service';
import { Repository } from '../../core/database/repository';
import type { VisibleStockRow } from './stock.repository';

/** A level locked for allocation. */
export interface LockedLevel {
  sku: string;
  warehouse_id: string;
  on_hand: number;
  reserved: number;
  sequence: string;
}

/** Units of one SKU in one warehouse (an allocation, a release, a shipment line). */
export interface UnitsAt {
  sku: string;
  warehouseId: string;
  quantity: number;
}

/**
 * SQL of stock reservations. Warehouses and levels are shared by every brand (as in StockRepository); the
 * order a reservation belongs to was scoped by its caller. Every change to `reserved` locks the levels it touches
 * first, in one fixed order (sku, warehouse), so concurrent checkouts, cancellations, shipments and pushes never
 * deadlock and never read a level another transaction is changing.
 */
@Injectable()
export class ReservationRepository extends Repository {
  constructor(db: DatabaseService) {
    super(db);
  }

  /** Locks the levels of these SKUs in these warehouses (fixed order) and returns them. */
  lockLevels(ctx: RequestContext, skus: string[], warehouseIds: readonly string[]): Promise<LockedLevel[]> {
    const p = this.params(ctx);
    return this.run(
      p,
      `SELECT sku, warehouse_id, on_hand, reserved, sequence::text AS sequence FROM stock_level
        WHERE sku = ANY(${p.add(skus)}::text[]) AND warehouse_id = ANY(${p.add([...warehouseIds])}::uuid[])
        ORDER BY sku, warehouse_id FOR UPDATE`,
    );
  }

  /**
   * Adds reservations (one statement): each only where on hand − reserved still covers it. Returns the rows
   * changed; fewer than asked means a level changed under the caller (a bug: callers lock first).
   */
  async reserve(ctx: RequestContext, orderId: string, units: UnitsAt[]): Promise<number> {
    const p = this.params(ctx);
    const t = `unnest(${p.add(units.map((u) => u.sku))}::text[], ${p.add(units.map((u) => u.warehouseId))}::uuid[], ${p.add(units.map((u) => u.quantity))}::int[]) AS a(sku, warehouse_id, quantity)`;
    const changed = await this.run<{ sku: string }>(
      p,
      `WITH a AS (SELECT * FROM ${t}),
            r AS (INSERT INTO stock_reservation (order_id, sku, warehouse_id, quantity)
                  SELECT ${p.add(orderId)}::uuid, a.sku, a.warehouse_id, a.quantity FROM a
                  ON CONFLICT (order_id, sku, warehouse_id) DO UPDATE SET quantity = stock_reservation.quantity + EXCLUDED.quantity)
       UPDATE stock_level sl SET reserved = sl.reserved + a.quantity
         FROM a WHERE sl.sku = a.sku AND sl.warehouse_id = a.warehouse_id AND sl.on_hand - sl.reserved >= a.quantity
       RETURNING sl.sku`,
    );
    return changed.length;
  }

  /** The reservations an order holds, locked (fixed order). */
  reservationsOf(ctx: RequestContext, orderId: string): Promise<UnitsAt[]> {
    const p = this.params(ctx);
    return this.run(
      p,
      `SELECT sku, warehouse_id AS "warehouseId", quantity FROM stock_reservation
        WHERE order_id = ${p.add(orderId)} ORDER BY sku, warehouse_id FOR UPDATE`,
    );
  }

  /**
   * Takes units out of an order's reservations (rows at 0 are deleted) and, with `lowerLevel`, out of `reserved`
   * (without: the units stay reserved, held for a shipment the warehouse has not counted out yet).
   */
  async unreserve(ctx: RequestContext, orderId: string, units: UnitsAt[], opts: { lowerLevel: boolean }): Promise<void> {
    if (!units.length) return;
    const p = this.params(ctx);
    const a = `unnest(${p.add(units.map((u) => u.sku))}::text[], ${p.add(units.map((u) => u.warehouseId))}::uuid[], ${p.add(units.map((u) => u.quantity))}::int[]) AS a(sku, warehouse_id, quantity)`;
    const order = p.add(orderId);
    await this.run(
      p,
      `WITH a AS (SELECT * FROM ${a}),
            r AS (UPDATE stock_reservation sr SET quantity = sr.quantity - a.quantity FROM a
                   WHERE sr.order_id = ${order}::uuid AND sr.sku = a.sku AND sr.warehouse_id = a.warehouse_id AND sr.quantity > a.quantity),
            d AS (DELETE FROM stock_reservation sr USING a
                   WHERE sr.order_id = ${order}::uuid AND sr.sku = a.sku AND sr.warehouse_id = a.warehouse_id AND sr.quantity <= a.quantity)
       UPDATE stock_level sl SET reserved = greatest(0, sl.reserved - a.quantity)
         FROM a WHERE sl.sku = a.sku AND sl.warehouse_id = a.warehouse_id AND ${p.add(opts.lowerLevel)}::boolean`,
    );
  }

  /** Shipped units the warehouse system has not counted out yet: they stay in `reserved` until a later push. */
  async holdShipped(
    ctx: RequestContext,
    shipmentId: string,
    units: (UnitsAt & { stockSequence: string | null })[],
  ): Promise<void> {
    if (!units.length) return;
    const p = this.params(ctx);
    await this.run(
      p,
      `INSERT INTO shipped_stock (shipment_id, sku, warehouse_id, quantity, stock_sequence)
       SELECT ${p.add(shipmentId)}::uuid, a.sku, a.warehouse_id, a.quantity, a.seq
         FROM unnest(${p.add(units.map((u) => u.sku))}::text[], ${p.add(units.map((u) => u.warehouseId))}::uuid[],
                     ${p.add(units.map((u) => u.quantity))}::int[], ${p.add(units.map((u) => u.stockSequence))}::bigint[])
              AS a(sku, warehouse_id, quantity, seq)`,
    );
  }

  /**
   * For changed (SKU, warehouse) pairs: every storefront, of every brand (or only `storefrontIds`), that shows the
   * SKU and sells from one of the warehouses, with the change over its warehouses and what it has available now.
   */
  visibleChanges(changes: UnitsAt[], storefrontIds: readonly string[] | null): Promise<VisibleStockRow[]> {
    // The (few) warehouses once, each change naming its warehouse by position: a round of 5,000 changes of one
    // warehouse would otherwise send the same id 5,000 times.
    const warehouses = [...new Set(changes.map((c) => c.warehouseId))];
    const position = new Map(warehouses.map((w, i) => [w, i + 1]));
    return this.unscoped(
      'a stock change shows on every storefront selling from the warehouse, whatever its brand',
      `WITH ch AS (SELECT c.sku, ($2::uuid[])[c.w] AS warehouse_id, c.delta FROM unnest($1::text[], $3::int[], $4::int[]) AS c(sku, w, delta))
       SELECT s.id AS storefront_id, ch.sku, sum(ch.delta)::int AS delta, s.stock_display, s.low_stock_threshold,
              coalesce((SELECT sum(sl.on_hand) - sum(sl.reserved) FROM stock_level sl
                          JOIN storefront_warehouse w ON w.warehouse_id = sl.warehouse_id AND w.storefront_id = s.id
                         WHERE sl.sku = ch.sku), 0)::int AS available
         FROM ch
         JOIN storefront_warehouse sw ON sw.warehouse_id = ch.warehouse_id
         JOIN storefront s ON s.id = sw.storefront_id
         JOIN variant v ON v.sku = ch.sku
         JOIN price pr ON pr.variant_id = v.id AND pr.storefront_id = s.id
         JOIN publication pub ON pub.product_id = v.product_id AND pub.storefront_id = s.id
        WHERE $5::uuid[] IS NULL OR s.id = ANY($5::uuid[])
        GROUP BY s.id, ch.sku, s.stock_display, s.low_stock_threshold`,
      [
        changes.map((c) => c.sku),
        warehouses,
        changes.map((c) => position.get(c.warehouseId)),
        changes.map((c) => c.quantity),
        storefrontIds,
      ],
    );
  }
}
