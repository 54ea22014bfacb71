import { Args, Context, ID, Int, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { StorefrontAccess } from '../../../../core/auth/access.decorators';
import { Ctx } from '../../../../core/context/ctx.decorator';
import type { RequestContext } from '../../../../core/context/request-context';
import type { GqlContext } from '../../../../core/graphql/gql-context';
import { loader } from '../../../../core/graphql/loaders';
import type { ProductAttributes } from '../../attribute-read.service';
import { AttributeReadService } from '../../attribute-read.service';
import { CatalogReadService, type ProductPage } from '../../catalog-read.service';
import type { ProductSort } from '../../catalog-sql';
import { FacetType, ProductAttributeType, ProductOptionType, ProductSortEnum, VariantOptionType } from './attribute.types';
import { CategoryReadService } from '../../category-read.service';
import { CategoryType, ProductConnection, ProductFilter, ProductType, ProductVariantType } from './catalog.types';

@Resolver(() => ProductType)
export class CatalogStorefrontResolver {
  constructor(
    private readonly catalog: CatalogReadService,
    private readonly categoryRead: CategoryReadService,
    private readonly attributeRead: AttributeReadService,
  ) {}

  @Query(() => ProductConnection, { description: 'Products published on this storefront, by slug. first: 1..100.' })
  @StorefrontAccess()
  products(
    @Ctx() ctx: RequestContext,
    @Args('first', { type: () => Int, defaultValue: 20 }) first: number,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
    @Args('filter', { type: () => ProductFilter, nullable: true }) filter: ProductFilter, // not `| null`: the pipe needs the class
    @Args('sort', { type: () => ProductSortEnum, defaultValue: 'RELEVANCE' }) sort: ProductSort,
  ): Promise<ProductConnection> {
    return this.catalog.productsPage(ctx, {
      first,
      after,
      sort,
      search: filter?.search,
      skus: filter?.skus,
      categorySlug: filter?.categorySlug,
      attributes: filter?.attributes,
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

  @ResolveField('attributes', () => [ProductAttributeType], { description: "The product's attributes (a specification table)." })
  async attributesField(@Parent() product: ProductType, @Context() gql: GqlContext): Promise<ProductAttributeType[]> {
    return (await attributesOf(gql, this.attributeRead, product.id))?.product ?? [];
  }

  @ResolveField('options', () => [ProductOptionType], {
    description: 'Selectors for the product page: the ENUM attributes of its visible variants, with the values in use.',
  })
  async optionsField(@Parent() product: ProductType, @Context() gql: GqlContext): Promise<ProductOptionType[]> {
    const [attrs, variants] = await Promise.all([
      attributesOf(gql, this.attributeRead, product.id),
      this.variantsField(product, gql),
    ]);
    return this.attributeRead.optionsOf(
      attrs,
      variants.map((v) => v.id),
    );
  }
}

/** The attributes of a product and its variants, batched over the products of the operation. */
function attributesOf(gql: GqlContext, read: AttributeReadService, productId: string) {
  const ctx = gql.ctx!;
  return loader<string, ProductAttributes | undefined>(gql, 'product.attributes', async (ids) => {
    const map = await read.ofProducts(ctx, ids);
    return ids.map((id) => map.get(id));
  }).load(productId);
}

@Resolver(() => ProductVariantType)
export class ProductVariantStorefrontResolver {
  constructor(private readonly attributeRead: AttributeReadService) {}

  @ResolveField('attributes', () => [ProductAttributeType], { description: "The variant's own attributes." })
  async attributes(@Parent() variant: ProductVariantType, @Context() gql: GqlContext): Promise<ProductAttributeType[]> {
    return (await attributesOf(gql, this.attributeRead, variant.productId))?.variants.get(variant.id)?.attributes ?? [];
  }

  @ResolveField('options', () => [VariantOptionType], { description: "The variant's values of its product's options." })
  async options(@Parent() variant: ProductVariantType, @Context() gql: GqlContext): Promise<VariantOptionType[]> {
    const own = (await attributesOf(gql, this.attributeRead, variant.productId))?.variants.get(variant.id)?.options ?? [];
    return own.map(({ code, name, value }) => ({ code, name, value }));
  }
}

@Resolver(() => ProductConnection)
export class ProductConnectionResolver {
  constructor(private readonly attributeRead: AttributeReadService) {}

  @ResolveField('facets', () => [FacetType], {
    description:
      'Each filterable attribute with its values among the products of this filter (all pages) and their counts; ' +
      'selected values are listed even at 0.',
  })
  facets(@Parent() page: ProductPage, @Context() gql: GqlContext): Promise<FacetType[]> {
    return this.attributeRead.facets(gql.ctx!, page.query.match);
  }
}
