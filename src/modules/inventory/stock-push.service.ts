import { Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { badInput, DomainError, type FieldError } from '../../../libs/errors/src';
import { parseSequence } from '../../../libs/stock/src';
import type { RequestContext } from '../../core/context/request-context';
import { ReadCache } from '../../core/cache/read-cache.service';
import { DatabaseService } from '../../core/database/database.service';
import { OutboxService } from '../events/outbox.service';
import { WarehousesService } from '../tenants/warehouses.service';
import { StockAnnouncer } from './stock-announcer';
import { StockRepository } from './stock.repository';

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
 * repeated messages change nothing, a batch is atomic, unknown SKUs are kept. A push is one statement (the
 * `stock_push` function: lock, apply, count out shipped units, outbox event) that commits by itself; after commit
 * the read cache moves on and the StockAnnouncer tells storefront subscribers, off the request path.
 */
@Injectable()
export class StockPushService {
  constructor(
    private readonly db: DatabaseService,
    private readonly stock: StockRepository,
    private readonly warehouses: WarehousesService,
    private readonly announcer: StockAnnouncer,
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

    const outcome = await this.db.atomic(() => this.stock.push(ctx, warehouse, uuidv7(), levels));
    if (outcome.event) this.outbox.relayWhenCommitted();
    if (outcome.applied > 0) {
      // After commit only (also when this push runs inside a larger transaction): a rolled-back push is never announced.
      this.db.afterCommit(() => {
        this.cache.bump();
        this.announcer.announce(
          outcome.changedSkus.map((sku, i) => ({ sku, warehouseId: warehouse.id, quantity: outcome.changedDeltas[i] })),
        );
      });
    }
    return { applied: outcome.applied, stale: levels.length - outcome.applied, unknownSkus: outcome.unknownSkus };
  }
}
