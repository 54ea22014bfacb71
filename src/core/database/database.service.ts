import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash } from 'node:crypto';
import type { Pool, PoolConfig } from 'pg';
import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';
import type { EmbeddedPostgres } from '../../database/embedded/pglite-server';
import { PipelinedSessions } from './pipelined-sessions';
import { sqlCounter } from './sql-counter';

interface TxState {
  manager: EntityManager;
  afterCommit: Array<() => void | Promise<void>>;
}

const RETRYABLE = new Set(['40001', '40P01']);
/** Options of the database door besides the DataSource. */
export interface DatabaseOptions {
  /**
   * Pipelined sessions of the generic-plan reads (`preparedGeneric`), besides the main pool's
   * (DB_PIPELINED_SESSIONS, default 2: on the bench's two cores, 2 beat 4; a larger database server takes more).
   */
  pipelinedSessions: number;
}

/**
 * The database door: the DataSource, the current transaction (AsyncLocalStorage) and after-commit hooks.
 * Inside a transaction every query must use `manager` (PGlite is one session: another pool connection
 * would wait for this transaction to end).
 */
@Injectable()
export class DatabaseService implements OnApplicationShutdown {
  private readonly log = new Logger('Database');
  private readonly als = new AsyncLocalStorage<TxState>();
  migrated = false;
  private probe?: Promise<boolean>;

  constructor(
    readonly dataSource: DataSource,
    private readonly embedded: EmbeddedPostgres | undefined,
    private readonly options: DatabaseOptions = { pipelinedSessions: 2 },
  ) {}

  get isEmbedded(): boolean {
    return this.embedded !== undefined;
  }

  /** The transaction's manager when inside one, else the pool's. */
  get manager(): EntityManager {
    return this.als.getStore()?.manager ?? this.dataSource.manager;
  }

  get inTransaction(): boolean {
    return this.als.getStore() !== undefined;
  }

