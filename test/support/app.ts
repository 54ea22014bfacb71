import { type ChildProcess, spawn } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { Client } from 'pg';
import { ADMIN_EMAIL, ADMIN_PASSWORD, E2E_DATABASE_URL, E2E_ROOT, TEMPLATE_DB, TEMPLATE_DIR, withDatabase } from './env';

const MAIN = join(__dirname, '../../dist/src/main.js');

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

export interface GraphQLResponse<T = any> {
  status: number;
  data?: T;
  errors?: Array<{
    message: string;
    path?: string[];
    extensions?: { code?: string; fieldErrors?: { path: string; message: string }[]; [k: string]: unknown };
  }>;
  /** The answer's extensions (e.g. `cost`: requested, maximum, throttleStatus). */
  extensions?: { cost?: { requested: number; maximum: number }; [k: string]: unknown };
}

/** One fresh database for one test file: a PGlite data dir copied from the template, or a real PG database. */
export class TestDatabase {
  private constructor(
    readonly env: Record<string, string>,
    readonly url: string,
    private readonly cleanup: () => Promise<void>,
  ) {}

  static async create(): Promise<TestDatabase> {
    if (E2E_DATABASE_URL) {
      const name = `t_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
      const admin = new Client({ connectionString: E2E_DATABASE_URL });
      await admin.connect();
      await admin.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DB}`);
      await admin.end();
      const url = withDatabase(E2E_DATABASE_URL, name);
      return new TestDatabase({ DATABASE_URL: url }, url, async () => {
        const c = new Client({ connectionString: E2E_DATABASE_URL });
        await c.connect();
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await c.end();
      });
    }
    const dir = mkdtempSync(join(E2E_ROOT, 'db-'));
    cpSync(TEMPLATE_DIR, dir, { recursive: true });
    const port = await freePort();
    return new TestDatabase(
      { DATA_DIR: dir, EMBEDDED_DB_PORT: String(port) },
      `postgres://postgres@127.0.0.1:${port}/postgres`,
      async () => rmSync(dir, { recursive: true, force: true }),
    );
  }

  /** Runs SQL against this database (the embedded one is reachable while its app runs). */
  async query<T = any>(sql: string, params: unknown[] = []): Promise<T[]> {
    const c = new Client({ connectionString: this.url });
    await c.connect();
    try {
      return (await c.query(sql, params)).rows as T[];
    } finally {
      await c.end();
    }
  }

  /** Row count and content hash of every table: compare before and after a refused operation. */
  async snapshot(): Promise<Record<string, string>> {
    const tables = await this.query<{ t: string }>(
      `SELECT table_name AS t FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1`,
    );
    const out: Record<string, string> = {};
    for (const { t } of tables) {
      const [row] = await this.query<{ n: string; h: string }>(
        `SELECT count(*) AS n, md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) AS h FROM "${t}" x`,
      );
      out[t] = `${row.n}:${row.h}`;
    }
    return out;
  }

  drop(): Promise<void> {
    return this.cleanup();
  }
}

export interface StartOptions {
  env?: Record<string, string>;
  db?: TestDatabase;
}

/** The real app, built in dist/, as a child process on its own port. */
export class TestApp {
  private output = '';

  private constructor(
    readonly proc: ChildProcess,
    readonly url: string,
    readonly db: TestDatabase,
    private readonly ownsDb: boolean,
  ) {}

  static async start(opts: StartOptions = {}): Promise<TestApp> {
    const db = opts.db ?? (await TestDatabase.create());
    const port = await freePort();
    const proc = spawn(process.execPath, [MAIN], {
      env: {
        PATH: process.env.PATH ?? '',
        NODE_ENV: 'test',
        PORT: String(port),
        HOST: '127.0.0.1',
        LOG_LEVEL: process.env.E2E_LOG_LEVEL ?? 'warn',
        SEED_DEMO: 'false',
        // Black-box suites run without request-rate limits (login throttling stays); protection tests turn them on.
        RATE_LIMITS: 'off',
        ADMIN_EMAIL,
        ADMIN_PASSWORD,
        VIES_URL: 'http://127.0.0.1:9/vies',
        WEBHOOK_ALLOW_PRIVATE_URLS: 'true',
        // The insights worker changes order, customer and insight rows in the background: off unless a suite asks.
        INSIGHTS_POLL_MS: '3600000',
        ...db.env,
        ...opts.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const app = new TestApp(proc, `http://127.0.0.1:${port}`, db, !opts.db);
    proc.stdout!.on('data', (d) => (app.output += d.toString()));
    proc.stderr!.on('data', (d) => (app.output += d.toString()));
    try {
      await app.waitReady();
    } catch (e) {
      proc.kill('SIGKILL'); // never leave an app running behind a failed start
      throw e;
    }
    return app;
  }

  get logs(): string {
    return this.output;
  }

  private async waitReady(timeoutMs = 90000): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (Date.now() < until) {
      if (this.proc.exitCode !== null) throw new Error(`app exited (${this.proc.exitCode}) during start:\n${this.output}`);
      try {
        const res = await fetch(`${this.url}/health/ready`);
        if (res.status === 200) return;
      } catch {
        /* not listening yet */
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`app not ready after ${timeoutMs} ms:\n${this.output}`);
  }

  async graphql<T = any>(
    path: '/graphql' | '/admin/graphql',
    query: string,
    variables: Record<string, unknown> = {},
    headers: Record<string, string> = {},
  ): Promise<GraphQLResponse<T>> {
    const res = await fetch(`${this.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await res.json()) as Omit<GraphQLResponse<T>, 'status'>;
    return { status: res.status, ...body };
  }

  /** Sends SIGTERM and waits for the exit code. */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
    if (this.proc.exitCode !== null) return this.proc.exitCode;
    const exited = new Promise<number | null>((resolve) => this.proc.once('exit', (code) => resolve(code)));
    this.proc.kill(signal);
    const code = await exited;
    return code;
  }

  async close(): Promise<void> {
    await this.stop();
    if (this.ownsDb) await this.db.drop();
  }
}

/**
 * Two instances of the app on one database with Redis (only on a real PostgreSQL: PGlite is one process),
 * and one storefront of a new brand on them; `run` gets both and cleans up after.
 */
export async function withTwoInstances(
  redisUrl: string,
  envOrRun: Record<string, string> | ((a: TestApp, b: TestApp) => Promise<void>),
  maybeRun?: (a: TestApp, b: TestApp) => Promise<void>,
): Promise<void> {
  const env = typeof envOrRun === 'function' ? {} : envOrRun;
  const run = typeof envOrRun === 'function' ? envOrRun : maybeRun!;
  const a = await TestApp.start({ env: { ...env, REDIS_URL: redisUrl } });
  const b = await TestApp.start({ db: a.db, env: { ...env, REDIS_URL: redisUrl } }).catch(async (e) => {
    await a.close();
    throw e;
  });
  try {
    await run(a, b);
  } finally {
    await b.stop();
    await a.close();
  }
}
