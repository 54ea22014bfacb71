import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { ADMIN_RESOLVERS } from './api/admin/admin-api.module';
import { BUILT_SCHEMAS } from './api/graphql-surfaces';
import { STOREFRONT_RESOLVERS } from './api/storefront/storefront-api.module';
import { AppModule } from './app.module';
import { HttpDrain } from './health/http-drain';
import { Lifecycle } from './health/lifecycle';
import { type AppConfig, ConfigError, loadConfig } from './config/app-config';
import { unguardedOperations } from './core/auth/access-audit';
import { DatabaseUnavailableError } from './core/database/pg-errors';
import { inputValidationPipe } from './core/errors/input-validation';
import { PinoLogger } from './core/logging/pino-logger';
import { registerGraphiqlAssets } from './core/http/graphiql';
import { registerWebStorefront } from './core/http/web-storefront';
import { registerHttpProtection } from './core/http/http-protection';
import { registerRequestIds } from './core/logging/request-id.middleware';
import { DemoSeedService } from './database/seed/demo-seed.service';
import { AdminAuthService } from './modules/identity/admin-auth.service';
import { registerStorefrontFastPath } from './core/graphql/storefront.fast-path';
import { KnownDocuments } from './core/graphql/known-documents';
import { ReadCache } from './core/cache/read-cache.service';
import { RateLimiter } from './core/rate-limit/rate-limiter';
import { resolveStorefrontCaller } from './api/access/access.guard';
import { StorefrontTokenService } from './modules/tenants/storefront-token.service';
import { CustomerAuthService } from './modules/customers/customer-auth.service';

/** Writes both SDL files (sorted), e.g. `schema/storefront.graphql`. */
export function writeSchemas(dir: string): void {
  for (const [name, schema] of Object.entries(BUILT_SCHEMAS)) {
    if (schema) writeFileSync(join(dir, `${name}.graphql`), `${printSchema(lexicographicSortSchema(schema))}\n`);
  }
}

function fail(message: string): never {
  process.stderr.write(`storefront-hub: ${message}\n`);
  process.exit(1);
}

function describeStartError(e: unknown, config: AppConfig): string {
  if (e instanceof DatabaseUnavailableError) return e.message;
  const err = e as NodeJS.ErrnoException;
  if (err.code === 'EADDRINUSE') return `PORT ${config.port} is already in use — choose another PORT.`;
  if (err.code === 'EACCES') return `PORT ${config.port} cannot be opened (permission denied) — choose a port above 1023.`;
  if (e instanceof ConfigError) return e.message;
  if (['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', '28P01', '3D000', '28000'].includes(err.code ?? '')) {
    return `cannot connect to DATABASE_URL (${err.code}: ${err.message.split('\n')[0]}).`;
  }
  return `failed to start: ${err.message?.split('\n')[0] ?? String(e)}`;
}

