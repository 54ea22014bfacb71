import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TestApp, TestDatabase } from '../support/app';
import { adminClient, storefrontClient } from '../support/clients';
import { Fixtures } from '../support/fixtures';

const MAIN = join(__dirname, '../../dist/src/main.js');

function runWithEnv(env: Record<string, string>) {
  return spawnSync(process.execPath, [MAIN], {
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'silent', ...env },
    encoding: 'utf8',
    timeout: 30000,
  });
}

describe('foundation', () => {
  let app: TestApp;
  let fx: Fixtures;
  let token: string;
  const schemaDir = mkdtempSync(join(tmpdir(), 'hub-schema-'));

  beforeAll(async () => {
    app = await TestApp.start({ env: { SCHEMA_OUT_DIR: schemaDir } });
    fx = await Fixtures.create(app);
    const brand = await fx.brand();
    const wh = await fx.warehouse();
    ({ token } = await fx.storefront({ brandCode: brand, audience: 'B2C', warehouseCodes: [wh] }));
  });
  afterAll(() => app?.close());

  it('answers health probes', async () => {
    expect((await fetch(`${app.url}/health/live`)).status).toBe(200);
    const ready = await fetch(`${app.url}/health/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ok', database: 'up', migrations: 'applied' });
  });

  it('answers { storefront { code } } with a storefront token', async () => {
    const res = await storefrontClient(app, token).raw(`{ storefront { code audience currency pricesIncludeTax stockDisplay } }`);
    expect(res.errors).toBeUndefined();
    expect(res.data.storefront).toMatchObject({
      audience: 'B2C',
      currency: 'EUR',
      pricesIncludeTax: true,
      stockDisplay: 'STATUS',
    });
  });

  it('requires a storefront token and knows unknown ones', async () => {
    expect(await storefrontClient(app).code(`{ storefront { code } }`)).toBe('STOREFRONT_TOKEN_REQUIRED');
    expect(await storefrontClient(app, 'sft_unknown').code(`{ storefront { code } }`)).toBe('UNKNOWN_STOREFRONT');
    expect(await storefrontClient(app, "' OR 1=1 --").code(`{ storefront { code } }`)).toBe('UNKNOWN_STOREFRONT');
    expect(await storefrontClient(app, 'x'.repeat(5000)).code(`{ storefront { code } }`)).toBe('UNKNOWN_STOREFRONT');
  });

  it('gives BAD_USER_INPUT for malformed operations, never internals', async () => {
    const sf = storefrontClient(app, token);
    expect(await sf.code(`{ storefront { nope } }`)).toBe('BAD_USER_INPUT');
    expect(await sf.code(`{ storefront { code `)).toBe('BAD_USER_INPUT');
    const res = await adminClient(app).raw(`mutation { adminLogin(email: 1, password: "x") { accessToken } }`);
    expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(res)).not.toMatch(/stack|node_modules|at .*\.js/);
  });

  it('refuses too deep or too aliased operations with QUERY_TOO_COMPLEX', async () => {
    const sf = storefrontClient(app, token);
    const aliases = Array.from({ length: 40 }, (_, i) => `a${i}: storefront { code }`).join(' ');
    expect(await sf.code(`{ ${aliases} }`)).toBe('QUERY_TOO_COMPLEX');
  });

  it('keeps the two schemas apart and the committed SDL files in sync with the code', async () => {
    const committed = (name: string) => readFileSync(join(__dirname, `../../schema/${name}.graphql`), 'utf8');
    const emitted = (name: string) => readFileSync(join(schemaDir, `${name}.graphql`), 'utf8');
    for (const name of ['storefront', 'admin']) {
      expect({ name, sdl: emitted(name) }).toEqual({ name, sdl: committed(name) });
    }
    const sf = committed('storefront');
    const admin = committed('admin');
    for (const op of ['adminLogin', 'createBrand', 'createStorefront', 'createApiKey', 'rotateStorefrontToken']) {
      expect(sf).not.toMatch(new RegExp(`\\b${op}\\b`));
      expect(admin).toMatch(new RegExp(`\\b${op}\\b`));
    }
    expect(admin).not.toMatch(/\bregisterCustomer\b|\bstockChanged\b/);
    // The storefront schema is unusable from the admin path and vice versa.
    expect(await adminClient(app).code(`{ storefront { code } }`)).toBe('BAD_USER_INPUT');
    expect(await storefrontClient(app, token).code(`{ brands { code } }`)).toBe('BAD_USER_INPUT');
  });

  it('logs JSON lines with request ids and echoes x-request-id', async () => {
    const res = await fetch(`${app.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-storefront-token': token, 'x-request-id': 'e2e-req-1' },
      body: JSON.stringify({ query: '{ storefront { code } }' }),
    });
    expect(res.headers.get('x-request-id')).toBe('e2e-req-1');
  });
});

describe('configuration errors stop the app with one line', () => {
  it.each([
    [{ PORT: 'abc' }, 'PORT'],
    [{ PORT: '99999' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://nope' }, 'DATABASE_URL'],
    [{ SEED_DEMO: 'perhaps' }, 'SEED_DEMO'],
  ])('%j', (env, variable) => {
    const res = runWithEnv(env);
    expect(res.status).not.toBe(0);
    const lines = res.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(variable);
    expect(res.stderr).not.toMatch(/\bat .*\(/); // no stack trace
  });

  it('an unreachable DATABASE_URL gives one line and a non-zero exit', () => {
    const res = runWithEnv({ DATABASE_URL: 'postgres://nobody@127.0.0.1:9/none', PORT: '0' });
    expect(res.status).not.toBe(0);
    const lines = res.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/DATABASE_URL/);
  });
});

describe('lifecycle', () => {
  it('finishes in-flight requests on SIGTERM, exits 0, and keeps the data for the next start', async () => {
    const db = await TestDatabase.create();
    try {
      const first = await TestApp.start({ db });
      const fx = await Fixtures.create(first);
      const brand = await fx.brand();
      const inflight = Array.from({ length: 20 }, () => fx.root.raw(`{ brands { code } }`));
      await new Promise((r) => setTimeout(r, 5));
      const exit = first.stop('SIGTERM');
      const results = await Promise.allSettled(inflight);
      expect(await exit).toBe(0);
      // Requests already accepted were answered; none got a server error.
      for (const r of results) if (r.status === 'fulfilled') expect(r.value.errors).toBeUndefined();
      expect(results.some((r) => r.status === 'fulfilled')).toBe(true);

      const second = await TestApp.start({ db });
      const again = await Fixtures.create(second);
      const data = await again.root.ok<{ brands: { code: string }[] }>(`{ brands { code } }`);
      expect(data.brands.map((b) => b.code)).toContain(brand);
      expect(await second.stop()).toBe(0);
    } finally {
      await db.drop();
    }
  });
});
