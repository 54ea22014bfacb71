import { Args, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { AdminPermission } from '../../../../core/auth/access.decorators';
import { Ctx } from '../../../../core/context/ctx.decorator';
import type { RequestContext } from '../../../../core/context/request-context';
import { ListInputPipe } from '../../../../core/errors/input-validation';
import { CatalogAdminService } from '../../catalog-admin.service';
import { AdminProduct, PriceInput, ProductInput } from './catalog-admin.types';

@Resolver()
export class CatalogAdminResolver {
  constructor(private readonly catalog: CatalogAdminService) {}

  @Mutation(() => [AdminProduct], { description: 'Creates or updates 1..500 products by slug, variants by SKU (never deletes).' })
  @AdminPermission({ superadminOnly: true, apiKeyScope: 'CATALOG_WRITE' })
  upsertProducts(
    @Ctx() ctx: RequestContext,
    @Args('input', { type: () => [ProductInput] }, new ListInputPipe(ProductInput, 'input', { min: 1, max: 500 }))
    input: ProductInput[],
  ): Promise<AdminProduct[]> {
    return this.catalog.upsertProducts(ctx, input) as Promise<AdminProduct[]>;
  }

  @Query(() => [AdminProduct], { description: 'Products by slug (1..100), with where they are published on your brands.' })
  @AdminPermission({ apiKeyScope: 'CATALOG_WRITE' })
  productsBySlugs(@Ctx() ctx: RequestContext, @Args('slugs', { type: () => [String] }) slugs: string[]): Promise<AdminProduct[]> {
    return this.catalog.productsBySlugs(ctx, slugs.slice(0, 100)) as Promise<AdminProduct[]>;
  }

  @Mutation(() => Int, {
    description: 'Sets 1..1000 prices (decimal strings ≥ 0, at most 2 decimals); atomic. Returns how many.',
  })
  @AdminPermission({ apiKeyScope: 'CATALOG_WRITE' })
  setPrices(
    @Ctx() ctx: RequestContext,
    @Args('input', { type: () => [PriceInput] }, new ListInputPipe(PriceInput, 'input', { min: 1, max: 1000 }))
    input: PriceInput[],
  ): Promise<number> {
    return this.catalog.setPrices(ctx, input);
  }

  @Mutation(() => Int, { description: 'Publishes 1..500 products on a storefront; returns how many were not published before.' })
  @AdminPermission({ apiKeyScope: 'CATALOG_WRITE' })
  publishProducts(
    @Ctx() ctx: RequestContext,
    @Args('storefrontCode', { type: () => String }) storefrontCode: string,
    @Args('slugs', { type: () => [String] }) slugs: string[],
  ): Promise<number> {
    return this.catalog.setPublished(ctx, storefrontCode, slugs, true);
  }

  @Mutation(() => Int, { description: 'Unpublishes 1..500 products from a storefront; returns how many were published.' })
  @AdminPermission({ apiKeyScope: 'CATALOG_WRITE' })
  unpublishProducts(
    @Ctx() ctx: RequestContext,
    @Args('storefrontCode', { type: () => String }) storefrontCode: string,
    @Args('slugs', { type: () => [String] }) slugs: string[],
  ): Promise<number> {
    return this.catalog.setPublished(ctx, storefrontCode, slugs, false);
  }
}
