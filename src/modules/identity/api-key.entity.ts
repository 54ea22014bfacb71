import { Column, Entity, PrimaryColumn } from 'typeorm';

import type { ApiScope } from '../../../libs/domain/src';

export type { ApiScope };

@Entity('api_key')
export class ApiKeyEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('text') name!: string;
  @Column('text') prefix!: string;
  @Column('text', { select: false }) secretHash!: string;
  @Column('text', { array: true }) scopes!: ApiScope[];
  @Column('boolean') allBrands!: boolean;
  @Column('uuid', { nullable: true }) createdBy!: string | null;
  @Column('timestamptz') createdAt!: Date;
  @Column('timestamptz', { nullable: true }) revokedAt!: Date | null;
  @Column('timestamptz', { nullable: true }) lastUsedAt!: Date | null;
}