  /** Rows of a statement, whatever its kind (TypeORM answers UPDATE/DELETE … RETURNING with [rows, count]). */
  async query<T = unknown>(sql: string, params: unknown[] = []): Promise<T[]> {
    const result: unknown = await this.manager.query(sql, params);
    if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') {
      return result[0] as T[];
    }
    return result as T[];
  }

  /**
   * A read of a hot path as a named prepared statement: on real PostgreSQL, outside a transaction, each pool
   * connection parses it once and PostgreSQL may keep a generic plan after a few executions, so a repeated read
   * skips parsing and planning (the Q2 miss path spent more time planning than executing). The name is a hash of
   * the text, so equal texts share it. On the embedded database (one PGlite session behind every connection,
   * where two connections preparing one name would collide) and inside transactions it is a plain query.
   */
  async prepared<T = unknown>(sql: string, params: unknown[] = []): Promise<T[]> {
    const pool = (this.dataSource.driver as unknown as { master?: Pool }).master;
    if (this.embedded || this.inTransaction || !pool) return this.query<T>(sql, params);
    const counter = sqlCounter.getStore();
    if (counter) counter.count++;
    const result = await pool.query({ name: this.statementName(sql), text: sql, values: params });
    return result.rows as T[];
  }

  private readonly statementNames = new Map<string, string>();

  /**
   * `prepared` for a statement whose plan does not depend on its parameters' values — they reach the plan only
   * through its CTEs (the storefront's product page and its facets: words, prefixes and typo budgets become
   * tsqueries inside the statement, filters become CTEs) — on two pipelined sessions of their own
   * (`PipelinedSessions`) that always use the generic plan: PostgreSQL would otherwise plan it anew on every
   * execution (its custom plans look no dearer), and planning cost more than executing. Such a statement must not need the value of a parameter to use an index
   * (`LIKE $1` cannot; catalog-sql.ts `startsWith` can).
   */
  async preparedGeneric<T = unknown>(sql: string, params: unknown[] = []): Promise<T[]> {
    const pool = (this.dataSource.driver as unknown as { master?: Pool }).master;
    if (this.embedded || this.inTransaction || !pool) return this.query<T>(sql, params);
    if (!this.genericPool) {
      const base = (pool as unknown as { options: PoolConfig }).options;
      this.genericPool = new PipelinedSessions(
        { ...base, options: [base.options, '-c plan_cache_mode=force_generic_plan'].filter(Boolean).join(' ') },
        this.options.pipelinedSessions,
        (e) => this.poolError(e),
      );
    }
    const counter = sqlCounter.getStore();
    if (counter) counter.count++;
    const result = await this.genericPool.query({ name: this.statementName(sql), text: sql, values: params });
    return result.rows as T[];
  }

  private genericPool?: PipelinedSessions;

  private statementName(sql: string): string {
    let name = this.statementNames.get(sql);
    if (!name) {
      name = `hub_${createHash('sha1').update(sql).digest('hex').slice(0, 20)}`;
      if (this.statementNames.size < 1000) this.statementNames.set(sql, name);
    }
    return name;
  }

  /**
   * Runs `work` in one transaction (joining an open one). Retries on serialization failures and deadlocks
   * (40001/40P01) up to 3 times with jitter; any thrown error rolls everything back.
   */
  async transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const open = this.als.getStore();
    if (open) return work(open.manager);
    return this.retrying(async () => {
      const state: TxState = { manager: this.dataSource.manager, afterCommit: [] };
      const result = await this.dataSource.transaction((manager) => {
        state.manager = manager;
        return this.als.run(state, () => work(manager));
      });
      for (const hook of state.afterCommit) await this.runHook(hook);
      return result;
    });
  }

  /**
   * Runs `work`, one statement that is atomic by itself (a data-modifying statement or a function call), without
   * BEGIN/COMMIT round trips: inside an open transaction it joins it; outside, it commits on its own and is retried
   * like `transaction` on serialization failures and deadlocks. `afterCommit` hooks registered by the caller after
   * it returns run at once outside a transaction, after the open transaction's commit inside one.
   */
  async atomic<T>(work: () => Promise<T>): Promise<T> {
    return this.inTransaction ? work() : this.retrying(work);
  }

  private async retrying<T>(work: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await work();
      } catch (e) {
        const code = (e as { code?: string; driverError?: { code?: string } }).driverError?.code ?? (e as { code?: string }).code;
        if (attempt < 3 && code && RETRYABLE.has(code)) {
          await new Promise((r) => setTimeout(r, 10 * attempt + Math.random() * 40));
          continue;
        }
        throw e;
      }
    }
  }

  /** Runs `hook` once the current transaction commits (at once when there is none). Never on rollback. */
  afterCommit(hook: () => void | Promise<void>): void {
    const open = this.als.getStore();
    if (open) open.afterCommit.push(hook);
    else void Promise.resolve().then(() => this.runHook(hook));
  }

  /** A failing hook is logged, never left as an unhandled rejection (that would end the process). */
  private async runHook(hook: () => void | Promise<void>): Promise<void> {
    try {
      await hook();
    } catch (e) {
      this.log.error(`after-commit hook failed: ${(e as Error).message}`);
    }
  }

  /**
   * Whether the database answers `SELECT 1` within `timeoutMs`. At most one probe is outstanding: while an
   * earlier one has not come back, callers wait on it (so a flood of checks never queues statements).
   */
  async ping(timeoutMs = 1000): Promise<boolean> {
    if (!this.dataSource.isInitialized) return false;
    this.probe ??= this.dataSource.query('SELECT 1').then(
      () => true,
      () => false,
    );
    const probe = this.probe;
    void probe.finally(() => {
      if (this.probe === probe) this.probe = undefined;
    });
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs);
    });
    try {
      return await Promise.race([probe, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** A pool connection failed (its session was ended, the server went away): logged; the pool replaces it. */
  poolError(e: Error): void {
    this.log.warn(`database connection lost (${(e as { code?: string }).code ?? 'no code'}): ${e.message}`);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.genericPool?.end();
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
    if (this.embedded) await this.embedded.stop();
  }
}
