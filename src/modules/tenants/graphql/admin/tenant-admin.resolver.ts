import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { AdminPermission } from '../../../../core/auth/access.decorators';
import { Ctx } from '../../../../core/context/ctx.decorator';
import type { RequestContext } from '../../../../core/context/request-context';
import { BrandsService } from '../../brands.service';
import type { StorefrontRow } from '../../storefronts.repository';
import { StorefrontsService } from '../../storefronts.service';
import { WarehousesService } from '../../warehouses.service';
import { CreateBrandInput, CreateStorefrontInput, CreateWarehouseInput, UpdateStorefrontInput } from './tenant-admin.inputs';
import { AdminBrand, AdminStorefront, AdminWarehouse, StorefrontCreated } from './tenant-admin.types';

@Resolver()
export class TenantAdminResolver {
  constructor(
    private readonly brandService: BrandsService,
    private readonly storefrontService: StorefrontsService,
    private readonly warehouseService: WarehousesService,
  ) {}

  private async toViews(ctx: RequestContext, list: StorefrontRow[]): Promise<AdminStorefront[]> {
    const [brands, warehouses] = await Promise.all([
      this.brandService.byIds(ctx, [...new Set(list.map((s) => s.brandId))]),
      this.storefrontService.warehouseCodes(
        ctx,
        list.map((s) => s.id),
      ),
    ]);
    return list.map((s) => {
      const { brandId, ...rest } = s;
      return { ...rest, brand: brands.get(brandId)!, warehouseCodes: warehouses.get(s.id) ?? [] } as AdminStorefront;
    });
  }

  @Query(() => [AdminBrand], { description: 'The brands the caller may see.' })
  @AdminPermission()
  brands(@Ctx() ctx: RequestContext): Promise<AdminBrand[]> {
    return this.brandService.list(ctx);
  }

  @Mutation(() => AdminBrand)
  @AdminPermission({ superadminOnly: true })
  createBrand(@Ctx() ctx: RequestContext, @Args('input') input: CreateBrandInput): Promise<AdminBrand> {
    return this.brandService.create(ctx, input);
  }

  @Query(() => [AdminWarehouse])
  @AdminPermission()
  warehouses(@Ctx() ctx: RequestContext): Promise<AdminWarehouse[]> {
    return this.warehouseService.list(ctx);
  }

  @Mutation(() => AdminWarehouse)
  @AdminPermission({ superadminOnly: true })
  createWarehouse(@Ctx() ctx: RequestContext, @Args('input') input: CreateWarehouseInput): Promise<AdminWarehouse> {
    return this.warehouseService.create(ctx, input);
  }

  @Query(() => [AdminStorefront], { description: "The storefronts of the caller's brands." })
  @AdminPermission()
  async storefronts(@Ctx() ctx: RequestContext): Promise<AdminStorefront[]> {
    return this.toViews(ctx, await this.storefrontService.list(ctx));
  }

  @Mutation(() => StorefrontCreated)
  @AdminPermission()
  async createStorefront(@Ctx() ctx: RequestContext, @Args('input') input: CreateStorefrontInput): Promise<StorefrontCreated> {
    const { storefront, token } = await this.storefrontService.create(ctx, input);
    return { storefront: (await this.toViews(ctx, [storefront]))[0], token };
  }

  @Mutation(() => AdminStorefront)
  @AdminPermission()
  async updateStorefront(
    @Ctx() ctx: RequestContext,
    @Args('code', { type: () => String }) code: string,
    @Args('input') input: UpdateStorefrontInput,
  ): Promise<AdminStorefront> {
    return (await this.toViews(ctx, [await this.storefrontService.update(ctx, code, input)]))[0];
  }

  @Mutation(() => StorefrontCreated)
  @AdminPermission()
  async rotateStorefrontToken(
    @Ctx() ctx: RequestContext,
    @Args('code', { type: () => String }) code: string,
  ): Promise<StorefrontCreated> {
    const { storefront, token } = await this.storefrontService.rotateToken(ctx, code);
    return { storefront: (await this.toViews(ctx, [storefront]))[0], token };
  }
}
