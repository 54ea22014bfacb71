import type { EventEmitter } from 'node:events';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { CountingLogger } from '../core/database/sql-counter';
import { MIGRATIONS } from './migrations';
import { SnakeNamingStrategy } from './naming.strategy';

export interface DataSourceSettings {
  poolSize?: number;
  countStatements?: boolean;
  /** Longest wait to open a connection, and for a free pool connection when all are busy (pg-pool uses one value for both). */
  connectTimeoutMs?: number;
  /** Server-side `statement_timeout` of every session; 0 or absent: none. */
  statementTimeoutMs?: number;
  /** Server-side `idle_in_transaction_session_timeout` of every session; 0 or absent: none. */
  idleInTxTimeoutMs?: number;
  /**
   * Errors of pool connections (the server ended the session, the network dropped it). Without a listener pg
   * would crash the process; the pool drops the connection and opens a new one on the next checkout.
   */
  onPoolError?: (error: Error) => void;
}

/** One DataSource definition for the app, the migration CLI and tests. Never `synchronize`. */
export function dataSourceOptions(url: string, opts: DataSourceSettings = {}): DataSourceOptions {
  const onError = opts.onPoolError;
  return {
    type: 'postgres',
    url,
    // No entities: all SQL lives in repositories (docs/ARCHITECTURE.md); the schema is the migrations.
    entities: [],
    migrations: MIGRATIONS,
    migrationsTableName: 'typeorm_migrations',
    migrationsTransactionMode: 'each',
    migrationsRun: false,
    synchronize: false,
    namingStrategy: new SnakeNamingStrategy(),
    poolSize: opts.poolSize ?? 10,
    ...(opts.countStatements ? { logging: ['query'] as const, logger: new CountingLogger() } : { logging: ['error'] as const }),
    ...(onError ? { poolErrorHandler: onError } : {}),
    // TypeORM 1.x merges `extra` last into the pg Pool/Client config. pg sends `statement_timeout` and
    // `idle_in_transaction_session_timeout` as startup parameters, so they hold from a session's first statement.
    // TCP keep-alive lets a connection to a vanished host fail instead of hanging.
    extra: {
      application_name: 'storefront-hub',
      connectionTimeoutMillis: opts.connectTimeoutMs ?? 10000,
      keepAlive: true,
      keepAliveInitialDelayMillis: 10000,
      // pg-pool listens for a connection's errors only while it is idle, TypeORM only once its query runner holds
      // it — attached a microtask after pg-pool hands the connection out. A session killed just as it connected
      // (its FATAL in the same read as its first ReadyForQuery) emitted 'error' with nobody listening, which ends
      // the process (seen with pg_terminate_backend under load). So every connection gets a listener for its whole
      // life; pg-pool and TypeORM still drop the dead connection through their own.
      ...(onError ? { onConnect: (client: EventEmitter) => void client.on('error', onError) } : {}),
      ...(opts.statementTimeoutMs ? { statement_timeout: opts.statementTimeoutMs } : {}),
      ...(opts.idleInTxTimeoutMs ? { idle_in_transaction_session_timeout: opts.idleInTxTimeoutMs } : {}),
    },
  };
}

export function createDataSource(url: string, opts?: DataSourceSettings): DataSource {
  return new DataSource(dataSourceOptions(url, opts));
}
