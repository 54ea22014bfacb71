import { Injectable } from '@nestjs/common';
import { DomainError } from '../../../libs/errors/src';
import { allocate, type StockRequest } from '../../../libs/stock/src';
import { ReadCache } from '../../core/cache/read-cache.service';
import type { RequestContext } from '../../core/context/request-context';
import { DatabaseService } from '../../core/database/database.service';
import { ReservationRepository, type UnitsAt } from './reservation.repository';
import { StockAnnouncer } from './stock-announcer';

/** A shortage as INSUFFICIENT_STOCK reports it (`extensions.lines`). */
export interface StockShortage {
  sku: string;
  requested: number;
  available: number;
}

/**
 * Reservations of stock for orders: `stock_level.reserved` grows when an order is placed and shrinks when it is
 * cancelled or its units are counted out by the warehouse system after shipping. Every method runs inside the
 * caller's transaction, locks the levels it touches first (one fixed order) and announces what storefronts
 * show after commit (stockChanged, read-cache generation).
 */
@Injectable()
export class StockReservationService {
  constructor(
    private readonly db: DatabaseService,
    private readonly repo: ReservationRepository,
    private readonly announcer: StockAnnouncer,
    private readonly cache: ReadCache,
  ) {}

  /**
   * Reserves every line from the warehouses in the order given (the storefront's listed order), splitting a line
   * over warehouses when one does not have enough. All or nothing: any shortage throws INSUFFICIENT_STOCK naming
   * every short line, and the caller's transaction rolls back.
   */
  async reserve(
    ctx: RequestContext,
    orderId: string,
    lines: StockRequest[],
    warehouseIds: readonly string[],
  ): Promise<UnitsAt[]> {
    this.requireTransaction();
    const levels = await this.repo.lockLevels(
      ctx,
      lines.map((l) => l.sku),
      warehouseIds,
    );
    const result = allocate(
      lines,
      warehouseIds,
      levels.map((l) => ({ sku: l.sku, warehouseId: l.warehouse_id, available: l.on_hand - l.reserved })),
    );
    if (result.shortages.length) {
      throw new DomainError('INSUFFICIENT_STOCK', `Not enough stock for ${result.shortages.map((s) => s.sku).join(', ')}.`, {
        extensions: { lines: result.shortages },
      });
    }
    const changed = await this.repo.reserve(ctx, orderId, result.allocations);
    if (changed !== result.allocations.length) throw new Error('stock level changed while locked (programming error)');
    this.announce(result.allocations.map((a) => ({ ...a, quantity: -a.quantity })));
    return result.allocations;
  }

  /** Releases everything an order still holds (cancellation). */
  async releaseOrder(ctx: RequestContext, orderId: string): Promise<UnitsAt[]> {
    this.requireTransaction();
    const held = await this.repo.reservationsOf(ctx, orderId);
    if (!held.length) return [];
    await this.repo.lockLevels(ctx, [...new Set(held.map((h) => h.sku))], [...new Set(held.map((h) => h.warehouseId))]);
    await this.repo.unreserve(ctx, orderId, held, { lowerLevel: true });
    this.announce(held);
    return held;
  }

  /**
   * Shipped units leave the order's reservation in that warehouse. When the warehouse system has already counted
   * them out (its last applied sequence for the level is at or after `stockSequence`) they are released at once;
   * otherwise they stay held until a push that counts them out (see StockPushService). Throws BAD_USER_INPUT when
   * the order holds fewer units of a SKU in that warehouse.
   */
  async ship(
    ctx: RequestContext,
    orderId: string,
    shipmentId: string,
    warehouseId: string,
    lines: { sku: string; quantity: number }[],
    stockSequence: bigint | null,
  ): Promise<void> {
    this.requireTransaction();
    const reserved = await this.repo.reservationsOf(ctx, orderId);
    const levels = await this.repo.lockLevels(
      ctx,
      lines.map((l) => l.sku),
      [warehouseId],
    );
    const errors = lines.flatMap((l, i) => {
      const have = reserved.find((h) => h.sku === l.sku && h.warehouseId === warehouseId)?.quantity ?? 0;
      return have >= l.quantity
        ? []
        : [
            {
              path: `lines.${i}.quantity`,
              message: `only ${have} unit(s) of ${l.sku} are reserved for this order in this warehouse`,
            },
          ];
    });
    if (errors.length) throw new DomainError('BAD_USER_INPUT', errors[0].message, { fieldErrors: errors });
    const units = lines.map((l) => ({ sku: l.sku, warehouseId, quantity: l.quantity }));
    const counted = (sku: string) => {
      const level = levels.find((l) => l.sku === sku);
      return stockSequence !== null && level !== undefined && BigInt(level.sequence) >= stockSequence;
    };
    const released = units.filter((u) => counted(u.sku));
    const held = units.filter((u) => !counted(u.sku));
    // Counted out already: the reservation and `reserved` go. Not yet: the units stay in `reserved`, held for the shipment.
    await this.repo.unreserve(ctx, orderId, released, { lowerLevel: true });
    await this.repo.unreserve(ctx, orderId, held, { lowerLevel: false });
    await this.repo.holdShipped(
      ctx,
      shipmentId,
      held.map((u) => ({ ...u, stockSequence: stockSequence?.toString() ?? null })),
    );
    this.announce(released);
  }

  /** After commit: every instance's read cache and the storefronts whose shown availability changed. */
  private announce(deltas: UnitsAt[]): void {
    if (!deltas.length) return;
    this.db.afterCommit(() => {
      this.cache.bump();
      this.announcer.announce(deltas);
    });
  }

  private requireTransaction(): void {
    if (!this.db.inTransaction) throw new Error('stock reservations change with their order: call inside its transaction');
  }
}
