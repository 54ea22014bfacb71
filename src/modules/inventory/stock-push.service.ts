import { Injectable, Logger } from '@nestjs/common';
import { badInput, DomainError, type FieldError } from '../../../libs/errors/src';
import {
  type Availability,
  availabilityFor,
  parseSequence,
  sameAvailability,
  type StockDisplayMode,
} from '../../../libs/stock/src';
import type { RequestContext } from '../../core/context/request-context';
import { ReadCache } from '../../core/cache/read-cache.service';
import { DatabaseService } from '../../core/database/database.service';
import { OutboxService } from '../events/outbox.service';
import { type StockChangeEvent, StockEventBus } from './stock-event-bus';
import { WarehousesService } from '../tenants/warehouses.service';

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
    const { result, events } = await this.db.transaction(async () => {
      // Lock the existing rows in a fixed order (no deadlocks between concurrent pushes) and keep their values.
      const before = await this.db.query<{ sku: string; on_hand: number }>(
        `SELECT sku, on_hand FROM stock_level WHERE warehouse_id = $1 AND sku = ANY($2::text[]) ORDER BY sku FOR UPDATE`,
        [warehouse.id, skus],
      );
      const applied = await this.db.query<{ sku: string; on_hand: number; sequence: string }>(
        `INSERT INTO stock_level (sku, warehouse_id, on_hand, sequence, updated_at)
         SELECT t.sku, $1, t.on_hand, t.sequence, now() FROM unnest($2::text[], $3::int[], $4::bigint[]) AS t(sku, on_hand, sequence)
         ON CONFLICT (sku, warehouse_id) DO UPDATE SET on_hand = EXCLUDED.on_hand, sequence = EXCLUDED.sequence, updated_at = now()
          WHERE stock_level.sequence < EXCLUDED.sequence
         RETURNING sku, on_hand, sequence::text`,
        [warehouse.id, skus, levels.map((l) => l.onHand), levels.map((l) => l.sequence.toString())],
      );
      const unknown = await this.db.query<{ sku: string }>(
        `SELECT s.sku FROM unnest($1::text[]) AS s(sku) WHERE NOT EXISTS (SELECT 1 FROM variant v WHERE v.sku = s.sku)`,
        [skus],
      );
      const old = new Map(before.map((b) => [b.sku, b.on_hand]));
      const changed = applied.filter((a) => (old.get(a.sku) ?? 0) !== a.on_hand || !old.has(a.sku));
      const events = await this.visibleChanges(
        warehouse.id,
        changed.map((c) => ({ sku: c.sku, delta: c.on_hand - (old.get(c.sku) ?? 0) })),
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
      const unknownSet = new Set(unknown.map((u) => u.sku));
      return {
        result: {
          applied: applied.length,
          stale: levels.length - applied.length,
          unknownSkus: skus.filter((s) => unknownSet.has(s)),
        },
        events,
      };
    });
    // After commit only: a rolled-back push is never announced.
    if (result.applied > 0) this.cache.bump();
    for (const [storefrontId, list] of events) {
      this.bus.publish(storefrontId, list).catch((e: Error) => this.log.error(`stock publish failed: ${e.message}`));
    }
    return result;
  }

  /** For changed SKUs: per storefront where the SKU is visible and sold from this warehouse, what it shows now vs before. */
  private async visibleChanges(
    warehouseId: string,
    changes: { sku: string; delta: number }[],
  ): Promise<Map<string, StockChangeEvent[]>> {
    const out = new Map<string, StockChangeEvent[]>();
    if (!changes.length) return out;
    const rows = await this.db.query<{
      storefront_id: string;
      sku: string;
      delta: number;
      available: number;
      stock_display: StockDisplayMode;
      low_stock_threshold: number;
    }>(
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
