import { rmSync } from 'node:fs';
import { Client } from 'pg';
import { E2E_DATABASE_URL, E2E_ROOT, TEMPLATE_DB } from './env';

export default async function globalTeardown(): Promise<void> {
  rmSync(E2E_ROOT, { recursive: true, force: true });
  if (!E2E_DATABASE_URL) return;
  const c = new Client({ connectionString: E2E_DATABASE_URL });
  await c.connect();
  await c.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DB} WITH (FORCE)`);
  await c.end();
}
