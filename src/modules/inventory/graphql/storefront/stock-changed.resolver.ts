import { Args, Resolver, Subscription } from '@nestjs/graphql';
import { badInput } from '../../../../../libs/errors/src';
import { StorefrontAccess } from '../../../../core/auth/access.decorators';
import { Ctx } from '../../../../core/context/ctx.decorator';
import type { RequestContext } from '../../../../core/context/request-context';
import { StockChangeType } from './stock-change.type';
import { type StockChange, StockEventBus } from '../../stock-event-bus';

@Resolver()
export class StockChangedResolver {
  constructor(private readonly bus: StockEventBus) {}

  @Subscription(() => StockChangeType, {
    description:
      'Changes of what this storefront shows (status, or quantity with EXACT display) of SKUs visible here; all of them when skus is omitted. After a reconnect, re-query variants(skus) for the truth.',
    resolve: (change: StockChange) => change, // built once per storefront and push by the bus
  })
  @StorefrontAccess()
  stockChanged(
    @Ctx() ctx: RequestContext,
    @Args('skus', { type: () => [String], nullable: true }) skus: string[] | null,
  ): AsyncIterableIterator<StockChangeType> {
    if (skus && (skus.length < 1 || skus.length > 1000))
      throw badInput([{ path: 'skus', message: 'give 1 to 1000 SKUs, or none for all' }]);
    return this.bus.subscribe(ctx.requireStorefront().id, skus ? new Set(skus) : null) as AsyncIterableIterator<StockChangeType>;
  }
}
