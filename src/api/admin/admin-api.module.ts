import { CustomerAdminResolver } from '../../modules/customers/graphql/admin/customer-admin.resolver';
import { Module } from '@nestjs/common';
import { CatalogAdminResolver } from '../../modules/catalog/graphql/admin/catalog-admin.resolver';
import { CategoryAdminResolver } from '../../modules/catalog/graphql/admin/category-admin.resolver';
import { AttributeAdminResolver } from '../../modules/catalog/graphql/admin/attribute-admin.resolver';
import { WebhookAdminResolver } from '../../modules/events/graphql/admin/webhook-admin.resolver';
import { StockAdminResolver } from '../../modules/inventory/graphql/admin/stock-admin.resolver';
import { IdentityAdminResolver } from '../../modules/identity/graphql/admin/identity-admin.resolver';
import { TenantAdminResolver } from '../../modules/tenants/graphql/admin/tenant-admin.resolver';
import { OrderAdminResolver } from '../../modules/orders/graphql/admin/order-admin.resolver';
import { OrderOpsResolver } from '../../modules/orders/graphql/admin/order-ops.resolver';
import { PriceAgreementAdminResolver } from '../../modules/catalog/graphql/admin/price-agreement-admin.resolver';
import { InsightsAdminResolver } from '../../modules/insights/graphql/admin/insights-admin.resolver';
import { DomainModules } from '../domain-modules';

/** Every Admin API resolver, and only those: `include: [AdminApiModule]` builds /admin/graphql from them. */
export const ADMIN_RESOLVERS = [
  IdentityAdminResolver,
  TenantAdminResolver,
  CatalogAdminResolver,
  PriceAgreementAdminResolver,
  CategoryAdminResolver,
  AttributeAdminResolver,
  StockAdminResolver,
  CustomerAdminResolver,
  WebhookAdminResolver,
  OrderAdminResolver,
  OrderOpsResolver,
  InsightsAdminResolver,
];

@Module({ imports: [...DomainModules], providers: [...ADMIN_RESOLVERS] })
export class AdminApiModule {}
