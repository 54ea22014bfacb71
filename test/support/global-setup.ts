import { mkdirSync, rmSync } from 'node:fs';
import { Client } from 'pg';
import { TestApp, TestDatabase } from './app';
import { E2E_DATABASE_URL, E2E_ROOT, TEMPLATE_DB, TEMPLATE_DIR, withDatabase } from './env';

/** Migrates one template database (and creates the root admin in it); every test file starts from a copy. */
export default async function globalSetup(): Promise<void> {
  mkdirSync(E2E_ROOT, { recursive: true });
  let db: TestDatabase;
  if (E2E_DATABASE_URL) {
    const c = new Client({ connectionString: E2E_DATABASE_URL });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DB} WITH (FORCE)`);
    await c.query(`CREATE DATABASE ${TEMPLATE_DB}`);
    await c.end();
    const url = withDatabase(E2E_DATABASE_URL, TEMPLATE_DB);
    db = Object.assign(Object.create(TestDatabase.prototype), { env: { DATABASE_URL: url }, url, cleanup: async () => {} });
  } else {
    rmSync(TEMPLATE_DIR, { recursive: true, force: true });
    db = Object.assign(Object.create(TestDatabase.prototype), {
      env: { DATA_DIR: TEMPLATE_DIR },
      url: '',
      cleanup: async () => {},
    });
  }
  const app = await TestApp.start({ db });
  const code = await app.stop();
  if (code !== 0) throw new Error(`template app exited with ${code}:\n${app.logs}`);
}
