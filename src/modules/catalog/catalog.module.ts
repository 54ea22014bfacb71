import { Module } from '@nestjs/common';
import { TenantsModule } from '../tenants/tenants.module';
import { CatalogAdminService } from './catalog-admin.service';
import { CatalogReadService } from './catalog-read.service';
import { CatalogRepository } from './catalog.repository';
import { CategoryAdminService } from './category-admin.service';
import { CategoryReadService } from './category-read.service';
import { CategoryRepository } from './category.repository';

@Module({
  imports: [TenantsModule],
  providers: [
    CatalogRepository,
    CategoryRepository,
    CatalogAdminService,
    CatalogReadService,
    CategoryAdminService,
    CategoryReadService,
  ],
  exports: [CatalogAdminService, CatalogReadService, CategoryAdminService, CategoryReadService],
})
export class CatalogModule {}
