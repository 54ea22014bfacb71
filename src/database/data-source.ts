import { DataSource, type DataSourceOptions } from 'typeorm';
import { CountingLogger } from '../core/database/sql-counter';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';
import { SnakeNamingStrategy } from './naming.strategy';

/** One DataSource definition for the app, the migration CLI and tests. Never `synchronize`. */
export function dataSourceOptions(url: string, opts: { poolSize?: number; countStatements?: boolean } = {}): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'typeorm_migrations',
    migrationsTransactionMode: 'each',
    migrationsRun: false,
    synchronize: false,
    namingStrategy: new SnakeNamingStrategy(),
    poolSize: opts.poolSize ?? 10,
    ...(opts.countStatements ? { logging: ['query'] as const, logger: new CountingLogger() } : { logging: ['error'] as const }),
    extra: { application_name: 'storefront-hub', connectionTimeoutMillis: 10000 },
  };
}

export function createDataSource(url: string, opts?: { poolSize?: number; countStatements?: boolean }): DataSource {
  return new DataSource(dataSourceOptions(url, opts));
}
