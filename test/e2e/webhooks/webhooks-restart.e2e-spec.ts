import { TestApp } from '../../support/app';
import { type ApiClient, storefrontClient } from '../../support/clients';
import { b2cInput, register, waitUntil } from '../../support/customer-fixtures';
import { Fixtures, type StorefrontFixture } from '../../support/fixtures';
import { verified, WebhookReceiver } from '../../support/webhook-receiver.server';
import { CREATE, DELIVERIES, REDELIVER, WEBHOOK_ENV } from './webhook-documents';

const REAL_PG = Boolean(process.env.E2E_DATABASE_URL);

/**
 * Nothing lost on restart: deliveries are rows, so an event committed before a crash or a stop is delivered
 * by the next instance. One database, several app lives.
 */
describe('webhooks across restarts', () => {
  let app: TestApp;
  let rx: WebhookReceiver;
  let root: ApiClient;
  let sf: StorefrontFixture;
  let brand: string;

  const restart = async (env: Record<string, string> = {}) => {
    app = await TestApp.start({ db: app.db, env: { ...WEBHOOK_ENV, ...env } });
    (app as any).ownsDb = true;
    root = (await Fixtures.create(app)).root;
  };

  beforeAll(async () => {
    rx = await WebhookReceiver.start();
    app = await TestApp.start({ env: WEBHOOK_ENV });
    const fx = await Fixtures.create(app);
    root = fx.root;
    brand = await fx.brand();
    sf = await fx.storefront({ brandCode: brand, audience: 'B2C', warehouseCodes: [await fx.warehouse()] });
  });
  afterAll(async () => {
    await app?.close();
    await rx?.stop();
  });

  async function hook(path: string): Promise<{ id: string; secret: string }> {
    const { createWebhook: c } = await root.ok(CREATE, {
      i: { url: rx.url(path), events: ['customer.registered'], brandCode: brand },
    });
    return { id: c.webhook.id, secret: c.secret };
  }

  const rowsOf = (webhookId: string) =>
    app.db.query(`SELECT status, attempts FROM webhook_delivery WHERE endpoint_id = $1`, [webhookId]);
  const deliveryOf = async (webhookId: string) => (await root.ok(DELIVERIES, { w: webhookId })).webhookDeliveries.edges[0]?.node;

  it('an app killed mid-delivery: the next instance delivers the event once the claim has lapsed', async () => {
    rx.on('/killed', (r) => (r.nth === 1 ? 'hang' : 200));
    const h = await hook('/killed');
    const c = await register(storefrontClient(app, sf.token), b2cInput());
    await rx.waitFor(() => rx.at('/killed').some((r) => r.answered === null));
    await app.stop('SIGKILL');
    // The database outlives the app only on a real PostgreSQL server (the embedded one is served by the app).
    if (REAL_PG) expect(await rowsOf(h.id)).toEqual([{ status: 'DELIVERING', attempts: 1 }]);
    await rx.waitFor(() => rx.at('/killed')[0].abandoned); // the connection died with the app
    await restart();
    const got = await rx.waitFor(() => rx.at('/killed').some((r) => r.answered === 200));
    const delivered = got.filter((r) => r.path === '/killed');
    expect(delivered.map((r) => [r.nth, r.answered])).toEqual([
      [1, null],
      [2, 200],
    ]);
    expect(new Set(delivered.map((r) => r.id)).size).toBe(1);
    expect((verified(h.secret, delivered[1]) as any).data.customerId).toBe(c.id);
    const d = await waitUntil(
      () => deliveryOf(h.id),
      (x) => x?.status === 'SUCCEEDED',
    );
    expect(d).toMatchObject({ status: 'SUCCEEDED', attempts: 2, lastStatusCode: 200 });
  });

  it('an app stopped mid-delivery hands the delivery back at once; the next instance delivers it', async () => {
    rx.on('/stopped', (r) => (r.nth === 1 ? 'hang' : 200));
    const h = await hook('/stopped');
    await register(storefrontClient(app, sf.token), b2cInput());
    await rx.waitFor(() => rx.at('/stopped').some((r) => r.answered === null));
    expect(await app.stop()).toBe(0); // aborts the call instead of waiting for the receiver's timeout
    if (REAL_PG) expect(await rowsOf(h.id)).toEqual([{ status: 'PENDING', attempts: 0 }]);
    await restart();
    await rx.waitFor(() => rx.at('/stopped').some((r) => r.answered === 200));
    const d = await waitUntil(
      () => deliveryOf(h.id),
      (x) => x?.status === 'SUCCEEDED',
    );
    expect(d.attempts).toBe(1); // the interrupted attempt was not counted
  });

  it('an event whose receiver is unreachable survives a stop and is delivered after the restart', async () => {
    const h = await hook('/down');
    await rx.pause();
    try {
      await register(storefrontClient(app, sf.token), b2cInput());
      const failed = await waitUntil(
        () => deliveryOf(h.id),
        (x) => x?.status === 'PENDING' && x.attempts >= 1,
      );
      expect(failed.lastStatusCode).toBeNull();
      expect(failed.lastError).toMatch(/^connection (refused|reset)$/);
      expect(await app.stop()).toBe(0);
    } finally {
      await rx.resume();
    }
    await restart();
    const [got] = await rx.waitForCount('/down', 1);
    verified(h.secret, got);
    await waitUntil(
      () => deliveryOf(h.id),
      (x) => x?.status === 'SUCCEEDED',
    );
  });

  it('gives up after the last retry (DEAD), and a redelivery succeeds once the receiver is fixed', async () => {
    await app.stop();
    await restart({ WEBHOOK_RETRY_BASE_MS: '0' }); // the whole schedule at once
    let broken = true;
    rx.on('/dead', () => (broken ? 500 : 200));
    const h = await hook('/dead');
    await register(storefrontClient(app, sf.token), b2cInput());
    const dead = await waitUntil(
      () => deliveryOf(h.id),
      (x) => x?.status === 'DEAD',
      20000,
    );
    expect(dead).toMatchObject({ status: 'DEAD', attempts: 11, lastStatusCode: 500, lastError: 'HTTP 500', nextAttemptAt: null });
    expect(rx.at('/dead')).toHaveLength(11);
    broken = false;
    expect((await root.ok(REDELIVER, { id: dead.id })).redeliverWebhookDelivery).toMatchObject({
      status: 'PENDING',
      attempts: 0,
    });
    const ok = await waitUntil(
      () => deliveryOf(h.id),
      (x) => x?.status === 'SUCCEEDED',
    );
    expect(ok).toMatchObject({ attempts: 1, lastStatusCode: 200, lastError: null });
    expect(rx.at('/dead')).toHaveLength(12);
  });
});
