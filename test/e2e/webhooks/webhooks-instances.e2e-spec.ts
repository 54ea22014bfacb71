import { TestApp } from '../../support/app';
import { adminLogin } from '../../support/clients';
import { push } from '../../support/catalog-fixtures';
import { waitUntil } from '../../support/customer-fixtures';
import { Fixtures } from '../../support/fixtures';
import { verified, WebhookReceiver } from '../../support/webhook-receiver.server';
import { CREATE, WEBHOOK_ENV } from './webhook-documents';

const REAL_PG = process.env.E2E_DATABASE_URL;
/** Both instances look for due deliveries every 20 ms, so they compete for every claim. */
const RACING = { ...WEBHOOK_ENV, WEBHOOK_POLL_MS: '20' };

// Two instances share one database: only possible on a real PostgreSQL server (PGlite is single-process).
(REAL_PG ? describe : describe.skip)('webhooks with two instances on one database', () => {
  let a: TestApp;
  let b: TestApp;
  let rx: WebhookReceiver;

  beforeAll(async () => {
    rx = await WebhookReceiver.start();
    a = await TestApp.start({ env: RACING });
    b = await TestApp.start({ db: a.db, env: RACING });
  });
  afterAll(async () => {
    await b?.stop();
    await a?.close();
    await rx?.stop();
  });

  it('makes every attempt exactly once, keeping each object in order', async () => {
    const fx = await Fixtures.create(a);
    const onB = await adminLogin(b);
    // Every event fails its first attempt, so each one is attempted twice, the retry by whichever instance claims it.
    rx.on('/both', (r) => (r.nth === 1 ? 503 : 200));
    const { createWebhook: hook } = await fx.root.ok(CREATE, { i: { url: rx.url('/both'), events: ['stock.changed'] } });
    const warehouses = [await fx.warehouse(), await fx.warehouse(), await fx.warehouse(), await fx.warehouse()];
    const pushes: Promise<unknown>[] = [];
    for (let seq = 1; seq <= 5; seq++) {
      for (const [i, wh] of warehouses.entries()) {
        // Half of the events are written through each instance, concurrently per round.
        pushes.push(push(i % 2 ? onB : fx.root, wh, [{ sku: 'TWIN-1', onHand: seq, sequence: String(seq) }]));
      }
      await Promise.all(pushes.splice(0));
    }
    const events = await a.db.query<{ id: string }>(`SELECT id FROM outbox_event WHERE type = 'stock.changed'`);
    expect(events).toHaveLength(20);
    await rx.waitFor(
      () =>
        new Set(
          rx
            .at('/both')
            .filter((r) => r.answered === 200)
            .map((r) => r.id),
        ).size === 20,
      30000,
    );
    // Let any duplicate attempt surface before counting.
    const rows = await waitUntil(
      () => a.db.query(`SELECT status, attempts FROM webhook_delivery WHERE endpoint_id = $1`, [hook.webhook.id]),
      (r) => r.length === 20 && r.every((d: any) => d.status === 'SUCCEEDED'),
    );
    expect(rows.every((d: any) => d.attempts === 2)).toBe(true);
    const got = rx.at('/both');
    const perEvent = new Map<string, number[]>();
    for (const r of got) perEvent.set(r.id, [...(perEvent.get(r.id) ?? []), r.answered!]);
    expect(perEvent.size).toBe(20);
    for (const answers of perEvent.values()) expect(answers).toEqual([503, 200]);
    expect(got.map((r) => r.id).sort()).toEqual(events.flatMap((e) => [e.id, e.id]).sort());
    for (const r of got) verified(hook.secret, r);
    // In order per warehouse: its sequence numbers arrive ascending, and each only after the previous one succeeded.
    for (const wh of warehouses) {
      const seen = got
        .filter((r) => r.json.data.warehouseCode === wh)
        .map((r) => `${r.json.data.levels[0].sequence}:${r.answered}`);
      expect(seen).toEqual(['1:503', '1:200', '2:503', '2:200', '3:503', '3:200', '4:503', '4:200', '5:503', '5:200']);
    }
  });
});
