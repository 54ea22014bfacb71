import { Module } from '@nestjs/common';
import { CatalogModule } from '../catalog/catalog.module';
import { CustomersModule } from '../customers/customers.module';
import { EventsModule } from '../events/events.module';
import { InventoryModule } from '../inventory/inventory.module';
import { TenantsModule } from '../tenants/tenants.module';
import { CartRepository } from './cart.repository';
import { CartPricer } from './cart-pricer';
import { CartAbandonedWorker } from './cart-abandoned.worker';
import { CartService } from './cart.service';
import { CheckoutService } from './checkout.service';
import { OrderAccountRepository } from './order-account.repository';
import { OrderAccountsService } from './order-accounts.service';
import { OrderAdminService } from './order-admin.service';
import { OrderCancellationService } from './order-cancellation.service';
import { OrderOpsRepository } from './order-ops.repository';
import { OrderRepository } from './order.repository';
import { OrdersReadService } from './orders-read.service';
import { ShippingMethodRepository } from './shipping-method.repository';
import { ShippingMethodsService } from './shipping-methods.service';
import { UnpaidOrderWorker } from './unpaid-order.worker';

const REPOSITORIES = [CartRepository, OrderAccountRepository, OrderRepository, OrderOpsRepository, ShippingMethodRepository];
const SERVICES = [
  CartPricer,
  CartService,
  CheckoutService,
  OrderAccountsService,
  OrderAdminService,
  OrderCancellationService,
  OrdersReadService,
  ShippingMethodsService,
];

/** Background work of the module (not exported). */
const WORKERS = [CartAbandonedWorker, UnpaidOrderWorker];

/** Carts, checkout and orders. Imports catalog, customers, inventory, tenants and events; none of them imports it. */
@Module({
  imports: [CatalogModule, CustomersModule, EventsModule, InventoryModule, TenantsModule],
  providers: [...REPOSITORIES, ...SERVICES, ...WORKERS],
  exports: SERVICES,
})
export class OrdersModule {}
