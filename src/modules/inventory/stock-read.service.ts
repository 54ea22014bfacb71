import { Injectable } from '@nestjs/common';
import { badInput } from '../../../libs/errors/src';
import type { RequestContext } from '../../core/context/request-context';
import { StockRepository, type StockLevelViewRow } from './stock.repository';

export type StockLevelView = StockLevelViewRow;

@Injectable()
export class StockReadService {
  constructor(private readonly stock: StockRepository) {}

  /** Per-warehouse levels of these SKUs (an INVENTORY_WRITE key sees its own warehouses only). */
  async levels(ctx: RequestContext, skus: string[]): Promise<StockLevelView[]> {
    if (skus.length < 1 || skus.length > 100) throw badInput([{ path: 'skus', message: 'give 1 to 100 SKUs' }]);
    return this.stock.levels(ctx, skus);
  }
}
