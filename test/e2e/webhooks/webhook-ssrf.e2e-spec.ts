import { type AddressInfo, createServer, type Server, type Socket } from 'node:net';
import { TestApp, TestDatabase } from '../../support/app';
import { type ApiClient, adminLogin, storefrontClient } from '../../support/clients';
import { b2cInput, register, waitUntil } from '../../support/customer-fixtures';
import { Fixtures, type StorefrontFixture } from '../../support/fixtures';
import { expectRefused } from '../../support/matrix';
import { WebhookReceiver } from '../../support/webhook-receiver.server';
import { CREATE, DELETE, DELIVERIES, UPDATE, WEBHOOK_ENV } from './webhook-documents';

/** What an internal service might answer; none of it may show up in the Admin API or the database. */
const SECRET = 'SECRET-internal-banner-7f3a';

/** Every spelling of an internal destination (issue 10, item 5), with what the refusal must say. */
const HOSTILE: Array<[string, RegExp]> = [
  ['http://169.254.169.254/latest/meta-data/iam/security-credentials/', /169\.254\.169\.254 is a metadata address/],
  ['http://[fd00:ec2::254]/latest/meta-data/', /metadata address/],
  ['http://[::ffff:a9fe:a9fe]/', /metadata address/],
  ['http://127.0.0.1:5432/', /127\.0\.0\.1 is a loopback address/],
  ['http://127.0.0.1:6379/', /loopback/],
  ['http://2130706433/', /127\.0\.0\.1 is a loopback/],
  ['http://0177.0.0.1/', /127\.0\.0\.1 is a loopback/],
  ['http://0x7f.1/', /127\.0\.0\.1 is a loopback/],
  ['http://127.1:8080/', /127\.0\.0\.1 is a loopback/],
  ['http://[::1]/', /loopback/],
  ['http://[::ffff:127.0.0.1]/', /loopback/],
  ['http://0.0.0.0:3000/', /unspecified/],
  ['http://0/', /unspecified/],
  ['http://localhost/', /"localhost" is a local name/],
  ['http://localhost.:3000/', /local name/],
  ['http://LocalHost/', /local name/],
  ['http://api.localhost/', /local name/],
  ['http://metadata.google.internal/computeMetadata/v1/', /local name/],
  ['http://redis:6379/', /not a fully qualified domain name/],
  ['http://10.0.0.5/', /private address/],
  ['http://172.16.0.1/', /private address/],
  ['http://172.31.255.254/', /private address/],
  ['http://192.168.0.10/', /private address/],
  ['http://100.64.0.1/', /private address/],
  ['http://[fd00::1]/', /unique-local address/],
  ['http://[fc00::1]/', /unique-local address/],
  ['http://[fe80::1]/', /link-local address/],
  ['http://169.254.10.10/', /link-local address/],
  ['http://224.0.0.1/', /multicast address/],
  ['http://255.255.255.255/', /broadcast address/],
  ['http://240.0.0.1/', /reserved address/],
  ['https://hooks.example.com:25/', /port 25/],
];

/**
 * Webhooks never reach internal addresses (SSRF), checked at creation and update and again at every
 * delivery. One database, two lives of the app: first with WEBHOOK_ALLOW_PRIVATE_URLS=true (development:
 * local receivers), then with it false (the default), which must refuse what the first life created.
 */
