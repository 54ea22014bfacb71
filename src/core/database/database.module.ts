import { Global, Logger, Module } from '@nestjs/common';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/app-config';
import { createDataSource } from '../../database/data-source';
import { EmbeddedPostgres } from '../../database/embedded/pglite-server';
import { DatabaseService } from './database.service';
import { TenantRepositories } from './tenant-scoped.repository';

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
          // PGlite is one session: a single connection avoids interleaving on its socket server (and loses no parallelism).
          poolSize: embedded ? 1 : 20,
          countStatements: config.debugSqlCount,
        });
        const db = new DatabaseService(dataSource, embedded);
        try {
          await dataSource.initialize();
          const ran = await dataSource.runMigrations({ transaction: 'each' });
          if (ran.length) log.log(`migrations applied: ${ran.map((m) => m.name).join(', ')}`);
          db.migrated = true;
        } catch (e) {
          await db.onApplicationShutdown();
          throw e;
        }
        return db;
      },
    },
    TenantRepositories,
  ],
  exports: [DatabaseService, TenantRepositories],
})
export class DatabaseModule {}
