import { Module } from '@nestjs/common';
import { TenantsModule } from '../tenants/tenants.module';
import { CatalogAdminService } from './catalog-admin.service';
import { CatalogReadService } from './catalog-read.service';
import { CatalogRepository } from './catalog.repository';

@Module({
  imports: [TenantsModule],
  providers: [CatalogRepository, CatalogAdminService, CatalogReadService],
  exports: [CatalogAdminService, CatalogReadService],
})
export class CatalogModule {}
