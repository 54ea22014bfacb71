import 'reflect-metadata';
import { type AppConfig, ConfigError, loadConfig } from '../config/app-config';
import { createDataSource } from './data-source';
import { EmbeddedPostgres } from './embedded/pglite-server';

/** `npm run migrate`: applies pending migrations to DATABASE_URL (or the embedded database) and exits. */
async function main(): Promise<void> {
  let config: AppConfig;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`${e.message}\n`);
      process.exit(1);
    }
    throw e;
  }
  const embedded = config.databaseUrl ? undefined : await EmbeddedPostgres.start(config.dataDir);
  const ds = createDataSource(config.databaseUrl ?? embedded!.url, { poolSize: 1 });
  try {
    await ds.initialize();
    const ran = await ds.runMigrations({ transaction: 'each' });
    process.stdout.write(ran.length ? `applied: ${ran.map((m) => m.name).join(', ')}\n` : 'no pending migrations\n');
  } finally {
    if (ds.isInitialized) await ds.destroy();
    await embedded?.stop();
  }
}

main().catch((e: Error) => {
  process.stderr.write(`migrate failed: ${e.message.split('\n')[0]}\n`);
  process.exit(1);
});