export async function bootstrap(): Promise<void> {
  let config: AppConfig;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) fail(e.message);
    throw e;
  }
  // Under load most garbage is short-lived, yet some survives two young collections; by default V8 lets the old
  // generation grow to about 4× the live heap before a full collection (RSS ≈ 350 MB under Q1 with ≈ 60 MB live).
  // Collecting at 1.5× keeps it near 210 MB for about 1 % of CPU (docs/PERFORMANCE.md, "Memory").
  if (config.heapGrowingPercent > 0) setFlagsFromString(`--heap-growing-percent=${config.heapGrowingPercent}`);
  const unguarded = unguardedOperations([...STOREFRONT_RESOLVERS, ...ADMIN_RESOLVERS]);
  if (unguarded.length) fail(`operations without an access rule (deny by default): ${unguarded.join(', ')}`);
  const logger = new PinoLogger(config.logLevel, config.logFormat);
  let app: NestFastifyApplication;
  try {
    // Fastify, chosen by measurement (docs/PERFORMANCE.md). Body limits are per surface (http-protection.ts);
    // this one covers every other route.
    const { bodyBytes } = config.limits;
    const adapter = new FastifyAdapter({
      bodyLimit: Math.max(bodyBytes.storefront, bodyBytes.admin),
      trustProxy: config.trustProxy,
      forceCloseConnections: 'idle',
    });
    const drain = new HttpDrain(adapter.getInstance()); // first of our hooks: every request is counted
    registerRequestIds(adapter.getInstance(), logger.pino, config.debugSqlCount);
    await registerHttpProtection(adapter.getInstance(), config);
    if (!config.production) {
      registerGraphiqlAssets(adapter.getInstance());
      registerWebStorefront(adapter.getInstance());
    }
    app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), adapter, { logger, abortOnError: false });
    app.useGlobalPipes(inputValidationPipe());
    const storefrontTokens = app.get(StorefrontTokenService);
    const customerAuth = app.get(CustomerAuthService);
    registerStorefrontFastPath(adapter.getInstance(), {
      cache: app.get(ReadCache),
      known: app.get(KnownDocuments),
      limiter: app.get(RateLimiter),
      config,
      resolveCustomer: (header) => resolveStorefrontCaller(storefrontTokens, customerAuth, header, 'fast-path'),
    });
    const admin = await app.get(AdminAuthService).ensureFirstAdmin();
    const seed = app.get(DemoSeedService);
    await seed.seedIfEmpty();
    await app.listen(config.port, config.host);
    if (process.env.SCHEMA_OUT_DIR) writeSchemas(process.env.SCHEMA_OUT_DIR);
    const address = app.getHttpServer().address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const base = `http://localhost:${port}`;
    const tokens = await seed.activeDemoTokens();
    const lines = [
      '',
      `Storefront Hub is ready${config.databaseUrl ? '' : ` (embedded PostgreSQL, data in ${config.dataDir})`}`,
      ...(config.production ? [] : [`  Demo shop       ${base}/   (web/, on the Storefront API)`]),
      `  Storefront API  ${base}/graphql   (header x-storefront-token)`,
      `  Admin API       ${base}/admin/graphql   (authorization: Bearer <token from adminLogin>)`,
      `  Health          ${base}/health/ready`,
      // A password is shown only when it was generated just now, and never in production (no secrets in logs).
      `  Admin login     ${admin.email} / ${
        admin.password && !config.adminPassword && !config.production
          ? admin.password
          : config.adminPassword
            ? '(the ADMIN_PASSWORD you set)'
            : '(password printed at first start; set ADMIN_PASSWORD or run npm run db:reset)'
      }`,
      ...(tokens.length
        ? ['  Demo storefront tokens:', ...tokens.map((t) => `    ${t.code.padEnd(14)} ${t.audience}  ${t.token}`)]
        : []),
      '',
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
    logger.log({ event: 'listening', port }, 'Bootstrap');
    const server = app.getHttpServer();
    server.keepAliveTimeout = 65_000;
    const shutdownTimeout = config.shutdownTimeoutMs;
    let closing = false;
    for (const sig of ['SIGTERM', 'SIGINT'] as const) {
      process.on(sig, () => {
        if (closing) return;
        closing = true;
        logger.log({ event: 'shutdown', signal: sig }, 'Bootstrap');
        setTimeout(() => {
          logger.error(`shutdown took longer than ${shutdownTimeout} ms; exiting`);
          process.exit(1);
        }, shutdownTimeout).unref();
        // Readiness turns 503, the listener closes, and every request already received is answered (with
        // `connection: close`) while everything it needs still runs; only then do Nest's hooks stop GraphQL,
        // the workers, the database and the embedded server.
        app.get(Lifecycle).beginShutdown();
        drain
          .drain(server)
          .then(() => app.close())
          .then(
            () => process.exit(0),
            (e: Error) => {
              logger.error(`shutdown failed: ${e.message}`);
              process.exit(1);
            },
          );
      });
    }
  } catch (e) {
    fail(describeStartError(e, config));
  }
}

if (require.main === module) void bootstrap();
