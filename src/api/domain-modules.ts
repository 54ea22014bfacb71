import { CustomersModule } from '../modules/customers/customers.module';
import { CatalogModule } from '../modules/catalog/catalog.module';
import { EventsModule } from '../modules/events/events.module';
import { IdentityModule } from '../modules/identity/identity.module';
import { InventoryModule } from '../modules/inventory/inventory.module';
import { InsightsModule } from '../modules/insights/insights.module';
import { OrdersModule } from '../modules/orders/orders.module';
import { TenantsModule } from '../modules/tenants/tenants.module';

export const DomainModules = [
  TenantsModule,
  InventoryModule,
  IdentityModule,
  CatalogModule,
  EventsModule,
  CustomersModule,
  OrdersModule,
  InsightsModule,
];
