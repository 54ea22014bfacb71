import { AsyncLocalStorage } from 'node:async_hooks';
import type { Logger as TypeOrmLogger } from 'typeorm';

/**
 * Counts SQL statements per HTTP request (only when DEBUG_SQL_COUNT=true, never in production): the
 * GraphQL response then carries `extensions.sqlStatements`, which the N+1 tests assert on.
 */
export const sqlCounter = new AsyncLocalStorage<{ count: number }>();

export class CountingLogger implements TypeOrmLogger {
  logQuery(): void {
    const store = sqlCounter.getStore();
    if (store) store.count++;
  }
  logQueryError(error: string | Error, query: string): void {
    void error;
    void query;
  }
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}
}
