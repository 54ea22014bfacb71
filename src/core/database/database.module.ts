import { Global, Logger, Module } from '@nestjs/common';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/app-config';
import { createDataSource } from '../../database/data-source';
import { EmbeddedPostgres } from '../../database/embedded/pglite-server';
import { DatabaseService } from './database.service';
import { runMigrations } from './migrations.util';
import { DatabaseUnavailableError } from './pg-errors';

@Global()
@Module({
  providers: [
    {
      provide: DatabaseService,
      inject: [APP_CONFIG],
      useFactory: async (config: AppConfig) => {
        const log = new Logger('Database');
        const embedded = config.databaseUrl ? undefined : await EmbeddedPostgres.start(config.dataDir, config.embeddedDbPort);
        if (embedded) log.log(`embedded PostgreSQL (PGlite) with data in ${config.dataDir}`);
        const dataSource = createDataSource(config.databaseUrl ?? embedded!.url, {
          // PGlite is one session: a single connection avoids interleaving on its socket server (and loses no
          // parallelism). It accepts the server-side timeouts as startup parameters but ignores them, so they
          // are only sent to a real PostgreSQL.
          poolSize: embedded ? 1 : config.dbPoolSize,
          countStatements: config.debugSqlCount,
          connectTimeoutMs: config.dbConnectTimeoutMs,
          ...(embedded ? {} : { statementTimeoutMs: config.dbStatementTimeoutMs, idleInTxTimeoutMs: config.dbIdleInTxTimeoutMs }),
          onPoolError: (e) => db.poolError(e), // only after `db` exists: errors come from open connections
        });
        const db = new DatabaseService(dataSource, embedded, { pipelinedSessions: config.dbPipelinedSessions });
        try {
          await dataSource.initialize().catch((e: unknown) => {
            throw embedded ? e : new DatabaseUnavailableError(e);
          });
          const ran = await runMigrations(dataSource);
          if (ran.length) log.log(`migrations applied: ${ran.join(', ')}`);
          db.migrated = true;
        } catch (e) {
          await db.onApplicationShutdown();
          throw e;
        }
        return db;
      },
    },
  ],
  exports: [DatabaseService],
})
export class DatabaseModule {}
