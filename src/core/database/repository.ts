import type { RequestContext } from '../context/request-context';
import type { DatabaseService } from './database.service';

/**
 * Parameters of one SQL statement, with the caller's scope as predicates. Every scoped repository method
 * builds its statement through one of these, so the brand (and, for customers, the realm) filter is
 * written by this class from the RequestContext — never by hand, never from a client argument.
 *
 *   const p = new SqlParams(ctx);
 *   db.query(`SELECT … FROM customer c WHERE c.id = ${p.add(id)} AND ${p.brand('c.brand_id')}`, p.values);
 */
export class SqlParams {
  readonly values: unknown[] = [];

  constructor(readonly ctx: RequestContext) {}

  /** A bound parameter (`$n`). */
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }

  /**
   * `column` limited to the brands the caller may see: all for a super admin or system job, the
   * storefront's brand for a storefront caller, the admin's or key's brands otherwise; nothing without any.
   */
  brand(column: string): string {
    const scope = this.ctx.brandScope;
    if (scope.all) return 'TRUE';
    if (scope.ids.length === 0) return 'FALSE';
    return `${column} = ANY(${this.add([...scope.ids])}::uuid[])`;
  }

  /** The storefront caller's realm (brand + audience): customer data of one realm never shows in another. */
  realm(brandColumn: string, audienceColumn: string): string {
    const sf = this.ctx.requireStorefront();
    return `${brandColumn} = ${this.add(sf.brandId)} AND ${audienceColumn} = ${this.add(sf.audience)}`;
  }
}

/**
 * The base of every module's `*.repository.ts`, the only place SQL is written (lint: scripts/check-layers.js).
 * Methods take the RequestContext first and scope through `params(ctx)`; the few statements that must
 * see every tenant (system jobs: relays, schedulers, the seed) go through `unscoped(reason)`, which is
 * grep-able and reviewed.
 */
export abstract class Repository {
  protected constructor(protected readonly db: DatabaseService) {}

  /** Parameters with the caller's scope (see SqlParams). */
  protected params(ctx: RequestContext): SqlParams {
    return new SqlParams(ctx);
  }

  /** Runs a statement built with `params(ctx)`. */
  protected run<T>(p: SqlParams, sql: string): Promise<T[]> {
    return this.db.query<T>(sql, p.values);
  }

  /** The same as `run`, as a named prepared statement where the database allows it (hot reads: DatabaseService.prepared). */
  protected runPrepared<T>(p: SqlParams, sql: string): Promise<T[]> {
    return this.db.prepared<T>(sql, p.values);
  }

  /** `runPrepared` on sessions that always use the generic plan (DatabaseService.preparedGeneric says when). */
  protected runPreparedGeneric<T>(p: SqlParams, sql: string): Promise<T[]> {
    return this.db.preparedGeneric<T>(sql, p.values);
  }

  /** A statement that deliberately sees every tenant (system work); `reason` says why. */
  protected unscoped<T>(reason: string, sql: string, values: unknown[] = []): Promise<T[]> {
    void reason;
    return this.db.query<T>(sql, values);
  }
}
