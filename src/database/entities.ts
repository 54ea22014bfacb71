import { ProductEntity } from '../modules/catalog/product.entity';
import { VariantEntity } from '../modules/catalog/variant.entity';
import { CompanyEntity } from '../modules/customers/company.entity';
import { CustomerEntity } from '../modules/customers/customer.entity';
import { OutboxEventEntity } from '../modules/events/outbox-event.entity';
import { WebhookDeliveryEntity } from '../modules/events/webhook-delivery.entity';
import { WebhookEndpointEntity } from '../modules/events/webhook-endpoint.entity';
import { AdminUserEntity } from '../modules/identity/admin-user.entity';
import { ApiKeyEntity } from '../modules/identity/api-key.entity';
import { StockLevelEntity } from '../modules/inventory/stock-level.entity';
import { WarehouseEntity } from '../modules/inventory/warehouse.entity';
import { BrandEntity } from '../modules/tenants/brand.entity';
import { StorefrontEntity } from '../modules/tenants/storefront.entity';

export const ENTITIES = [
  BrandEntity,
  StorefrontEntity,
  WarehouseEntity,
  AdminUserEntity,
  ApiKeyEntity,
  ProductEntity,
  VariantEntity,
  StockLevelEntity,
  OutboxEventEntity,
  WebhookEndpointEntity,
  WebhookDeliveryEntity,
  CustomerEntity,
  CompanyEntity,
];
