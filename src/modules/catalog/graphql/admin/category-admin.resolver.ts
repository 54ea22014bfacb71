import { Args, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { AdminPermission } from '../../../../core/auth/access.decorators';
import { Ctx } from '../../../../core/context/ctx.decorator';
import type { RequestContext } from '../../../../core/context/request-context';
import { ListInputPipe } from '../../../../core/errors/input-validation';
import { CategoryAdminService } from '../../category-admin.service';
import { AdminCategory, CategoryInput, ProductCategoriesInput } from './catalog-admin.types';

/** A brand's category tree and where it files products (docs/CATALOG.md). */
@Resolver()
export class CategoryAdminResolver {
  constructor(private readonly service: CategoryAdminService) {}

  @Mutation(() => [AdminCategory], {
    description:
      'Creates or updates 1..500 categories of a brand by slug (never deletes); atomic. A parent may come later in the batch.',
  })
  @AdminPermission({ apiKeyScope: 'CATALOG_WRITE' })
  upsertCategories(
    @Ctx() ctx: RequestContext,
    @Args('brandCode', { type: () => String }) brandCode: string,
    @Args('input', { type: () => [CategoryInput] }, new ListInputPipe(CategoryInput, 'input', { min: 1, max: 500 }))
    input: CategoryInput[],
  ): Promise<AdminCategory[]> {
    return this.service.upsertCategories(ctx, brandCode, input);
  }

  @Query(() => [AdminCategory], { description: "A brand's categories, parents before children." })
  @AdminPermission({ apiKeyScope: 'CATALOG_WRITE' })
  categories(@Ctx() ctx: RequestContext, @Args('brandCode', { type: () => String }) brandCode: string): Promise<AdminCategory[]> {
    return this.service.list(ctx, brandCode);
  }

  @Mutation(() => Int, {
    description: "Sets where 1..500 products are filed in a brand (each entry replaces that product's categories there); atomic.",
  })
  @AdminPermission({ apiKeyScope: 'CATALOG_WRITE' })
  setProductCategories(
    @Ctx() ctx: RequestContext,
    @Args('brandCode', { type: () => String }) brandCode: string,
    @Args(
      'input',
      { type: () => [ProductCategoriesInput] },
      new ListInputPipe(ProductCategoriesInput, 'input', { min: 1, max: 500 }),
    )
    input: ProductCategoriesInput[],
  ): Promise<number> {
    return this.service.setProductCategories(ctx, brandCode, input);
  }
}
