import { DataSource, type DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';
import { SnakeNamingStrategy } from './naming.strategy';

/** One DataSource definition for the app, the migration CLI and tests. Never `synchronize`. */
export function dataSourceOptions(url: string, opts: { poolSize?: number; logging?: boolean } = {}): DataSourceOptions {
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
    logging: opts.logging ? ['query', 'error'] : ['error'],
    extra: { application_name: 'storefront-hub', connectionTimeoutMillis: 10000 },
  };
}

export function createDataSource(url: string, opts?: { poolSize?: number; logging?: boolean }): DataSource {
  return new DataSource(dataSourceOptions(url, opts));
}
