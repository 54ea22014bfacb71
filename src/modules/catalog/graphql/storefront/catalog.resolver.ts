import { Args, Context, ID, Int, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { StorefrontAccess } from '../../../../core/auth/access.decorators';
import { Ctx } from '../../../../core/context/ctx.decorator';
import type { RequestContext } from '../../../../core/context/request-context';
import type { GqlContext } from '../../../../core/graphql/gql-context';
import { loader } from '../../../../core/graphql/loaders';
import { CatalogReadService } from '../../catalog-read.service';
import { CategoryReadService } from '../../category-read.service';
import { CategoryType, ProductConnection, ProductFilter, ProductType, ProductVariantType } from './catalog.types';

@Resolver(() => ProductType)
export class CatalogStorefrontResolver {
  constructor(
    private readonly catalog: CatalogReadService,
    private readonly categoryRead: CategoryReadService,
  ) {}

  @Query(() => ProductConnection, { description: 'Products published on this storefront, by slug. first: 1..100.' })
  @StorefrontAccess()
  products(
    @Ctx() ctx: RequestContext,
    @Args('first', { type: () => Int, defaultValue: 20 }) first: number,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
    @Args('filter', { type: () => ProductFilter, nullable: true }) filter: ProductFilter, // not `| null`: the pipe needs the class
  ): Promise<ProductConnection> {
    return this.catalog.productsPage(ctx, {
      first,
      after,
      search: filter?.search,
      skus: filter?.skus,
      categorySlug: filter?.categorySlug,
    });
  }

  @Query(() => [CategoryType], {
    description: 'The visible category tree: its roots (children below), or with flat: true every visible category depth-first.',
  })
  @StorefrontAccess()
  categories(
    @Ctx() ctx: RequestContext,
    @Args('flat', { type: () => Boolean, defaultValue: false }) flat: boolean,
  ): Promise<CategoryType[]> {
    return this.categoryRead.list(ctx, flat);
  }

  @Query(() => CategoryType, { nullable: true, description: 'null when unknown or nothing in it is shown here.' })
  @StorefrontAccess()
  category(@Ctx() ctx: RequestContext, @Args('slug', { type: () => String }) slug: string): Promise<CategoryType | null> {
    return this.categoryRead.bySlug(ctx, slug);
  }

  @Query(() => ProductType, { nullable: true, description: 'null when not published on this storefront.' })
  @StorefrontAccess()
  product(
    @Ctx() ctx: RequestContext,
    @Args('slug', { type: () => String, nullable: true }) slug: string | null,
    @Args('id', { type: () => ID, nullable: true }) id: string | null,
  ): Promise<ProductType | null> {
    return this.catalog.product(ctx, { slug, id });
  }

  @Query(() => [ProductVariantType], { nullable: 'items', description: '1..100 SKUs; null for unknown or unpublished ones.' })
  @StorefrontAccess()
  variants(
    @Ctx() ctx: RequestContext,
    @Args('skus', { type: () => [String] }) skus: string[],
  ): Promise<Array<ProductVariantType | null>> {
    return this.catalog.variantsBySkus(ctx, skus);
  }

  @ResolveField('categories', () => [CategoryType], {
    description: 'The visible categories the product is filed under, in tree order.',
  })
  categoriesField(@Parent() product: ProductType, @Context() gql: GqlContext): Promise<CategoryType[]> {
    return this.categoryRead.byIds(gql.ctx!, product.categoryIds);
  }

  @ResolveField('variants', () => [ProductVariantType])
  variantsField(@Parent() product: ProductType, @Context() gql: GqlContext): Promise<ProductVariantType[]> {
    const ctx = gql.ctx!;
    return loader<string, ProductVariantType[]>(gql, 'product.variants', async (ids) => {
      const map = await this.catalog.variantsOfProducts(ctx, ids);
      return ids.map((id) => map.get(id) ?? []);
    }).load(product.id);
  }
}
