import { Column, Entity, PrimaryColumn } from 'typeorm';

import type { WebhookDeliveryStatus } from '../../../libs/domain/src';

export type { WebhookDeliveryStatus };

/** One outbox event for one endpoint: its attempts, the next one, and how the last one went. */
@Entity('webhook_delivery')
export class WebhookDeliveryEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid') endpointId!: string;
  @Column('uuid') eventId!: string;
  /** The event's outbox position: deliveries of one object go out in this order. */
  @Column('bigint') eventPosition!: string;
  @Column('text') aggregateId!: string;
  @Column('text') status!: WebhookDeliveryStatus;
  @Column('int') attempts!: number;
  @Column('timestamptz', { nullable: true }) nextAttemptAt!: Date | null;
  /** While DELIVERING: the claim's lease; past it, another worker may take the delivery over. */
  @Column('timestamptz', { nullable: true }) lockedUntil!: Date | null;
  @Column('timestamptz', { nullable: true }) lastAttemptAt!: Date | null;
  @Column('int', { nullable: true }) lastStatusCode!: number | null;
  @Column('text', { nullable: true }) lastError!: string | null;
  @Column('timestamptz', { nullable: true }) deliveredAt!: Date | null;
  @Column('timestamptz') createdAt!: Date;
  @Column('timestamptz') updatedAt!: Date;
}
