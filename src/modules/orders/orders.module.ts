import { Module } from '@nestjs/common';
import { CatalogModule } from '../catalog/catalog.module';
import { CustomersModule } from '../customers/customers.module';
import { EventsModule } from '../events/events.module';
import { InventoryModule } from '../inventory/inventory.module';
import { TenantsModule } from '../tenants/tenants.module';
import { CartRepository } from './cart.repository';
import { CartPricer } from './cart-pricer';
import { CartService } from './cart.service';
import { CheckoutService } from './checkout.service';
import { OrderRepository } from './order.repository';
import { OrdersReadService } from './orders-read.service';
import { ShippingMethodRepository } from './shipping-method.repository';
import { ShippingMethodsService } from './shipping-methods.service';

const REPOSITORIES = [CartRepository, OrderRepository, ShippingMethodRepository];
const SERVICES = [CartPricer, CartService, CheckoutService, OrdersReadService, ShippingMethodsService];

/** Carts, checkout and orders. Imports catalog, customers, inventory, tenants and events; none of them imports it. */
@Module({
  imports: [CatalogModule, CustomersModule, EventsModule, InventoryModule, TenantsModule],
  providers: [...REPOSITORIES, ...SERVICES],
  exports: SERVICES,
})
export class OrdersModule {}
