import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { AdminPermission } from '../../../../core/auth/access.decorators';
import { Ctx } from '../../../../core/context/ctx.decorator';
import type { RequestContext } from '../../../../core/context/request-context';
import { StockPushService } from '../../stock-push.service';
import { StockReadService } from '../../stock-read.service';
import { StockLevelInput, StockLevelType, StockPushResultType } from './stock-admin.types';

@Resolver()
export class StockAdminResolver {
  constructor(
    private readonly pushService: StockPushService,
    private readonly readService: StockReadService,
  ) {}

  @Mutation(() => StockPushResultType, { description: '1..5000 absolute levels; atomic; stale sequences change nothing.' })
  @AdminPermission({ superadminOnly: true, apiKeyScope: 'INVENTORY_WRITE' })
  pushStockLevels(
    @Ctx() ctx: RequestContext,
    @Args('warehouseCode', { type: () => String }) warehouseCode: string,
    @Args('levels', { type: () => [StockLevelInput] }) levels: StockLevelInput[],
  ): Promise<StockPushResultType> {
    return this.pushService.push(ctx, warehouseCode, levels);
  }

  @Query(() => [StockLevelType], { description: 'Per-warehouse on-hand, reserved and sequence of 1..100 SKUs.' })
  @AdminPermission({ apiKeyScope: 'INVENTORY_WRITE' })
  stockLevels(@Ctx() ctx: RequestContext, @Args('skus', { type: () => [String] }) skus: string[]): Promise<StockLevelType[]> {
    return this.readService.levels(ctx, skus);
  }
}
