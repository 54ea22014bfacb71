import { Module } from '@nestjs/common';
import { TenantsModule } from '../tenants/tenants.module';
import { CatalogAdminService } from './catalog-admin.service';
import { CatalogReadService } from './catalog-read.service';

@Module({
  imports: [TenantsModule],
  providers: [CatalogAdminService, CatalogReadService],
  exports: [CatalogAdminService, CatalogReadService],
})
export class CatalogModule {}
