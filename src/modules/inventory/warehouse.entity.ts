import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('warehouse')
export class WarehouseEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('text') code!: string;
  @Column('text') name!: string;
  @Column('timestamptz') createdAt!: Date;
}
