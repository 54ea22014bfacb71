import { Column, Entity, PrimaryColumn } from 'typeorm';

import type { TaxCategory } from '../../../libs/domain/src';

export type { TaxCategory };

@Entity('product')
export class ProductEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('text') slug!: string;
  @Column('text') name!: string;
  @Column('text', { nullable: true }) description!: string | null;
  @Column('text') taxCategory!: TaxCategory;
  @Column('timestamptz') createdAt!: Date;
  @Column('timestamptz') updatedAt!: Date;
}
