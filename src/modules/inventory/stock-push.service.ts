import { Injectable, Logger } from '@nestjs/common';
import { badInput, DomainError, type FieldError } from '../../../libs/errors/src';
import { type Availability, availabilityFor, parseSequence, sameAvailability } from '../../../libs/stock/src';
import type { RequestContext } from '../../core/context/request-context';
import { ReadCache } from '../../core/cache/read-cache.service';
import { DatabaseService } from '../../core/database/database.service';
import { OutboxService } from '../events/outbox.service';
import { type StockChangeEvent, StockEventBus } from './stock-event-bus';
import { WarehousesService } from '../tenants/warehouses.service';
import { ReservationRepository } from './reservation.repository';
import { StockRepository, type StockLevelRow } from './stock.repository';

export interface StockLevelData {
  sku: string;
  onHand: number;
  sequence: string;
}

export interface StockPushResult {
  applied: number;
  stale: number;
  unknownSkus: string[];
}

export const MAX_LEVELS_PER_PUSH = 5000;
const MAX_ON_HAND = 2_147_483_647;

/** Validates a whole batch first: any bad entry rejects the batch, naming every bad entry. */
export function validateLevels(levels: StockLevelData[]): { sku: string; onHand: number; sequence: bigint }[] {
  if (levels.length < 1 || levels.length > MAX_LEVELS_PER_PUSH) {
    throw badInput([{ path: 'levels', message: `give 1 to ${MAX_LEVELS_PER_PUSH} levels (got ${levels.length})` }]);
  }
  const errors: FieldError[] = [];
  const seen = new Map<string, number>();
  const parsed = levels.map((l, i) => {
    const sku = typeof l.sku === 'string' ? l.sku.trim() : '';
    if (!sku) errors.push({ path: `levels.${i}.sku`, message: 'must not be empty' });
    else if (sku.length > 100) errors.push({ path: `levels.${i}.sku`, message: 'must be at most 100 characters' });
    else if (seen.has(sku))
      errors.push({ path: `levels.${i}.sku`, message: `SKU "${sku}" appears twice (also at levels.${seen.get(sku)})` });
    else seen.set(sku, i);
    if (!Number.isInteger(l.onHand) || l.onHand < 0 || l.onHand > MAX_ON_HAND) {
      errors.push({ path: `levels.${i}.onHand`, message: 'must be a whole number ≥ 0' });
    }
    const sequence = typeof l.sequence === 'string' ? parseSequence(l.sequence.trim()) : null;
    if (sequence === null) errors.push({ path: `levels.${i}.sequence`, message: 'must be a decimal integer from 0 to 2^63−1' });
    return { sku, onHand: l.onHand, sequence: sequence ?? 0n };
  });
  if (errors.length)
    throw badInput(
      errors.slice(0, 100),
      `The batch was rejected: ${errors.length} invalid entr${errors.length === 1 ? 'y' : 'ies'}, first at ${errors[0].path}.`,
    );
  return parsed;
}

/**
 * Absolute stock levels from a warehouse system, guarded by a per-(SKU, warehouse) sequence: stale and
 * repeated messages change nothing, a batch is atomic, unknown SKUs are kept. One upsert statement per
 * batch; storefront subscribers hear of changed availabilities after commit.
 */
@Injectable()
export class StockPushService {
  private readonly log = new Logger('StockPush');

  constructor(
    private readonly db: DatabaseService,
    private readonly stock: StockRepository,
    private readonly reservations: ReservationRepository,
    private readonly warehouses: WarehousesService,
    private readonly bus: StockEventBus,
    private readonly outbox: OutboxService,
    private readonly cache: ReadCache,
  ) {}

  async push(ctx: RequestContext, warehouseCode: string, input: StockLevelData[]): Promise<StockPushResult> {
    const actor = ctx.actor;
    const levels = validateLevels(input);
    const warehouse = await this.warehouses.findByCode(ctx, warehouseCode);
    if (actor?.kind === 'apiKey' && (!warehouse || !actor.warehouseIds.includes(warehouse.id))) {
      throw new DomainError('FORBIDDEN', `This API key may not push stock to warehouse "${warehouseCode.slice(0, 100)}".`);
    }
    if (!warehouse) throw new DomainError('NOT_FOUND', `Warehouse "${warehouseCode.slice(0, 100)}" was not found.`);

    const skus = levels.map((l) => l.sku);
    return this.db.transaction(async () => {
      // Lock the existing rows in a fixed order (no deadlocks between concurrent pushes) and keep their values.
      const before = await this.stock.lockLevels(ctx, warehouse.id, skus);
      const applied = await this.stock.applyLevels(ctx, warehouse.id, levels);
      const unknown = await this.stock.unknownSkus(ctx, skus);
      // Shipped units this count includes stop being held in `reserved` (docs/ORDERS.md, "Shipments and pushes").
      const countedOut = applied.length ? await this.reservations.countedOut(warehouse.id, applied) : [];
      const released = new Map(countedOut.map((c) => [c.sku, c.quantity]));
      const old = new Map(before.map((b) => [b.sku, b.on_hand]));
      const delta = (a: StockLevelRow) => a.on_hand - (old.get(a.sku) ?? 0) + (released.get(a.sku) ?? 0);
      const changed = applied.filter((a) => delta(a) !== 0 || !old.has(a.sku));
      const events = await this.visibleChanges(
        warehouse.id,
        changed.map((c) => ({ sku: c.sku, delta: delta(c) })),
      );
      if (applied.length) {
        await this.outbox.add({
          type: 'stock.changed',
          brandId: null,
          aggregateId: `warehouse:${warehouse.code}`,
          data: {
            warehouseCode: warehouse.code,
            levels: applied.map((a) => ({ sku: a.sku, onHand: a.on_hand, sequence: a.sequence })),
          },
        });
      }
      // After commit only (also when this push runs inside a larger transaction): a rolled-back push is never announced.
      this.db.afterCommit(() => {
        if (applied.length > 0) this.cache.bump();
        const committedAt = new Date().toISOString(); // changedAt: when the change became true (and visible)
        for (const [storefrontId, list] of events) {
          for (const e of list) e.changedAt = committedAt;
          this.bus.publish(storefrontId, list).catch((e: Error) => this.log.error(`stock publish failed: ${e.message}`));
        }
      });
      const unknownSet = new Set(unknown.map((u) => u.sku));
      return {
        applied: applied.length,
        stale: levels.length - applied.length,
        unknownSkus: skus.filter((s) => unknownSet.has(s)),
      };
    });
  }

  /** For changed SKUs: per storefront where the SKU is visible and sold from this warehouse, what it shows now vs before. */
  private async visibleChanges(
    warehouseId: string,
    changes: { sku: string; delta: number }[],
  ): Promise<Map<string, StockChangeEvent[]>> {
    const out = new Map<string, StockChangeEvent[]>();
    if (!changes.length) return out;
    const rows = await this.stock.visibleChanges(warehouseId, changes);
    const changedAt = new Date().toISOString();
    for (const r of rows) {
      const now: Availability = availabilityFor(r.available, r.stock_display, r.low_stock_threshold);
      const before = availabilityFor(r.available - r.delta, r.stock_display, r.low_stock_threshold);
      if (sameAvailability(now, before)) continue;
      const list = out.get(r.storefront_id) ?? [];
      list.push({ sku: r.sku, availability: now, changedAt });
      out.set(r.storefront_id, list);
    }
    return out;
  }
}
