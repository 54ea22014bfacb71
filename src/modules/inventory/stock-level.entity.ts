import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('stock_level')
export class StockLevelEntity {
  @PrimaryColumn('text') sku!: string;
  @PrimaryColumn('uuid') warehouseId!: string;
  @Column('integer') onHand!: number;
  @Column('integer') reserved!: number;
  /** bigint: kept as a decimal string end to end (up to 2^63−1). */
  @Column('bigint') sequence!: string;
  @Column('timestamptz') updatedAt!: Date;
}
