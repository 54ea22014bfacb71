import { Injectable } from '@nestjs/common';
import type { StockDisplay } from '../../../libs/domain/src';
import type { RequestContext } from '../../core/context/request-context';
import { DatabaseService } from '../../core/database/database.service';
import { Repository } from '../../core/database/repository';

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

/** What one push did (StockRepository.push). */
export interface PushOutcome {
  applied: number;
  /** Whether a stock.changed outbox event was written (only while an endpoint listens). */
  event: boolean;
  unknownSkus: string[];
  /** Applied SKUs a product has whose available units here changed, with the change. */
  changedSkus: string[];
  changedDeltas: number[];
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

  /**
   * One warehouse push in one round trip (the `stock_push` function, migration StockPushFunction): locks the
   * existing levels in SKU order, applies each level whose sequence is newer than the stored one (stale and
   * repeated messages change nothing), counts out the shipped units the applied levels include and writes the
   * `stock.changed` outbox event `eventId` when anything applied and an endpoint listens. Answers how many applied, the SKUs no product has
   * (in the order given) and, per applied SKU a product has, the change of its available units here.
   */
  async push(
    ctx: RequestContext,
    warehouse: { id: string; code: string },
    eventId: string,
    levels: LevelWrite[],
  ): Promise<PushOutcome> {
    const p = this.params(ctx);
    const sequences = levels.map((l) => l.sequence.toString());
    const args = [
      p.add(warehouse.id),
      p.add(warehouse.code),
      p.add(eventId),
      p.add(levels.map((l) => l.sku)),
      p.add(levels.map((l) => l.onHand)),
      p.add(sequences.every((s) => s === sequences[0]) ? [sequences[0]] : sequences), // one for all when they agree
    ];
    const [row] = await this.runPrepared<PushOutcome>(
      p,
      `SELECT applied, event, unknown_skus AS "unknownSkus", changed_skus AS "changedSkus", changed_deltas AS "changedDeltas"
         FROM stock_push(${args[0]}::uuid, ${args[1]}::text, ${args[2]}::uuid, ${args[3]}::text[], ${args[4]}::int[], ${args[5]}::bigint[])`,
    );
    return row;
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
