import { IdentityModule } from '../modules/identity/identity.module';
import { InventoryModule } from '../modules/inventory/inventory.module';
import { TenantsModule } from '../modules/tenants/tenants.module';

export const DomainModules = [TenantsModule, InventoryModule, IdentityModule];
