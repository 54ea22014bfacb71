import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('outbox_event')
export class OutboxEventEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column({ type: 'bigint', insert: false, update: false }) position!: string;
  @Column('text') type!: string;
  @Column('uuid', { nullable: true }) brandId!: string | null;
  @Column('text') aggregateId!: string;
  @Column('jsonb') payload!: Record<string, unknown>;
  @Column('timestamptz') occurredAt!: Date;
  @Column('timestamptz', { nullable: true }) relayedAt!: Date | null;
}
