import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('brand')
export class BrandEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('text') code!: string;
  @Column('text') name!: string;
  @Column('text', { nullable: true }) vatNumber!: string | null;
  @Column('timestamptz') createdAt!: Date;
  @Column('timestamptz') updatedAt!: Date;
}
