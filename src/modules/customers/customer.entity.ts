import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Audience } from '../../../libs/domain/src';

import type { CustomerStatus } from '../../../libs/domain/src';

export type { CustomerStatus };
import type { CompanyRole } from '../../../libs/domain/src';

export type { CompanyRole };

/** A customer account: lives in exactly one realm (brand + audience). */
@Entity('customer')
export class CustomerEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid') brandId!: string;
  @Column('text') audience!: Audience;
  @Column('text', { nullable: true }) email!: string | null;
  @Column('text', { nullable: true, select: false }) passwordHash!: string | null;
  @Column('text', { nullable: true }) firstName!: string | null;
  @Column('text', { nullable: true }) lastName!: string | null;
  @Column('text', { nullable: true }) phone!: string | null;
  @Column('text') status!: CustomerStatus;
  @Column('text', { nullable: true }) rejectionReason!: string | null;
  @Column('uuid', { nullable: true }) companyId!: string | null;
  @Column('text', { nullable: true }) companyRole!: CompanyRole | null;
  @Column('uuid') registeredStorefrontId!: string;
  @Column('timestamptz') createdAt!: Date;
  @Column('timestamptz') updatedAt!: Date;
  @Column('timestamptz', { nullable: true }) erasedAt!: Date | null;
}
