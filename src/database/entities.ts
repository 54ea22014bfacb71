import { AddressEntity } from '../modules/customers/address.entity';
import { CompanyEntity } from '../modules/customers/company.entity';
import { CustomerEntity } from '../modules/customers/customer.entity';
import { OutboxEventEntity } from '../modules/events/outbox-event.entity';
import { WebhookDeliveryEntity } from '../modules/events/webhook-delivery.entity';
import { WebhookEndpointEntity } from '../modules/events/webhook-endpoint.entity';

export const ENTITIES = [
  OutboxEventEntity,
  WebhookEndpointEntity,
  WebhookDeliveryEntity,
  CustomerEntity,
  CompanyEntity,
  AddressEntity,
];
