import { Agent } from 'node:http';
import { TestApp, TestDatabase } from '../../support/app';
import { Fixtures } from '../../support/fixtures';
import { levels, post, pushBody, sleep } from './fault-helpers';

const IN_FLIGHT = 9;
const LEVELS = 1000;

describe('SIGTERM under load', () => {
  it('answers every request already received in full (connection: close), then exits 0; the data is kept', async () => {
    const db = await TestDatabase.create();
    try {
      const app = await TestApp.start({ db });
      const fx = await Fixtures.create(app);
      const wh = await fx.warehouse();
      const agent = new Agent({ keepAlive: true, maxSockets: IN_FLIGHT });
      // Open IN_FLIGHT keep-alive connections: every push below goes out on a connection the server has seen before.
      const warm = await Promise.all(
        Array.from({ length: IN_FLIGHT }, () => post(agent, fx.root, { query: '{ brands { code } }' })),
      );
      expect(warm.map((w) => w.status)).toEqual(Array(IN_FLIGHT).fill(200));

      let signalled!: () => void;
      const afterSignal = new Promise<void>((r) => (signalled = r));
      // Each push sends its headers and half of its ~300 kB body now, the rest only after SIGTERM: so every
      // one of them is in flight (received, not yet complete) when the signal arrives.
      const pushes = Array.from({ length: IN_FLIGHT }, (_, i) =>
        post(agent, fx.root, pushBody(wh, levels(`TERM${i}`, LEVELS, 1)), afterSignal).then(
          (a) => a,
          (e: Error) => e,
        ),
      );
      await sleep(300);
      const exit = app.stop('SIGTERM');
      await sleep(100);
      signalled();
      const answers = await Promise.all(pushes);
      expect(await exit).toBe(0);
      agent.destroy();
      for (const a of answers) {
        expect(a).not.toBeInstanceOf(Error);
        expect(a).toMatchObject({ status: 200, connection: 'close', body: { data: { pushStockLevels: { applied: LEVELS } } } });
      }

      // Every acknowledged push is in the database after a restart.
      const again = await TestApp.start({ db });
      try {
        const [row] = await again.db.query<{ n: string }>(`SELECT count(*) AS n FROM stock_level WHERE sku LIKE 'TERM%'`);
        expect(Number(row.n)).toBe(IN_FLIGHT * LEVELS);
      } finally {
        expect(await again.stop()).toBe(0);
      }
    } finally {
      await db.drop();
    }
  });
});
