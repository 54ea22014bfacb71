import { Column, Entity, PrimaryColumn } from 'typeorm';

import type { VerificationStatus } from '../../../libs/domain/src';

export type { VerificationStatus };

/** A B2B company in one realm, de-duplicated by VAT number. */
@Entity('company')
export class CompanyEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid') brandId!: string;
  @Column('text') audience!: 'B2B';
  @Column('text') name!: string;
  @Column('char', { length: 2 }) country!: string;
  @Column('text') vatNumber!: string;
  @Column('text', { nullable: true }) kvkNumber!: string | null;
  @Column('text') street!: string;
  @Column('text') houseNumber!: string;
  @Column('text', { nullable: true }) houseNumberAddition!: string | null;
  @Column('text') postalCode!: string;
  @Column('text') city!: string;
  @Column('char', { length: 2 }) addressCountry!: string;
  @Column('text', { nullable: true }) addressFullName!: string | null;
  @Column('text') vatStatus!: VerificationStatus;
  @Column('timestamptz', { nullable: true }) vatCheckedAt!: Date | null;
  @Column('text', { nullable: true }) vatConsultationNumber!: string | null;
  @Column('text', { nullable: true }) vatRegisteredName!: string | null;
  @Column('timestamptz') createdAt!: Date;
  @Column('timestamptz') updatedAt!: Date;
}
