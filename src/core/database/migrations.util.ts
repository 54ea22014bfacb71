import { type DataSource, MigrationExecutor } from 'typeorm';

/**
 * Applies pending migrations, one transaction each, on one connection without the sessions' statement and
 * idle-in-transaction timeouts (an index on a big table may take longer than any request should). Answers the
 * names of the migrations applied.
 */
export async function runMigrations(dataSource: DataSource): Promise<string[]> {
  const runner = dataSource.createQueryRunner();
  try {
    await runner.query(`SET statement_timeout = 0`);
    await runner.query(`SET idle_in_transaction_session_timeout = 0`);
    const executor = new MigrationExecutor(dataSource, runner);
    executor.transaction = 'each';
    const ran = await executor.executePendingMigrations();
    // Back to the session's defaults (the startup parameters) before the connection returns to the pool.
    await runner.query(`RESET statement_timeout`);
    await runner.query(`RESET idle_in_transaction_session_timeout`);
    return ran.map((m) => m.name);
  } finally {
    await runner.release();
  }
}
