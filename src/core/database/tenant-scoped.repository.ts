import { Injectable } from '@nestjs/common';
import {
  type EntityTarget,
  type FindOptionsOrder,
  type FindOptionsWhere,
  In,
  type ObjectLiteral,
  type SelectQueryBuilder,
} from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { DomainError } from '../../../libs/errors/src';
import type { RequestContext } from '../context/request-context';
import { DatabaseService } from './database.service';

type BrandOwned = ObjectLiteral & { brandId: string };

/**
 * The only door to brand-owned tables. Every read and write is limited to the brands of the request
 * context — there is no way to call it without one, and no optional filter to forget.
 */
export class TenantScopedRepository<T extends BrandOwned> {
  constructor(
    private readonly db: DatabaseService,
    private readonly target: EntityTarget<T>,
  ) {}

  private get repo() {
    return this.db.manager.getRepository(this.target);
  }

  private scoped(ctx: RequestContext, where: FindOptionsWhere<T>): FindOptionsWhere<T> | null {
    const scope = ctx.brandScope;
    if (scope.all) return where;
    if (scope.ids.length === 0) return null;
    return { ...where, brandId: In([...scope.ids]) } as FindOptionsWhere<T>;
  }

  async find(ctx: RequestContext, where: FindOptionsWhere<T> = {}, order?: FindOptionsOrder<T>): Promise<T[]> {
    const w = this.scoped(ctx, where);
    return w ? this.repo.find({ where: w, order }) : [];
  }

  async findOne(ctx: RequestContext, where: FindOptionsWhere<T>): Promise<T | null> {
    const w = this.scoped(ctx, where);
    return w ? this.repo.findOne({ where: w }) : null;
  }

  async count(ctx: RequestContext, where: FindOptionsWhere<T> = {}): Promise<number> {
    const w = this.scoped(ctx, where);
    return w ? this.repo.count({ where: w }) : 0;
  }

  /** A query builder already limited to the context's brands (`alias.brand_id`). */
  queryBuilder(ctx: RequestContext, alias: string): SelectQueryBuilder<T> {
    const qb = this.repo.createQueryBuilder(alias);
    const scope = ctx.brandScope;
    if (!scope.all) qb.where(`${alias}.brandId IN (:...__brandIds)`, { __brandIds: scope.ids.length ? [...scope.ids] : [null] });
    return qb;
  }

  async insert(ctx: RequestContext, values: QueryDeepPartialEntity<T> & { brandId: string }): Promise<void> {
    if (!ctx.canSeeBrand(values.brandId)) throw new DomainError('NOT_FOUND', 'Brand was not found.');
    await this.repo.insert(values);
  }

  async update(ctx: RequestContext, where: FindOptionsWhere<T>, patch: QueryDeepPartialEntity<T>): Promise<number> {
    const w = this.scoped(ctx, where);
    if (!w) return 0;
    const res = await this.repo.update(w, patch);
    return res.affected ?? 0;
  }
}

@Injectable()
export class TenantRepositories {
  constructor(private readonly db: DatabaseService) {}

  for<T extends BrandOwned>(target: EntityTarget<T>): TenantScopedRepository<T> {
    return new TenantScopedRepository(this.db, target);
  }
}
