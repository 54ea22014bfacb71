import { Module } from '@nestjs/common';
import { BrandRepository } from './brands.repository';
import { BrandsService } from './brands.service';
import { StorefrontRepository } from './storefronts.repository';
import { StorefrontTokenService } from './storefront-token.service';
import { StorefrontsService } from './storefronts.service';
import { WarehouseRepository } from './warehouses.repository';
import { WarehousesService } from './warehouses.service';

/** Brands (the tenants), their storefronts, and the warehouses storefronts sell from (shared by every brand). */
@Module({
  providers: [
    BrandRepository,
    StorefrontRepository,
    WarehouseRepository,
    BrandsService,
    StorefrontsService,
    StorefrontTokenService,
    WarehousesService,
  ],
  exports: [BrandsService, StorefrontsService, StorefrontTokenService, WarehousesService],
})
export class TenantsModule {}
