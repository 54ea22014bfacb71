import type { WebhookDeliveryStatus } from '../../../../../libs/domain/src';
import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { WEBHOOK_DELIVERY_STATUSES } from '../../../../../libs/domain/src';
import { graphqlEnum } from '../../../../core/graphql/graphql-enum';
import { Paginated } from '../../../../core/graphql/pagination.types';

export const WebhookDeliveryStatusEnum = graphqlEnum(
  WEBHOOK_DELIVERY_STATUSES,
  'WebhookDeliveryStatus',
  'PENDING: waiting for its (next) attempt; DELIVERING: an attempt is in flight; DEAD: every retry failed (redeliver to try again)',
);

@ObjectType('Webhook')
export class WebhookType {
  @Field(() => ID) id!: string;
  @Field(() => String) url!: string;
  @Field(() => [String], { description: 'Event types (CONTRACT §6), or "*" for every type.' })
  events!: string[];
  @Field(() => String, {
    nullable: true,
    description: "null: every brand's events, and events of no brand (stock.changed), which only such global webhooks receive.",
  })
  brandCode!: string | null;
  @Field(() => Boolean) enabled!: boolean;
  @Field(() => Date) createdAt!: Date;
  @Field(() => Date) updatedAt!: Date;
}

@ObjectType('WebhookCreated')
export class WebhookCreated {
  @Field(() => WebhookType) webhook!: WebhookType;
  @Field(() => String, {
    description: 'The Standard Webhooks signing secret (whsec_…) to verify webhook-signature with. Shown once.',
  })
  secret!: string;
}

@ObjectType('WebhookDelivery')
export class WebhookDeliveryType {
  @Field(() => ID) id!: string;
  @Field(() => ID) webhookId!: string;
  @Field(() => ID, { description: 'The event id: the body\'s "id" and the webhook-id header, the same on every attempt.' })
  eventId!: string;
  @Field(() => String) eventType!: string;
  @Field(() => Date) occurredAt!: Date;
  @Field(() => WebhookDeliveryStatusEnum) status!: WebhookDeliveryStatus;
  @Field(() => Int, { description: 'Attempts made (since the last redelivery).' })
  attempts!: number;
  @Field(() => Date, { nullable: true, description: 'When PENDING: when the next attempt is due.' })
  nextAttemptAt!: Date | null;
  @Field(() => Date, { nullable: true }) lastAttemptAt!: Date | null;
  @Field(() => Int, { nullable: true, description: "The receiver's HTTP status of the last attempt (null: no answer)." })
  lastStatusCode!: number | null;
  @Field(() => String, { nullable: true, description: 'Why the last attempt failed (HTTP status, timeout, network error).' })
  lastError!: string | null;
  @Field(() => Date, { nullable: true }) deliveredAt!: Date | null;
  @Field(() => Date) createdAt!: Date;
}

@ObjectType('WebhookDeliveryConnection')
export class WebhookDeliveryConnection extends Paginated(WebhookDeliveryType, 'WebhookDelivery') {}
