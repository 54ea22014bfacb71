import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TestApp, TestDatabase } from '../../support/app';
import { ADMIN_PASSWORD } from '../../support/env';

const MAIN = join(__dirname, '../../../dist/src/main.js');

/** Production mode (issue 10, item 3): nothing about the schema or secrets leaks, no demo data unless asked. */
describe('production mode', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await TestApp.start({ env: { NODE_ENV: 'production' } });
  });
  afterAll(() => app?.close());

  const post = (path: string, query: string, headers: Record<string, string> = {}) =>
    fetch(`${app.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query }),
    });

  it('answers without "Did you mean" suggestions on both schemas, also without login', async () => {
    for (const path of ['/graphql', '/admin/graphql']) {
      const res = await post(path, '{ storefrnt { code } brnds { code } }', { 'x-storefront-token': 'sft_x' });
      const body = (await res.json()) as any;
      expect(body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
      expect(JSON.stringify(body)).not.toMatch(/Did you mean/i);
    }
  });

  it('refuses introspection and serves no GraphiQL page', async () => {
    const res = await post('/admin/graphql', '{ __schema { types { name } } }');
    expect(((await res.json()) as any).errors[0].extensions.code).toBe('BAD_USER_INPUT');
    const page = await fetch(`${app.url}/graphql`, { headers: { accept: 'text/html' } });
    expect(await page.text()).not.toMatch(/graphiql/i);
    expect((await fetch(`${app.url}/graphiql-assets/react.js`)).status).toBe(404);
  });

  it('sends security headers', async () => {
    const res = await fetch(`${app.url}/health/live`);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('strict-transport-security')).toMatch(/max-age=/);
    expect(res.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
  });

  it('prints no password in the banner', () => {
    expect(app.logs).toContain('Storefront Hub is ready');
    expect(app.logs).not.toContain(ADMIN_PASSWORD);
  });

  it('seeds no demo data on the embedded database unless asked', async () => {
    const [{ n }] = await app.db.query<{ n: string }>(`SELECT count(*) AS n FROM brand`);
    expect(Number(n)).toBe(0);
  });

  it('refuses to create the first admin without ADMIN_PASSWORD (a generated one would have to be printed)', async () => {
    // A database without any admin: a real one from the template with its admins removed, or a new embedded one.
    const real = process.env.E2E_DATABASE_URL ? await TestDatabase.create() : undefined;
    if (real) await real.query(`DELETE FROM admin_user`);
    const dbEnv: Record<string, string> = real ? real.env : { DATA_DIR: mkdtempSync(join(tmpdir(), 'hub-prod-')) };
    try {
      const run = spawnSync(process.execPath, [MAIN], {
        env: {
          PATH: process.env.PATH ?? '',
          NODE_ENV: 'production',
          LOG_LEVEL: 'silent',
          PORT: '0',
          HOST: '127.0.0.1',
          ...dbEnv,
        },
        encoding: 'utf8',
        timeout: 60000,
      });
      expect(run.status).toBe(1);
      expect(run.stderr).toMatch(/ADMIN_PASSWORD/);
      expect(run.stdout + run.stderr).not.toMatch(/Admin login/);
    } finally {
      if (real) await real.drop();
      else rmSync(dbEnv.DATA_DIR, { recursive: true, force: true });
    }
  });
});
