import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../test/support/app';
import { FakeVies } from '../../test/support/fake-vies.server';
import { ADMIN_EMAIL, ADMIN_PASSWORD, NOT_REGISTERED_VAT, VIES_DOWN_VAT } from './support';

const MAIN = join(__dirname, '../../dist/src/main.js');

/**
 * The app as `npm start` runs it (demo data seeded on a fresh embedded database), with VIES_URL on a local
 * stub that knows one unregistered VAT number and is down for another; the tests get its URL in WEB_BASE_URL.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const vies = await FakeVies.start();
  vies.set(NOT_REGISTERED_VAT, { kind: 'NOT_REGISTERED' });
  vies.set(VIES_DOWN_VAT, { kind: 'UNAVAILABLE', times: 1_000_000, as: 'MS_UNAVAILABLE' });
  const dataDir = mkdtempSync(join(tmpdir(), 'storefront-hub-web-'));
  const port = await freePort();
  const dbPort = await freePort();
  const proc: ChildProcess = spawn(process.execPath, [MAIN], {
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'development',
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      DATA_DIR: dataDir,
      EMBEDDED_DB_PORT: String(dbPort),
      ADMIN_EMAIL,
      ADMIN_PASSWORD,
      VIES_URL: vies.url,
      RATE_LIMITS: 'off',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let logs = '';
  proc.stdout!.on('data', (d) => (logs += d));
  proc.stderr!.on('data', (d) => (logs += d));
  const url = `http://127.0.0.1:${port}`;
  const until = Date.now() + 120_000;
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`app exited (${proc.exitCode}) during start:\n${logs}`);
    if (Date.now() > until) {
      proc.kill('SIGKILL');
      throw new Error(`app not ready:\n${logs}`);
    }
    const ready = await fetch(`${url}/health/ready`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  process.env.WEB_BASE_URL = url;
  // What the shop's e-mail software would get (tokens of reset and confirmation links) is read from the outbox.
  process.env.WEB_DB_URL = `postgres://postgres@127.0.0.1:${dbPort}/postgres`;
  return async () => {
    const exited = new Promise((r) => proc.once('exit', r));
    proc.kill('SIGTERM');
    await exited;
    await vies.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
}
