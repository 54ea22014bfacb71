import { WebhookVerificationError } from 'standardwebhooks';
import { TestApp } from '../../support/app';
import { type ApiClient } from '../../support/clients';
import { push } from '../../support/catalog-fixtures';
import { snapshot } from '../../support/matrix';
import { b2cInput, register, waitUntil } from '../../support/customer-fixtures';
import { Fixtures, type StorefrontFixture, uniqueCode } from '../../support/fixtures';
import { type ReceivedWebhook, verified, WebhookReceiver } from '../../support/webhook-receiver.server';
import { CREATE, DELETE, DELIVERIES, LIST, REDELIVER, UPDATE, WEBHOOK_ENV } from './webhook-documents';

describe('webhooks: signed events to downstream systems', () => {
  let app: TestApp;
  let rx: WebhookReceiver;
  let fx: Fixtures;
  let root: ApiClient;
  let A: string;
  let B: string;
  let wh: string;
  let sfA: StorefrontFixture;
  let sfB: StorefrontFixture;
  let adminA: ApiClient;
  let adminB: ApiClient;

  beforeAll(async () => {
    rx = await WebhookReceiver.start();
    app = await TestApp.start({ env: WEBHOOK_ENV });
    fx = await Fixtures.create(app);
    root = fx.root;
    A = await fx.brand(uniqueCode('alpha'));
    B = await fx.brand(uniqueCode('bravo'));
    wh = await fx.warehouse();
    sfA = await fx.storefront({ brandCode: A, audience: 'B2C', warehouseCodes: [wh] });
    sfB = await fx.storefront({ brandCode: B, audience: 'B2C', warehouseCodes: [wh] });
    adminA = await fx.brandAdmin([A]);
    adminB = await fx.brandAdmin([B]);
  });
  afterAll(async () => {
    await app?.close();
    await rx?.stop();
  });

  async function createWebhook(
    by: ApiClient,
    input: { url: string; events: string[]; brandCode?: string },
  ): Promise<{ id: string; secret: string; webhook: any }> {
    const { createWebhook: c } = await by.ok(CREATE, { i: input });
    return { id: c.webhook.id, secret: c.secret, webhook: c.webhook };
  }

  const deliveriesOf = async (webhookId: string, by = root) =>
    (await by.ok(DELIVERIES, { w: webhookId, f: 100 })).webhookDeliveries.edges.map((e: any) => e.node);

  const deliveryRows = (webhookId: string) =>
    app.db.query(`SELECT status, attempts FROM webhook_delivery WHERE endpoint_id = $1`, [webhookId]);

  /** No delivery open (so the database is quiet for a before/after snapshot). */
  const settled = () =>
    waitUntil(
      () => app.db.query(`SELECT count(*)::int AS n FROM webhook_delivery WHERE status IN ('PENDING','DELIVERING')`),
      (r) => r[0].n === 0,
      15000,
    );

  describe('createWebhook and the signed delivery', () => {
    let hookA: { id: string; secret: string };
    let hookGlobal: { id: string; secret: string };
    let hookB: { id: string };
    let hookOnlyApproved: { id: string };

    beforeAll(async () => {
      hookA = await createWebhook(adminA, { url: rx.url('/a'), events: ['*'], brandCode: A });
      hookGlobal = await createWebhook(root, { url: rx.url('/global'), events: ['customer.registered'] });
      hookB = await createWebhook(root, { url: rx.url('/b'), events: ['*'], brandCode: B });
      hookOnlyApproved = await createWebhook(root, { url: rx.url('/approved'), events: ['customer.approved'], brandCode: A });
    });

    it('answers the webhook and a Standard Webhooks secret, once', async () => {
      const created = await createWebhook(adminA, { url: rx.url('/shown-once'), events: ['customer.erased'], brandCode: A });
      expect(created.webhook).toEqual({
        id: expect.any(String),
        url: rx.url('/shown-once'),
        events: ['customer.erased'],
        brandCode: A,
        enabled: true,
        createdAt: expect.any(String),
      });
      expect(created.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
      // The secret is not part of a webhook: no later read can show it.
      const again = await adminA.raw(`{ webhooks { id secret } }`);
      expect(again.errors?.[0]?.message).toMatch(/secret/);
      const listed = (await adminA.ok(LIST)).webhooks.find((w: any) => w.id === created.id);
      expect(listed).toEqual({
        id: created.id,
        url: rx.url('/shown-once'),
        events: ['customer.erased'],
        brandCode: A,
        enabled: true,
      });
      expect(JSON.stringify(await adminA.ok(LIST))).not.toContain(created.secret);
    });

    it("delivers a brand's event, signed, to that brand's webhooks and to global ones, filtered by type", async () => {
      const customer = await register(sfA.client, b2cInput({ firstName: 'Wim', lastName: 'Hook' }));
      const [atA] = await rx.waitForCount('/a', 1);
      const [atGlobal] = await rx.waitForCount('/global', 1);
      const [event] = await app.db.query(`SELECT id, occurred_at FROM outbox_event WHERE aggregate_id = $1`, [customer.id]);

      const body = verified(hookA.secret, atA) as any;
      expect(body).toEqual({
        id: event.id,
        type: 'customer.registered',
        occurredAt: new Date(event.occurred_at).toISOString(),
        brandCode: A,
        data: expect.objectContaining({
          customerId: customer.id,
          email: customer.email,
          firstName: 'Wim',
          lastName: 'Hook',
          storefrontCode: sfA.code,
        }),
      });
      expect(Object.keys(body)).toEqual(['id', 'type', 'occurredAt', 'brandCode', 'data']);
      expect(atA.headers['webhook-id']).toBe(event.id);
      expect(atA.headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
      expect(atA.headers['content-type']).toBe('application/json');
      // The global webhook gets the same event, signed with its own secret.
      expect(verified(hookGlobal.secret, atGlobal)).toEqual(body);
      expect(() => verified(hookA.secret, atGlobal)).toThrow(WebhookVerificationError);
      // Brand B's webhook and a webhook for other types got no delivery at all (fan-out happens at commit).
      expect(await deliveryRows(hookB.id)).toEqual([]);
      expect(await deliveryRows(hookOnlyApproved.id)).toEqual([]);
      expect(rx.at('/b')).toEqual([]);

      const [d] = await waitUntil(
        () => deliveriesOf(hookA.id),
        (list) => list[0]?.status === 'SUCCEEDED',
      );
      expect(d).toMatchObject({
        webhookId: hookA.id,
        eventId: event.id,
        eventType: 'customer.registered',
        status: 'SUCCEEDED',
        attempts: 1,
        lastStatusCode: 204,
        lastError: null,
        nextAttemptAt: null,
        deliveredAt: expect.any(String),
      });

      // And the other way round: brand B's customer reaches B's webhook and the global one, never A's.
      const ofB = await register(sfB.client, b2cInput());
      const [atB] = await rx.waitForCount('/b', 1);
      expect((atB.json as any).brandCode).toBe(B);
      expect((atB.json as any).data.customerId).toBe(ofB.id);
      await rx.waitForCount('/global', 2);
      expect(rx.at('/a').map((r) => (r.json as any).data.customerId)).toEqual([customer.id]);
    });

    it('sends stock.changed once per push with all its levels, to global webhooks only', async () => {
      const stockEvents = () =>
        app.db.query(`SELECT id FROM outbox_event WHERE type = 'stock.changed' AND aggregate_id = $1`, [`warehouse:${wh}`]);
      // Until a global endpoint listens (a brand's endpoint never gets stock), a push stores no event.
      const stockOfA = await createWebhook(root, { url: rx.url('/stock-a'), events: ['stock.changed'], brandCode: A });
      expect(await push(root, wh, [{ sku: 'HOOK-0', onHand: 1, sequence: '1' }])).toMatchObject({ applied: 1 });
      expect(await stockEvents()).toEqual([]);
      const stockGlobal = await createWebhook(root, { url: rx.url('/stock'), events: ['stock.changed'] });
      // In the order sent (not the order they are applied in), the sequences as strings.
      const levels = [
        { sku: 'HOOK-3', onHand: 12, sequence: '9007199254740993' },
        { sku: 'HOOK-1', onHand: 5, sequence: '1' },
        { sku: 'HOOK-2', onHand: 0, sequence: '1' },
      ];
      await push(root, wh, levels);
      const [got] = await rx.waitForCount('/stock', 1);
      expect(verified(stockGlobal.secret, got)).toMatchObject({
        type: 'stock.changed',
        brandCode: null,
        data: { warehouseCode: wh, levels },
      });
      expect(await stockEvents()).toHaveLength(1);
      // A stale push applies nothing and stores nothing.
      expect(await push(root, wh, levels)).toMatchObject({ applied: 0, stale: 3 });
      expect(await stockEvents()).toHaveLength(1);
      expect(await deliveryRows(stockOfA.id)).toEqual([]); // stock is not brand-specific
      await root.ok(DELETE, { id: stockOfA.id });
    });

    it('redelivers on request, with the same webhook-id', async () => {
      const [first] = await deliveriesOf(hookA.id);
      const { redeliverWebhookDelivery: r } = await adminA.ok(REDELIVER, { id: first.id });
      expect(r).toEqual({ id: first.id, status: 'PENDING', attempts: 0, eventId: first.eventId });
      const got = await rx.waitForCount('/a', 2);
      expect(got[1].id).toBe(first.eventId);
      expect(got[1].nth).toBe(2);
      verified(hookA.secret, got[1]);
      await waitUntil(
        () => deliveriesOf(hookA.id),
        (list) => list.find((x: any) => x.id === first.id)?.status === 'SUCCEEDED',
      );
    });
  });

  describe('retries', () => {
    it('retries non-2xx answers: a receiver that fails twice, then succeeds, gets the event', async () => {
      rx.on('/flaky', (r) => (r.nth <= 2 ? 500 : 200));
      const hook = await createWebhook(root, { url: rx.url('/flaky'), events: ['customer.registered'], brandCode: A });
      const customer = await register(sfA.client, b2cInput());
      const got = await rx.waitForCount('/flaky', 3);
      expect(got.map((r) => [r.nth, r.answered])).toEqual([
        [1, 500],
        [2, 500],
        [3, 200],
      ]);
      expect(new Set(got.map((r) => r.id)).size).toBe(1); // one event, the same webhook-id every time
      for (const r of got) expect((verified(hook.secret, r) as any).data.customerId).toBe(customer.id);
      const [d] = await waitUntil(
        () => deliveriesOf(hook.id),
        (list) => list[0]?.status === 'SUCCEEDED',
      );
      expect(d).toMatchObject({ status: 'SUCCEEDED', attempts: 3, lastStatusCode: 200, lastError: null });
      await root.ok(DELETE, { id: hook.id });
    });

    it('retries a receiver slower than the timeout, and a hanging receiver never holds up the API', async () => {
      rx.on('/slow', (r) => (r.nth === 1 ? 'hang' : 200));
      const hook = await createWebhook(root, { url: rx.url('/slow'), events: ['customer.registered'], brandCode: A });
      const customer = await register(sfA.client, b2cInput());
      const [held] = await rx.waitFor(() => rx.at('/slow').length === 1).then(() => rx.at('/slow'));
      expect(held.answered).toBeNull();
      // While the receiver holds that request, the API goes on answering, events included.
      const [inFlight] = await deliveriesOf(hook.id);
      expect(inFlight.status).toBe('DELIVERING');
      const refused = await root.raw(REDELIVER, { id: inFlight.id }); // an attempt in flight cannot be redelivered
      expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fieldErrors: [{ path: 'id' }] });
      await push(root, wh, [{ sku: 'SLOW-1', onHand: 1, sequence: '1' }]);
      expect(held).toMatchObject({ answered: null, abandoned: false }); // still held when the push was answered
      // The app gave up on the first attempt after WEBHOOK_TIMEOUT_MS and tried again.
      const [, retry] = await rx.waitForCount('/slow', 2);
      expect(held.abandoned).toBe(true);
      expect(retry).toMatchObject({ id: held.id, nth: 2, answered: 200 });
      expect((verified(hook.secret, retry) as any).data.customerId).toBe(customer.id);
      const [d] = await waitUntil(
        () => deliveriesOf(hook.id),
        (l) => l[0]?.status === 'SUCCEEDED',
      );
      expect(d).toMatchObject({ attempts: 2, lastStatusCode: 200 });
      await root.ok(DELETE, { id: hook.id });
    });

    it('keeps the events of one object in order: the next waits until the earlier one is delivered', async () => {
      const whOrder = await fx.warehouse();
      const whOther = await fx.warehouse();
      // The first event of whOrder fails twice; the second must not overtake it.
      rx.on('/order', (r) =>
        r.json?.data?.warehouseCode === whOrder && r.json.data.levels[0].sequence === '1' && r.nth <= 2 ? 503 : 200,
      );
      const hook = await createWebhook(root, { url: rx.url('/order'), events: ['stock.changed'] });
      await push(root, whOrder, [{ sku: 'ORD-1', onHand: 1, sequence: '1' }]);
      await push(root, whOrder, [{ sku: 'ORD-1', onHand: 2, sequence: '2' }]);
      await push(root, whOther, [{ sku: 'ORD-1', onHand: 9, sequence: '1' }]);
      await rx.waitFor(() => rx.at('/order').filter((r) => r.answered === 200).length === 3);
      const ofOrder = rx
        .at('/order')
        .filter((r) => r.json.data.warehouseCode === whOrder)
        .map((r) => [r.json.data.levels[0].sequence, r.answered]);
      expect(ofOrder).toEqual([
        ['1', 503],
        ['1', 503],
        ['1', 200],
        ['2', 200],
      ]);
      for (const r of rx.at('/order')) verified(hook.secret, r);
    });
  });

  describe('managing webhooks', () => {
    it('updates the URL, the event filter and enabled; a disabled webhook gets no new events', async () => {
      const hook = await createWebhook(adminA, { url: rx.url('/off'), events: ['customer.approved'], brandCode: A });
      const { updateWebhook: off } = await adminA.ok(UPDATE, { id: hook.id, i: { enabled: false } });
      expect(off).toMatchObject({ id: hook.id, enabled: false, events: ['customer.approved'], url: rx.url('/off') });
      const { updateWebhook: changed } = await adminA.ok(UPDATE, {
        id: hook.id,
        i: { url: rx.url('/on'), events: ['customer.registered', 'customer.updated'] },
      });
      expect(changed).toEqual({
        id: hook.id,
        url: rx.url('/on'),
        events: ['customer.registered', 'customer.updated'],
        brandCode: A,
        enabled: false,
      });
      await register(sfA.client, b2cInput());
      expect(await deliveryRows(hook.id)).toEqual([]);
      await adminA.ok(UPDATE, { id: hook.id, i: { enabled: true } });
      const c = await register(sfA.client, b2cInput());
      const [got] = await rx.waitForCount('/on', 1);
      expect((got.json as any).data.customerId).toBe(c.id);
      expect(rx.at('/off')).toEqual([]);
    });

    it('deletes a webhook with its deliveries', async () => {
      const hook = await createWebhook(adminA, { url: rx.url('/gone'), events: ['customer.registered'], brandCode: A });
      await register(sfA.client, b2cInput());
      await rx.waitForCount('/gone', 1);
      await settled();
      expect(await adminA.ok(DELETE, { id: hook.id })).toEqual({ deleteWebhook: true });
      expect((await adminA.ok(LIST)).webhooks.map((w: any) => w.id)).not.toContain(hook.id);
      expect(await deliveryRows(hook.id)).toEqual([]);
      expect(await adminA.code(DELETE, { id: hook.id })).toBe('NOT_FOUND');
    });

    it('lists deliveries newest first, by webhook and status, in pages', async () => {
      await settled();
      const all = (await root.ok(DELIVERIES, { f: 100 })).webhookDeliveries;
      expect(all.totalCount).toBe(all.edges.length);
      const ids = all.edges.map((e: any) => e.node.id);
      expect([...ids].sort().reverse()).toEqual(ids);
      const p1 = (await root.ok(DELIVERIES, { f: 2 })).webhookDeliveries;
      expect(p1.pageInfo.hasNextPage).toBe(true);
      expect(p1.totalCount).toBe(all.totalCount);
      const p2 = (await root.ok(DELIVERIES, { f: 2, a: p1.pageInfo.endCursor })).webhookDeliveries;
      expect([...p1.edges, ...p2.edges].map((e: any) => e.node.id)).toEqual(ids.slice(0, 4));
      expect(p2.totalCount).toBe(all.totalCount);
      const succeeded = (await root.ok(DELIVERIES, { s: 'SUCCEEDED', f: 100 })).webhookDeliveries;
      expect(succeeded.totalCount).toBe(all.totalCount);
      expect((await root.ok(DELIVERIES, { s: 'DEAD' })).webhookDeliveries).toEqual({
        totalCount: 0,
        pageInfo: { hasNextPage: false, endCursor: null },
        edges: [],
      });
    });

    it('every edge cursor resumes right after its own delivery, over three pages', async () => {
      await settled();
      const ids = (await root.ok(DELIVERIES, { f: 100 })).webhookDeliveries.edges.map((e: any) => e.node.id);
      expect(ids.length).toBeGreaterThanOrEqual(7);
      let after: string | null = null;
      for (let page = 0; page < 3; page++) {
        const conn: any = (await root.ok(DELIVERIES, { f: 2, a: after })).webhookDeliveries;
        expect(conn.edges.map((e: any) => e.node.id)).toEqual(ids.slice(page * 2, page * 2 + 2));
        expect(conn.pageInfo).toEqual({ hasNextPage: true, endCursor: conn.edges[1].cursor });
        for (const [i, edge] of conn.edges.entries()) {
          const next = (await root.ok(DELIVERIES, { f: 1, a: edge.cursor })).webhookDeliveries;
          expect(next.edges.map((e: any) => e.node.id)).toEqual([ids[page * 2 + i + 1]]);
        }
        after = conn.pageInfo.endCursor;
      }
    });
  });

  describe('bad input changes nothing', () => {
    let hookId: string;
    beforeAll(async () => {
      hookId = (await createWebhook(adminA, { url: rx.url('/valid'), events: ['customer.erased'], brandCode: A })).id;
      await settled();
    });

    const create = (i: Record<string, unknown>) => ({
      query: CREATE,
      vars: { i: { url: 'https://hooks.example.com/in', events: ['*'], ...i } },
    });
    it.each<[string, () => { query: string; vars: Record<string, unknown> }, string, string | null, 'root' | 'adminA']>([
      ['url not http(s)', () => create({ url: 'ftp://hooks.example.com/in' }), 'BAD_USER_INPUT', 'url', 'root'],
      ['url not a URL', () => create({ url: 'hooks.example.com' }), 'BAD_USER_INPUT', 'url', 'root'],
      ['url without host', () => create({ url: 'http://' }), 'BAD_USER_INPUT', 'url', 'root'],
      [
        'url of 2001 characters',
        () => create({ url: `https://example.com/${'a'.repeat(1981)}` }),
        'BAD_USER_INPUT',
        'url',
        'root',
      ],
      ['no events', () => create({ events: [] }), 'BAD_USER_INPUT', 'events', 'root'],
      [
        'an unknown event type',
        () => create({ events: ['customer.registered', 'customer.exploded'] }),
        'BAD_USER_INPUT',
        'events',
        'root',
      ],
      ['a prefix wildcard', () => create({ events: ['customer.*'] }), 'BAD_USER_INPUT', 'events', 'root'],
      ['duplicate events', () => create({ events: ['*', '*'] }), 'BAD_USER_INPUT', 'events', 'root'],
      ['a malformed brand code', () => create({ brandCode: 'Not A Code' }), 'BAD_USER_INPUT', 'brandCode', 'root'],
      ['an unknown brand', () => create({ brandCode: 'no-such-brand' }), 'NOT_FOUND', 'brandCode', 'root'],
      ['a brand admin without brandCode (global: super admins only)', () => create({}), 'BAD_USER_INPUT', 'brandCode', 'adminA'],
      [
        'update: bad url',
        () => ({ query: UPDATE, vars: { id: hookId, i: { url: 'javascript:alert(1)' } } }),
        'BAD_USER_INPUT',
        'url',
        'adminA',
      ],
      [
        'update: no events',
        () => ({ query: UPDATE, vars: { id: hookId, i: { events: [] } } }),
        'BAD_USER_INPUT',
        'events',
        'adminA',
      ],
      [
        'update: unknown id',
        () => ({ query: UPDATE, vars: { id: '0190f0f0-0000-7000-8000-000000000000', i: { enabled: false } } }),
        'NOT_FOUND',
        'id',
        'root',
      ],
      [
        'update: not an id',
        () => ({ query: UPDATE, vars: { id: "1' OR '1'='1", i: { enabled: false } } }),
        'NOT_FOUND',
        'id',
        'root',
      ],
      [
        'delete: unknown id',
        () => ({ query: DELETE, vars: { id: '0190f0f0-0000-7000-8000-000000000000' } }),
        'NOT_FOUND',
        'id',
        'root',
      ],
      ['deliveries: first 0', () => ({ query: DELIVERIES, vars: { f: 0 } }), 'BAD_USER_INPUT', 'first', 'root'],
      ['deliveries: first 101', () => ({ query: DELIVERIES, vars: { f: 101 } }), 'BAD_USER_INPUT', 'first', 'root'],
      ['deliveries: a foreign cursor', () => ({ query: DELIVERIES, vars: { a: 'bzox' } }), 'BAD_USER_INPUT', 'after', 'root'],
      [
        'deliveries: unknown webhook',
        () => ({ query: DELIVERIES, vars: { w: '0190f0f0-0000-7000-8000-000000000000' } }),
        'NOT_FOUND',
        'webhookId',
        'root',
      ],
      [
        'redeliver: unknown id',
        () => ({ query: REDELIVER, vars: { id: '0190f0f0-0000-7000-8000-000000000000' } }),
        'NOT_FOUND',
        'id',
        'root',
      ],
    ])('%s', async (_name, op, code, path, caller) => {
      const client = caller === 'root' ? root : adminA;
      const { query, vars } = op();
      const before = await snapshot(app.db);
      const res = await client.raw(query, vars);
      expect(res.errors?.[0]?.extensions?.code).toBe(code);
      if (path) expect(res.errors?.[0]?.extensions?.fieldErrors?.map((f) => f.path)).toContain(path);
      expect(await snapshot(app.db)).toEqual(before);
    });
  });

  describe('isolation between brands', () => {
    let hookOfA: string;
    let deliveryOfA: string;
    let globalHook: string;

    beforeAll(async () => {
      rx.on('/iso-a', () => 200);
      hookOfA = (await createWebhook(adminA, { url: rx.url('/iso-a'), events: ['customer.registered'], brandCode: A })).id;
      globalHook = (await createWebhook(root, { url: rx.url('/iso-global'), events: ['customer.erased'] })).id;
      await register(sfA.client, b2cInput());
      await rx.waitForCount('/iso-a', 1);
      await settled();
      [{ id: deliveryOfA }] = await deliveriesOf(hookOfA);
    });

    it("a brand admin sees only their brands' webhooks and deliveries, never global ones", async () => {
      const seenByB = (await adminB.ok(LIST)).webhooks;
      expect(seenByB.every((w: any) => w.brandCode === B)).toBe(true);
      const seenByA = (await adminA.ok(LIST)).webhooks;
      expect(seenByA.map((w: any) => w.id)).toContain(hookOfA);
      expect(seenByA.every((w: any) => w.brandCode === A)).toBe(true);
      expect((await root.ok(LIST)).webhooks.map((w: any) => w.id)).toEqual(expect.arrayContaining([hookOfA, globalHook]));
      const deliveriesOfB = (await adminB.ok(DELIVERIES, { f: 100 })).webhookDeliveries;
      expect(deliveriesOfB.edges.map((e: any) => e.node.id)).not.toContain(deliveryOfA);
      expect(deliveriesOfB.totalCount).toBe(deliveriesOfB.edges.length);
    });

    it.each<[string, () => { caller: 'adminA' | 'adminB'; query: string; vars: Record<string, unknown> }]>([
      [
        "B updates A's webhook",
        () => ({ caller: 'adminB', query: UPDATE, vars: { id: hookOfA, i: { url: 'https://evil.example/x' } } }),
      ],
      ["B deletes A's webhook", () => ({ caller: 'adminB', query: DELETE, vars: { id: hookOfA } })],
      ["B lists A's webhook's deliveries", () => ({ caller: 'adminB', query: DELIVERIES, vars: { w: hookOfA } })],
      ["B redelivers A's delivery", () => ({ caller: 'adminB', query: REDELIVER, vars: { id: deliveryOfA } })],
      [
        "B creates a webhook for A's brand",
        () => ({ caller: 'adminB', query: CREATE, vars: { i: { url: 'https://evil.example/x', events: ['*'], brandCode: A } } }),
      ],
      [
        'A updates a global webhook',
        () => ({ caller: 'adminA', query: UPDATE, vars: { id: globalHook, i: { enabled: false } } }),
      ],
      ['A deletes a global webhook', () => ({ caller: 'adminA', query: DELETE, vars: { id: globalHook } })],
    ])('%s → NOT_FOUND, nothing changed', async (_name, op) => {
      const { caller, query, vars } = op();
      const before = await snapshot(app.db);
      expect(await (caller === 'adminA' ? adminA : adminB).code(query, vars)).toBe('NOT_FOUND');
      expect(await snapshot(app.db)).toEqual(before);
    });

    it('API keys and anonymous callers cannot use the webhook API', async () => {
      const key = await fx.apiKey(['CUSTOMERS_READ', 'CATALOG_WRITE']);
      const before = await snapshot(app.db);
      expect(await key.client.code(LIST)).toBe('FORBIDDEN');
      expect(await key.client.code(CREATE, { i: { url: 'https://x.example/h', events: ['*'] } })).toBe('FORBIDDEN');
      expect(await key.client.code(REDELIVER, { id: deliveryOfA })).toBe('FORBIDDEN');
      const anonymous = root.with({ authorization: '' });
      expect(await anonymous.code(LIST)).toBe('UNAUTHENTICATED');
      expect(await anonymous.code(DELETE, { id: hookOfA })).toBe('UNAUTHENTICATED');
      expect(await snapshot(app.db)).toEqual(before);
    });

    it('the owning brand admin can do all of it', async () => {
      expect((await adminA.ok(DELIVERIES, { w: hookOfA })).webhookDeliveries.edges.map((e: any) => e.node.id)).toEqual([
        deliveryOfA,
      ]);
      expect((await adminA.ok(REDELIVER, { id: deliveryOfA })).redeliverWebhookDelivery.status).toBe('PENDING');
      await rx.waitForCount('/iso-a', 2);
      expect((await adminA.ok(UPDATE, { id: hookOfA, i: { enabled: false } })).updateWebhook.enabled).toBe(false);
      expect((await adminA.ok(DELETE, { id: hookOfA })).deleteWebhook).toBe(true);
    });
  });

  describe('after all of it', () => {
    it('every request the receivers got carried the Standard Webhooks headers and the event id', () => {
      expect(rx.received.length).toBeGreaterThan(20);
      const odd = rx.received.filter(
        (r: ReceivedWebhook) =>
          !/^v1,/.test(r.headers['webhook-signature'] ?? '') ||
          !/^\d+$/.test(r.headers['webhook-timestamp'] ?? '') ||
          r.json?.id !== r.id,
      );
      expect(odd).toEqual([]);
    });
  });
});
