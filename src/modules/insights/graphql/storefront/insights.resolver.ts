import { Args, Context, Int, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { CustomerOnly } from '../../../../core/auth/access.decorators';
import { Ctx } from '../../../../core/context/ctx.decorator';
import type { RequestContext } from '../../../../core/context/request-context';
import type { GqlContext } from '../../../../core/graphql/gql-context';
import { loader } from '../../../../core/graphql/loaders';
import { ProductType } from '../../../catalog/graphql/storefront/catalog.types';
import { type FrequentlyOrderedItem, InsightsReadService } from '../../insights-read.service';
import { FrequentlyOrderedItemType } from '../insights.types';

@Resolver(() => ProductType)
export class AlsoBoughtResolver {
  constructor(private readonly insights: InsightsReadService) {}

  @ResolveField('alsoBought', () => [ProductType], {
    description:
      'Products of this brand most often in the same orders as this one, shown on this storefront, most co-ordered first ' +
      '(then by slug); empty until orders exist. first: 1..20.',
  })
  alsoBought(
    @Parent() product: ProductType,
    @Args('first', { type: () => Int, defaultValue: 4 }) first: number,
    @Context() gql: GqlContext,
  ): Promise<ProductType[]> {
    const ctx = gql.ctx!;
    // One statement for every product of the operation asking with the same `first`.
    return loader<string, ProductType[]>(gql, `product.alsoBought.${first}`, async (ids) => {
      const map = await this.insights.alsoBought(ctx, ids, first);
      return ids.map((id) => map.get(id) ?? []);
    }).load(product.id);
  }
}

@Resolver()
export class BuyAgainResolver {
  constructor(private readonly insights: InsightsReadService) {}

  @Query(() => [FrequentlyOrderedItemType], {
    description:
      "The logged-in buyer's most ordered variants — a B2B buyer's company's, a B2C customer's own — by times ordered, " +
      'then last ordered, then SKU. first: 1..100.',
  })
  @CustomerOnly()
  myFrequentlyOrdered(
    @Ctx() ctx: RequestContext,
    @Args('first', { type: () => Int, defaultValue: 20 }) first: number,
  ): Promise<FrequentlyOrderedItem[]> {
    return this.insights.myFrequentlyOrdered(ctx, first);
  }
}
