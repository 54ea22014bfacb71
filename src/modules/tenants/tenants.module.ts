import { Module } from '@nestjs/common';
import { InventoryModule } from '../inventory/inventory.module';
import { BrandsService } from './brands.service';
import { StorefrontTokenService } from './storefront-token.service';
import { StorefrontsService } from './storefronts.service';

@Module({
  imports: [InventoryModule],
  providers: [BrandsService, StorefrontsService, StorefrontTokenService],
  exports: [BrandsService, StorefrontsService, StorefrontTokenService],
})
export class TenantsModule {}
