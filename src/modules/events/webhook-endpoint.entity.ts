import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Where events go: a brand's endpoint, or a global one (brandId null: every brand, and brand-less events). */
@Entity('webhook_endpoint')
export class WebhookEndpointEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid', { nullable: true }) brandId!: string | null;
  @Column('text') url!: string;
  /** Exact event types, or `*`. */
  @Column('text', { array: true }) events!: string[];
  /** The Standard Webhooks signing secret (`whsec_…`): kept to sign, never shown after creation. */
  @Column('text') secret!: string;
  @Column('boolean') enabled!: boolean;
  @Column('timestamptz') createdAt!: Date;
  @Column('timestamptz') updatedAt!: Date;
}