describe('webhook destinations (SSRF)', () => {
  let db: TestDatabase;
  let app: TestApp;
  let rx: WebhookReceiver;
  let root: ApiClient;
  let brand: string;
  let sf: StorefrontFixture;
  /** Created while private URLs were allowed; delivered to after they no longer are. */
  const later: { literal?: string; name?: string } = {};

  const deliveriesOf = async (webhookId: string) =>
    (await root.ok(DELIVERIES, { w: webhookId, f: 100 })).webhookDeliveries.edges.map((e: any) => e.node);
  const hook = async (url: string, events = ['customer.registered']): Promise<string> =>
    (await root.ok(CREATE, { i: { url, events, brandCode: brand } })).createWebhook.webhook.id;
  /** The first delivery of the webhook once it has had `attempts` attempts. */
  const attempted = async (webhookId: string, attempts = 1) =>
    (
      await waitUntil(
        () => deliveriesOf(webhookId),
        (l) => (l[0]?.attempts ?? 0) >= attempts && l[0].status !== 'DELIVERING',
      )
    )[0];

  beforeAll(async () => {
    rx = await WebhookReceiver.start();
    db = await TestDatabase.create();
  });
  afterAll(async () => {
    await app?.stop();
    await db?.drop();
    await rx?.stop();
  });

  describe('with WEBHOOK_ALLOW_PRIVATE_URLS=true (a local receiver for development)', () => {
    let banner: Server;
    const sockets: Socket[] = [];

    beforeAll(async () => {
      app = await TestApp.start({ db, env: { ...WEBHOOK_ENV, WEBHOOK_ALLOW_PRIVATE_URLS: 'true' } });
      const fx = await Fixtures.create(app);
      root = fx.root;
      brand = await fx.brand();
      sf = await fx.storefront({ brandCode: brand, audience: 'B2C', warehouseCodes: [await fx.warehouse()] });
      // An internal service that is no HTTP server and greets with what it is (Redis, SMTP, SSH …).
      banner = createServer((s) => {
        sockets.push(s);
        s.end(`-ERR ${SECRET} unknown command 'POST'\r\n`);
      });
      await new Promise<void>((r) => banner.listen(0, '127.0.0.1', r));
    });
    afterAll(async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => banner.close(() => r()));
      await app.stop();
    });

    it('a redirect is a failed attempt and is never followed', async () => {
      rx.on('/redirect', () => ({ status: 302, headers: { location: rx.url('/target') } }));
      const id = await hook(rx.url('/redirect'));
      await register(sf.client, b2cInput());
      const d = await attempted(id, 2);
      expect(d).toMatchObject({ lastStatusCode: 302, lastError: 'HTTP 302 (redirects are not followed)', deliveredAt: null });
      expect(rx.at('/redirect').length).toBeGreaterThanOrEqual(2);
      expect(rx.at('/target')).toEqual([]);
      await root.ok(DELETE, { id });
    });

    it('records the status or a fixed reason, never what the receiver answered', async () => {
      rx.on('/chatty', () => ({ status: 500, headers: { 'x-backend': SECRET }, body: `redis_version:7.2.4 ${SECRET}` }));
      const chatty = await hook(rx.url('/chatty'));
      const notHttp = await hook(`http://127.0.0.1:${(banner.address() as AddressInfo).port}/`);
      await register(sf.client, b2cInput());
      expect(await attempted(chatty)).toMatchObject({ lastStatusCode: 500, lastError: 'HTTP 500' });
      expect(await attempted(notHttp)).toMatchObject({ lastStatusCode: null, lastError: 'not an HTTP answer' });
      expect(sockets.length).toBeGreaterThan(0); // the banner was sent
      const seen = JSON.stringify([await deliveriesOf(chatty), await deliveriesOf(notHttp)]);
      expect(seen).not.toContain(SECRET);
      expect(JSON.stringify(await db.query(`SELECT * FROM webhook_delivery`))).not.toContain(SECRET);
      for (const id of [chatty, notHttp]) await root.ok(DELETE, { id });
    });

    it('accepts local receivers (so development and these tests can run)', async () => {
      later.literal = await hook(rx.url('/later-literal'));
      later.name = await hook(rx.url('/later-name').replace('127.0.0.1', 'localhost'));
      expect((await root.ok(`{ webhooks { url } }`)).webhooks.map((w: any) => w.url)).toEqual(
        expect.arrayContaining([rx.url('/later-literal'), rx.url('/later-name').replace('127.0.0.1', 'localhost')]),
      );
    });
  });

  describe('with WEBHOOK_ALLOW_PRIVATE_URLS=false (the default)', () => {
    let receivedBefore: number;

    beforeAll(async () => {
      app = await TestApp.start({ db, env: { ...WEBHOOK_ENV, WEBHOOK_ALLOW_PRIVATE_URLS: 'false' } });
      root = await adminLogin(app);
      receivedBefore = rx.received.length;
    });

    it.each(HOSTILE)('createWebhook refuses %s, nothing stored', async (url, message) => {
      const res = await expectRefused(
        app,
        root,
        CREATE,
        { i: { url, events: ['*'], brandCode: brand } },
        { code: 'BAD_USER_INPUT', path: 'url' },
      );
      expect(res.errors![0].extensions!.fieldErrors![0].message).toMatch(message);
    });

    it.each(HOSTILE)('updateWebhook refuses %s, nothing changed', async (url, message) => {
      const res = await expectRefused(
        app,
        root,
        UPDATE,
        { id: later.literal, i: { url } },
        { code: 'BAD_USER_INPUT', path: 'url' },
      );
      expect(res.errors![0].extensions!.fieldErrors![0].message).toMatch(message);
    });

    it('accepts public destinations, on any port but the bad ones', async () => {
      for (const url of [
        'https://93.184.215.14/hook',
        'https://[2606:2800:220:1:248:1893:25c8:1946]:8443/hook',
        'https://[::ffff:5db8:d70e]/hook',
        'http://hooks.example.com:8080/in',
      ]) {
        const id = await hook(url, ['customer.erased']); // never sent in this file
        await root.ok(DELETE, { id });
      }
    });

    it('refuses at delivery a webhook created while private URLs were allowed: the receiver gets nothing', async () => {
      await register(storefrontClient(app, sf.token), b2cInput());
      for (const id of [later.literal!, later.name!]) {
        // Retries are refused as well (the check runs on every attempt, after resolving the name).
        expect(await attempted(id, 2)).toMatchObject({
          status: 'PENDING',
          lastStatusCode: null,
          lastError: 'destination address not allowed',
          deliveredAt: null,
        });
      }
      expect(rx.received.slice(receivedBefore)).toEqual([]);
      // The operator's log says why (the API says only the fixed reason).
      expect(app.logs).toMatch(/refused: destination not allowed: 127\.0\.0\.1 is a loopback address/);
      expect(app.logs).toMatch(/refused: destination not allowed: .{0,2}localhost.{0,2} is a local name/);
    });
  });
});
