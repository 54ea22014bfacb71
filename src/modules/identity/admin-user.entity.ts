import { Column, Entity, PrimaryColumn } from 'typeorm';

import type { AdminRole } from '../../../libs/domain/src';

export type { AdminRole };

@Entity('admin_user')
export class AdminUserEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('text') email!: string;
  @Column('text', { select: false }) passwordHash!: string;
  @Column('text') role!: AdminRole;
  @Column('timestamptz') createdAt!: Date;
  @Column('timestamptz', { nullable: true }) lastLoginAt!: Date | null;
}
