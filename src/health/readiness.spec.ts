import type { DatabaseService } from '../core/database/database.service';
import { READY_CACHE_MS, READY_DB_TIMEOUT_MS, Readiness } from './readiness';

/** A database stand-in that counts probes and answers them when told to. */
function probeCounter() {
  const pending: Array<(up: boolean) => void> = [];
  const db = {
    pings: 0,
    ping(timeoutMs: number) {
      expect(timeoutMs).toBe(READY_DB_TIMEOUT_MS);
      db.pings += 1;
      return new Promise<boolean>((resolve) => pending.push(resolve));
    },
    answer(up: boolean) {
      for (const resolve of pending.splice(0)) resolve(up);
    },
  };
  return db;
}

describe('Readiness', () => {
  beforeEach(() => jest.useFakeTimers({ now: 1_000_000 }));
  afterEach(() => jest.useRealTimers());

  it('answers a flood of checks with one probe, reuses the answer for READY_CACHE_MS, then probes again', async () => {
    const db = probeCounter();
    const readiness = new Readiness(db as unknown as DatabaseService);
    const flood = Array.from({ length: 100 }, () => readiness.databaseUp());
    expect(db.pings).toBe(1);
    db.answer(true);
    expect(await Promise.all(flood)).toEqual(Array(100).fill(true));

    jest.setSystemTime(1_000_000 + READY_CACHE_MS - 1);
    expect(await readiness.databaseUp()).toBe(true);
    expect(db.pings).toBe(1);

    jest.setSystemTime(1_000_000 + READY_CACHE_MS + 1);
    const next = readiness.databaseUp();
    expect(db.pings).toBe(2);
    db.answer(false);
    expect(await next).toBe(false);
  });
});
