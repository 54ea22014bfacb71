import { Column, Entity, PrimaryColumn } from 'typeorm';

export type TaxCategory = 'STANDARD' | 'REDUCED' | 'ZERO';

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
