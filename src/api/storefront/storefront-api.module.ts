import { MyAccountResolver } from '../../modules/customers/graphql/storefront/my-account.resolver';
import { CustomerAccountResolver } from '../../modules/customers/graphql/storefront/customer-account.resolver';
import { Module } from '@nestjs/common';
import {
  CatalogStorefrontResolver,
  ProductConnectionResolver,
  ProductVariantStorefrontResolver,
} from '../../modules/catalog/graphql/storefront/catalog.resolver';
import { StockChangedResolver } from '../../modules/inventory/graphql/storefront/stock-changed.resolver';
import { StorefrontInfoResolver } from '../../modules/tenants/graphql/storefront/storefront.resolver';
import { CartResolver } from '../../modules/orders/graphql/storefront/cart.resolver';
import { MyOrdersResolver } from '../../modules/orders/graphql/storefront/my-orders.resolver';
import { OrderAccountResolver } from '../../modules/orders/graphql/storefront/order-account.resolver';
import { AlsoBoughtResolver, BuyAgainResolver } from '../../modules/insights/graphql/storefront/insights.resolver';
import { DomainModules } from '../domain-modules';

/** Every Storefront API resolver, and only those: `include: [StorefrontApiModule]` builds /graphql from them. */
export const STOREFRONT_RESOLVERS = [
  StorefrontInfoResolver,
  CatalogStorefrontResolver,
  ProductVariantStorefrontResolver,
  ProductConnectionResolver,
  StockChangedResolver,
  CustomerAccountResolver,
  MyAccountResolver,
  CartResolver,
  MyOrdersResolver,
  OrderAccountResolver,
  AlsoBoughtResolver,
  BuyAgainResolver,
];

@Module({ imports: [...DomainModules], providers: [...STOREFRONT_RESOLVERS] })
export class StorefrontApiModule {}
