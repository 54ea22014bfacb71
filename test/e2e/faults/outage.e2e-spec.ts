import { Client } from 'pg';
import { TestApp } from '../../support/app';
import { PUSH } from '../../support/catalog-fixtures';
import type { ApiClient } from '../../support/clients';
import { waitUntil } from '../../support/customer-fixtures';
import { Fixtures } from '../../support/fixtures';
import { WebhookReceiver } from '../../support/webhook-receiver.server';
import { CREATE, WEBHOOK_ENV } from '../webhooks/webhook-documents';
import { levels, sleep } from './fault-helpers';

const REAL_PG = process.env.E2E_DATABASE_URL;
const WORKERS = 8;
const SKUS = 20;

/** Runs SQL as the server's superuser, outside the app's database (terminating backends, ALTER DATABASE). */
async function asServerAdmin<T = any>(sql: string, params: unknown[] = []): Promise<T[]> {
  const c = new Client({ connectionString: REAL_PG });
  await c.connect();
  try {
    return (await c.query(sql, params)).rows as T[];
  } finally {
    await c.end();
  }
}

/** Ends every session the app holds on its database (what a server restart or a failover does to it). */
const killAppBackends = (db: string) =>
  asServerAdmin<{ killed: boolean }>(
    `SELECT pg_terminate_backend(pid) AS killed FROM pg_stat_activity WHERE datname = $1 AND application_name = 'storefront-hub'`,
    [db],
  );

const ready = async (app: TestApp) => {
  const res = await fetch(`${app.url}/health/ready`);
  return { status: res.status, body: (await res.json()) as { database: string } };
};

interface Outcome {
  acked: number; // the last sequence pushStockLevels acknowledged
  errors: Array<{ code?: string; message: string }>;
}

/** Pushes sequence 1, 2, 3 … of SKUS levels for one SKU set until `stop()` says so; records what was acknowledged. */
async function pushLoop(root: ApiClient, wh: string, prefix: string, stop: () => boolean, out: Outcome): Promise<Outcome> {
  for (let seq = 1; !stop(); seq++) {
    const res = await root.raw(PUSH, { w: wh, l: levels(prefix, SKUS, seq) });
    if (res.data?.pushStockLevels?.applied === SKUS) out.acked = seq;
    else
      out.errors.push(
        ...(res.errors ?? [{ message: `no data (HTTP ${res.status})` }]).map((e) => ({
          code: e.extensions?.code,
          message: e.message,
        })),
      );
  }
  return out;
}

