import { Module } from '@nestjs/common';
import { TenantsModule } from '../tenants/tenants.module';
import { CatalogAdminService } from './catalog-admin.service';
import { CatalogReadService } from './catalog-read.service';
import { CatalogRepository } from './catalog.repository';
import { PriceAgreementRepository } from './price-agreement.repository';
import { PriceAgreementsService } from './price-agreements.service';

@Module({
  imports: [TenantsModule],
  providers: [CatalogRepository, PriceAgreementRepository, CatalogAdminService, CatalogReadService, PriceAgreementsService],
  exports: [CatalogAdminService, CatalogReadService, PriceAgreementsService],
})
export class CatalogModule {}
