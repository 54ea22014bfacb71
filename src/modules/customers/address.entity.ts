import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('address')
export class AddressEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid') brandId!: string;
  @Column('uuid') customerId!: string;
  @Column('text', { nullable: true }) fullName!: string | null;
  @Column('text') street!: string;
  @Column('text') houseNumber!: string;
  @Column('text', { nullable: true }) houseNumberAddition!: string | null;
  @Column('text') postalCode!: string;
  @Column('text') city!: string;
  @Column('char', { length: 2 }) country!: string;
  @Column('boolean') defaultShipping!: boolean;
  @Column('boolean') defaultBilling!: boolean;
  @Column('timestamptz') createdAt!: Date;
  @Column('timestamptz') updatedAt!: Date;
}
