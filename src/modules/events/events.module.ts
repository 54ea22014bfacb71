import { Module } from '@nestjs/common';
import { OutboxRelay } from './outbox-relay.worker';
import { OutboxRepository } from './outbox.repository';
import { OutboxService } from './outbox.service';
import { WebhookDeliveriesService } from './webhook-deliveries.service';
import { WebhookDeliveryRepository } from './webhook-delivery.repository';
import { WebhookDispatcher } from './webhook-dispatcher.worker';
import { WebhookRepository } from './webhook.repository';
import { WebhooksService } from './webhooks.service';

/**
 * Events to downstream systems (CONTRACT §6): the outbox every module writes to, the relay that fans events
 * out to webhook endpoints, the dispatcher that delivers them, and the admin services behind the webhook API.
 */
@Module({
  providers: [
    OutboxRepository,
    WebhookRepository,
    WebhookDeliveryRepository,
    OutboxService,
    OutboxRelay,
    WebhookDispatcher,
    WebhooksService,
    WebhookDeliveriesService,
  ],
  exports: [OutboxService, WebhooksService, WebhookDeliveriesService],
})
export class EventsModule {}
