import { Module } from '@nestjs/common';
import { TenantsModule } from '../tenants/tenants.module';
import { AttributeAdminService } from './attribute-admin.service';
import { AttributeReadService } from './attribute-read.service';
import { AttributeRepository } from './attribute.repository';
import { CatalogAdminService } from './catalog-admin.service';
import { CatalogReadService } from './catalog-read.service';
import { CatalogRepository } from './catalog.repository';
import { CategoryAdminService } from './category-admin.service';
import { CategoryReadService } from './category-read.service';
import { CategoryRepository } from './category.repository';
import { PriceAgreementRepository } from './price-agreement.repository';
import { PriceAgreementsService } from './price-agreements.service';

@Module({
  imports: [TenantsModule],
  providers: [
    CatalogRepository,
    AttributeRepository,
    AttributeAdminService,
    AttributeReadService,
    CategoryRepository,
    PriceAgreementRepository,
    CatalogAdminService,
    CatalogReadService,
    CategoryAdminService,
    CategoryReadService,
    PriceAgreementsService,
  ],
  exports: [
    AttributeAdminService,
    AttributeReadService,
    CatalogAdminService,
    CatalogReadService,
    CategoryAdminService,
    CategoryReadService,
    PriceAgreementsService,
  ],
})
export class CatalogModule {}