// Killing and refusing the app's sessions needs a real PostgreSQL server (PGlite runs inside the app's process).
(REAL_PG ? describe : describe.skip)('database faults (real PostgreSQL)', () => {
  let app: TestApp;
  let fx: Fixtures;
  let wh: string;
  let dbName: string;
  let rx: WebhookReceiver;
  let storefront: ApiClient;

  beforeAll(async () => {
    rx = await WebhookReceiver.start();
    // The background workers (outbox relay, webhook dispatcher, VAT re-checks) poll fast, so they meet the faults too.
    app = await TestApp.start({
      env: { ...WEBHOOK_ENV, WEBHOOK_ALLOW_PRIVATE_URLS: 'true', JOB_POLL_MS: '100', DB_STATEMENT_TIMEOUT_MS: '2000' },
    });
    dbName = new URL(app.db.url).pathname.slice(1);
    fx = await Fixtures.create(app);
    wh = await fx.warehouse();
    storefront = (await fx.storefront({ brandCode: await fx.brand(), audience: 'B2C', warehouseCodes: [wh] })).client;
    await fx.root.ok(CREATE, { i: { url: rx.url('/stock'), events: ['stock.changed'] } });
  });
  afterAll(async () => {
    await asServerAdmin(`ALTER DATABASE ${dbName} ALLOW_CONNECTIONS true`).catch(() => undefined);
    await app?.close();
    await rx?.stop();
  });

  it('backends killed under load: clean errors, the process lives on, every acknowledged push is stored whole', async () => {
    let stopped = false;
    const seen: Outcome[] = Array.from({ length: WORKERS }, () => ({ acked: 0, errors: [] }));
    const loops = seen.map((out, w) => pushLoop(fx.root, wh, `KILL${w}`, () => stopped, out));
    // Kill the app's sessions again and again until some in-flight requests have failed (bounded).
    let killed = 0;
    for (let round = 0; round < 100 && seen.every((o) => o.errors.length === 0 || round < 5); round++) {
      killed += (await killAppBackends(dbName)).filter((k) => k.killed).length;
      await sleep(40);
    }
    await sleep(300);
    stopped = true;
    const outcomes = await Promise.all(loops);

    expect(killed).toBeGreaterThan(0);
    expect(app.proc.exitCode).toBeNull();
    const errors = outcomes.flatMap((o) => o.errors);
    expect(errors.length).toBeGreaterThan(0);
    // Requests caught by the fault get the coded error, without internals (no SQL, no driver message).
    for (const e of errors) expect(e).toEqual({ code: 'INTERNAL_SERVER_ERROR', message: 'Internal server error' });

    // All or nothing: every SKU of a set has the same sequence (no push half-applied), at least the last one acknowledged.
    const rows = await app.db.query<{ sku: string; sequence: string; on_hand: number }>(
      `SELECT sku, sequence::text, on_hand FROM stock_level WHERE sku LIKE 'KILL%'`,
    );
    for (const [w, o] of outcomes.entries()) {
      const mine = rows.filter((r) => r.sku.startsWith(`KILL${w}-`));
      expect(mine).toHaveLength(SKUS);
      const seqs = new Set(mine.map((r) => Number(r.sequence)));
      expect(seqs.size).toBe(1);
      const [stored] = [...seqs];
      expect(stored).toBeGreaterThanOrEqual(o.acked);
      expect(o.acked).toBeGreaterThan(0);
      for (const r of mine) expect(r.on_hand).toBe((Number(r.sku.split('-')[1]) % 9) + stored);
    }

    // Later requests succeed, and the workers went on: every event of a committed push is relayed and delivered.
    const after = await fx.root.raw(PUSH, { w: wh, l: levels('KILL0', SKUS, 100000) });
    expect(after.data?.pushStockLevels?.applied).toBe(SKUS);
    const undelivered = () =>
      app.db.query<{ n: string }>(
        `SELECT count(*) AS n FROM outbox_event e WHERE e.type = 'stock.changed'
            AND NOT EXISTS (SELECT 1 FROM webhook_delivery d WHERE d.event_id = e.id AND d.status = 'SUCCEEDED')`,
      );
    const [left] = await waitUntil(undelivered, ([r]) => r.n === '0', 30000);
    expect(left.n).toBe('0');
    expect((await ready(app)).status).toBe(200);
  });

  it('readiness turns 503 while the database refuses connections and back to 200; liveness stays 200', async () => {
    expect((await ready(app)).status).toBe(200);
    // Searches that no cache can answer run on sessions of their own (pipelined, DatabaseService.preparedGeneric):
    // open them before the outage, so that the outage ends sessions that were in use.
    const search = (word: string) =>
      storefront.raw<{ products: { edges: unknown[] } }>(
        `query($f: ProductFilter) { products(first: 5, filter: $f) { edges { node { slug } } } }`,
        { f: { search: `${word}-${Date.now()}` } },
      );
    const before = await Promise.all([search('before-a'), search('before-b'), search('before-c')]);
    for (const r of before) {
      expect(r.errors).toBeUndefined();
      expect(r.data).toEqual({ products: { edges: [] } });
    }
    await asServerAdmin(`ALTER DATABASE ${dbName} ALLOW_CONNECTIONS false`);
    try {
      await killAppBackends(dbName);
      const down = await waitUntil(
        () => ready(app),
        (r) => r.status === 503,
      );
      expect(down).toEqual({ status: 503, body: expect.objectContaining({ database: 'down' }) });
      expect((await fetch(`${app.url}/health/live`)).status).toBe(200);
      const refused = await fx.root.raw(PUSH, { w: wh, l: levels('DOWN', 1, 1) });
      expect(refused.data ?? null).toBeNull();
      expect(refused.errors?.map((e) => [e.extensions?.code, e.message])).toEqual([
        ['INTERNAL_SERVER_ERROR', 'Internal server error'],
      ]);
      // A storefront read that no cache can answer (a new search string) fails the same way.
      const read = await storefront.raw(
        `query($f: ProductFilter) { products(first: 5, filter: $f) { edges { node { slug } } } }`,
        {
          f: { search: `outage-${Date.now()}` },
        },
      );
      expect(read.errors?.map((e) => [e.extensions?.code, e.message])).toEqual([
        ['INTERNAL_SERVER_ERROR', 'Internal server error'],
      ]);
    } finally {
      await asServerAdmin(`ALTER DATABASE ${dbName} ALLOW_CONNECTIONS true`);
    }
    const up = await waitUntil(
      () => ready(app),
      (r) => r.status === 200,
    );
    expect(up.status).toBe(200);
    expect((await fx.root.raw(PUSH, { w: wh, l: levels('DOWN', 1, 1) })).data?.pushStockLevels?.applied).toBe(1);
    // The sessions the outage ended are replaced: searches answer again, several at once on the new sessions.
    const after = await Promise.all([search('after-a'), search('after-b'), search('after-c')]);
    for (const r of after) {
      expect(r.errors).toBeUndefined();
      expect(r.data).toEqual({ products: { edges: [] } });
    }
    expect(app.proc.exitCode).toBeNull();
  });

  it('a statement held up longer than DB_STATEMENT_TIMEOUT_MS is cancelled by the server, with a clean error', async () => {
    const blocker = new Client({ connectionString: app.db.url });
    await blocker.connect();
    try {
      await blocker.query(`BEGIN; LOCK TABLE stock_level IN ACCESS EXCLUSIVE MODE`);
      const res = await fx.root.raw(PUSH, { w: wh, l: levels('LOCKED', 1, 1) });
      expect(res.errors?.map((e) => e.extensions?.code)).toEqual(['INTERNAL_SERVER_ERROR']);
      // The log line travels through the app's stdout pipe, which a busy machine may deliver after the answer.
      const logs = await waitUntil(
        async () => app.logs,
        (l) => /statement timeout|57014/.test(l),
      );
      expect(logs).toMatch(/statement timeout|57014/);
    } finally {
      await blocker.query('ROLLBACK');
      await blocker.end();
    }
    expect((await fx.root.raw(PUSH, { w: wh, l: levels('LOCKED', 1, 1) })).data?.pushStockLevels?.applied).toBe(1);
  });
});
