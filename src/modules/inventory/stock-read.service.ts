import { Injectable } from '@nestjs/common';
import { badInput } from '../../../libs/errors/src';
import type { RequestContext } from '../../core/context/request-context';
import { DatabaseService } from '../../core/database/database.service';

export interface StockLevelView {
  sku: string;
  warehouseCode: string;
  onHand: number;
  reserved: number;
  sequence: string;
  updatedAt: Date;
}

@Injectable()
export class StockReadService {
  constructor(private readonly db: DatabaseService) {}

  /** Per-warehouse levels of these SKUs (an INVENTORY_WRITE key sees its own warehouses only). */
  async levels(ctx: RequestContext, skus: string[]): Promise<StockLevelView[]> {
    if (skus.length < 1 || skus.length > 100) throw badInput([{ path: 'skus', message: 'give 1 to 100 SKUs' }]);
    const actor = ctx.actor;
    const onlyWarehouses = actor?.kind === 'apiKey' ? [...actor.warehouseIds] : null;
    return this.db.query<StockLevelView>(
      `SELECT sl.sku, w.code AS "warehouseCode", sl.on_hand AS "onHand", sl.reserved, sl.sequence::text AS sequence,
              sl.updated_at AS "updatedAt"
         FROM stock_level sl JOIN warehouse w ON w.id = sl.warehouse_id
        WHERE sl.sku = ANY($1::text[]) AND ($2::uuid[] IS NULL OR sl.warehouse_id = ANY($2::uuid[]))
        ORDER BY sl.sku, w.code`,
      [skus, onlyWarehouses],
    );
  }
}
