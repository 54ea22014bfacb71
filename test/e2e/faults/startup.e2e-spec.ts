import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { freePort } from '../../support/app';

const MAIN = join(__dirname, '../../../dist/src/main.js');
/** Generous: most of it is loading the app on a busy machine; a hang would run into it. */
const BOUND_MS = 30000;

describe('start with the database unreachable', () => {
  it.each([
    ['a closed port', async () => `postgres://nobody@127.0.0.1:${await freePort()}/none`],
    // A non-routable address: nothing answers, so the connect timeout decides (or the network refuses at once).
    ['an address that never answers', async () => 'postgres://nobody@10.255.255.1:5432/none'],
  ])('%s: exit code 1 with one line naming DATABASE_URL, in bounded time', async (_what, url) => {
    const res = spawnSync(process.execPath, [MAIN], {
      env: {
        PATH: process.env.PATH ?? '',
        LOG_LEVEL: 'silent',
        PORT: '0',
        DATABASE_URL: await url(),
        DB_CONNECT_TIMEOUT_MS: '1000',
      },
      encoding: 'utf8',
      timeout: BOUND_MS,
    });
    expect(res.signal).toBeNull(); // not killed at the bound
    expect(res.status).toBe(1);
    const lines = res.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^storefront-hub: cannot connect to DATABASE_URL \(.+\)\.$/);
    expect(res.stderr).not.toMatch(/\bat .*\(/); // no stack trace
  });
});
