import { Module } from '@nestjs/common';
import { OutboxRelay } from './outbox-relay.worker';
import { OutboxService } from './outbox.service';
import { WebhookDeliveriesService } from './webhook-deliveries.service';
import { WebhookDispatcher } from './webhook-dispatcher.worker';
import { WebhooksService } from './webhooks.service';

/**
 * Events to downstream systems (CONTRACT §6): the outbox every module writes to, the relay that fans events
 * out to webhook endpoints, the dispatcher that delivers them, and the admin services behind the webhook API.
 */
@Module({
  providers: [OutboxService, OutboxRelay, WebhookDispatcher, WebhooksService, WebhookDeliveriesService],
  exports: [OutboxService, WebhooksService, WebhookDeliveriesService],
})
export class EventsModule {}
