import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('variant')
export class VariantEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid') productId!: string;
  @Column('text') sku!: string;
  @Column('text') name!: string;
  @Column('integer') position!: number;
  @Column('timestamptz') createdAt!: Date;
  @Column('timestamptz') updatedAt!: Date;
}
