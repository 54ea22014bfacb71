import { ProductEntity } from '../modules/catalog/product.entity';
import { VariantEntity } from '../modules/catalog/variant.entity';
import { AddressEntity } from '../modules/customers/address.entity';
import { CompanyEntity } from '../modules/customers/company.entity';
import { CustomerEntity } from '../modules/customers/customer.entity';
import { OutboxEventEntity } from '../modules/events/outbox-event.entity';
import { WebhookDeliveryEntity } from '../modules/events/webhook-delivery.entity';
import { WebhookEndpointEntity } from '../modules/events/webhook-endpoint.entity';
import { StockLevelEntity } from '../modules/inventory/stock-level.entity';

export const ENTITIES = [
  ProductEntity,
  VariantEntity,
  StockLevelEntity,
  OutboxEventEntity,
  WebhookEndpointEntity,
  WebhookDeliveryEntity,
  CustomerEntity,
  CompanyEntity,
  AddressEntity,
];
