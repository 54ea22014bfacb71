import { Client } from 'pg';
import { E2E_DATABASE_URL, TEMPLATE_DB } from './env';

export default async function globalTeardown(): Promise<void> {
  if (!E2E_DATABASE_URL) return;
  const c = new Client({ connectionString: E2E_DATABASE_URL });
  await c.connect();
  await c.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DB} WITH (FORCE)`);
  await c.end();
}
