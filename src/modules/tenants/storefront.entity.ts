import { Column, Entity, PrimaryColumn } from 'typeorm';

import type { Audience } from '../../../libs/domain/src';

export type { Audience };
import type { StockDisplay } from '../../../libs/domain/src';

export type { StockDisplay };
import type { ApprovalPolicy } from '../../../libs/domain/src';

export type { ApprovalPolicy };

@Entity('storefront')
export class StorefrontEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid') brandId!: string;
  @Column('text') code!: string;
  @Column('text') name!: string;
  @Column('text') audience!: Audience;
  @Column('char', { length: 3 }) currency!: string;
  @Column('char', { length: 2 }) country!: string;
  @Column('text') locale!: string;
  @Column('boolean') pricesIncludeTax!: boolean;
  @Column('text') stockDisplay!: StockDisplay;
  @Column('integer') lowStockThreshold!: number;
  @Column('text') approvalPolicy!: ApprovalPolicy;
  @Column('text', { select: false }) tokenHash!: string;
  @Column('timestamptz') tokenRotatedAt!: Date;
  @Column('timestamptz') createdAt!: Date;
  @Column('timestamptz') updatedAt!: Date;
}
