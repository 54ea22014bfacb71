import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Where the e2e suite keeps its template database and per-file copies: one folder per jest run (global
 * setup fixes it in the environment, which the workers inherit), so parallel runs never clash.
 */
export const E2E_ROOT = (process.env.E2E_ROOT ??= join(tmpdir(), `storefront-hub-e2e-${process.pid}`));
export const TEMPLATE_DIR = join(E2E_ROOT, 'template');
/** Real PostgreSQL: the server URL (a fresh database per file is made from a migrated template). */
export const E2E_DATABASE_URL = process.env.E2E_DATABASE_URL || undefined;
export const TEMPLATE_DB = (process.env.E2E_TEMPLATE_DB ??= `hub_template_${process.env.E2E_RUN_ID ?? process.pid}`);
export const ADMIN_EMAIL = 'root@e2e.test';
export const ADMIN_PASSWORD = 'e2e-root-password-1';

export function withDatabase(url: string, db: string): string {
  const u = new URL(url);
  u.pathname = `/${db}`;
  return u.toString();
}
