import { TestApp, withTwoInstances } from '../../support/app';
import { ApiClient } from '../../support/clients';
import { publish, push, PUSH, setPrices, upsertProducts, VARIANTS } from '../../support/catalog-fixtures';
import { Fixtures, type StorefrontFixture } from '../../support/fixtures';
import { RawSocket, Subscriber } from '../../support/ws';

const SUB = `subscription($skus: [String!]) { stockChanged(skus: $skus) { sku availability { status quantity } changedAt } }`;
const LEVELS = `query($s: [String!]!) { stockLevels(skus: $s) { sku warehouseCode onHand reserved sequence updatedAt } }`;

describe('stock pushed from warehouses', () => {
  let app: TestApp;
  let fx: Fixtures;
  let root: ApiClient;
  let w1: string;
  let w2: string;
  let keyW1: ApiClient;
  let exact: StorefrontFixture; // B2B, EXACT, sells from w1 + w2
  let status: StorefrontFixture; // B2C, STATUS, threshold 5, sells from w1
  let otherBrand: StorefrontFixture; // SKU not published there

  beforeAll(async () => {
    app = await TestApp.start();
    fx = await Fixtures.create(app);
    root = fx.root;
    const brand = await fx.brand();
    const brandB = await fx.brand();
    w1 = await fx.warehouse();
    w2 = await fx.warehouse();
    exact = await fx.storefront({ brandCode: brand, audience: 'B2B', warehouseCodes: [w1, w2] });
    status = await fx.storefront({ brandCode: brand, audience: 'B2C', warehouseCodes: [w1] });
    otherBrand = await fx.storefront({ brandCode: brandB, audience: 'B2C', warehouseCodes: [w1, w2] });
    await upsertProducts(root, [
      {
        slug: 'glove',
        name: 'Glove',
        variants: [
          { sku: 'GLV-1', name: 'M' },
          { sku: 'GLV-2', name: 'L' },
        ],
      },
      { slug: 'mask', name: 'Mask', variants: [{ sku: 'MSK-1', name: 'FFP2' }] },
    ]);
    for (const sf of [exact, status]) await publish(root, sf.code, ['glove', 'mask']);
    await setPrices(
      root,
      [exact, status].flatMap((sf) =>
        ['GLV-1', 'GLV-2', 'MSK-1'].map((sku) => ({ storefrontCode: sf.code, sku, amount: '5.00' })),
      ),
    );
    keyW1 = (await fx.apiKey(['INVENTORY_WRITE'], { warehouseCodes: [w1] })).client;
  });
  afterAll(() => app?.close());

  const availability = async (sf: StorefrontFixture, sku: string) =>
    (await sf.client.ok(VARIANTS, { s: [sku] })).variants[0]?.availability;

  it("applies absolute levels and sums them over the storefront's warehouses", async () => {
    expect(await push(keyW1, w1, [{ sku: 'GLV-1', onHand: 10, sequence: '100' }])).toEqual({
      applied: 1,
      stale: 0,
      unknownSkus: [],
    });
    expect(await push(root, w2, [{ sku: 'GLV-1', onHand: 7, sequence: '5' }])).toEqual({ applied: 1, stale: 0, unknownSkus: [] });
    expect(await availability(exact, 'GLV-1')).toEqual({ status: 'IN_STOCK', quantity: 17 });
    expect(await availability(status, 'GLV-1')).toEqual({ status: 'IN_STOCK', quantity: null });
    const levels = (await root.ok(LEVELS, { s: ['GLV-1'] })).stockLevels;
    expect(levels.map((l: any) => [l.warehouseCode, l.onHand, l.reserved, l.sequence])).toEqual(
      [
        [w1, 10, 0, '100'],
        [w2, 7, 0, '5'],
      ].sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    );
  });

  it('never moves backwards: stale, repeated and out-of-order levels change nothing', async () => {
    await push(root, w1, [{ sku: 'MSK-1', onHand: 50, sequence: '1000' }]);
    expect(await push(root, w1, [{ sku: 'MSK-1', onHand: 50, sequence: '1000' }])).toEqual({
      applied: 0,
      stale: 1,
      unknownSkus: [],
    });
    expect(await push(root, w1, [{ sku: 'MSK-1', onHand: 1, sequence: '999' }])).toEqual({
      applied: 0,
      stale: 1,
      unknownSkus: [],
    });
    expect(await push(root, w1, [{ sku: 'MSK-1', onHand: 0, sequence: '0' }])).toEqual({ applied: 0, stale: 1, unknownSkus: [] });
    expect(await availability(exact, 'MSK-1')).toEqual({ status: 'IN_STOCK', quantity: 50 });
    // A mixed batch: the newer one applies, the stale one is counted.
    expect(
      await push(root, w1, [
        { sku: 'MSK-1', onHand: 40, sequence: '1001' },
        { sku: 'GLV-1', onHand: 0, sequence: '99' },
      ]),
    ).toEqual({ applied: 1, stale: 1, unknownSkus: [] });
    expect(await availability(exact, 'MSK-1')).toEqual({ status: 'IN_STOCK', quantity: 40 });
    // Sequences up to 2^63-1.
    expect(await push(root, w2, [{ sku: 'MSK-1', onHand: 3, sequence: '9223372036854775807' }])).toMatchObject({ applied: 1 });
    expect(await push(root, w2, [{ sku: 'MSK-1', onHand: 9, sequence: '9223372036854775807' }])).toMatchObject({ stale: 1 });
  });

  it('keeps levels of SKUs the catalog does not know yet, and counts them once the SKU appears', async () => {
    expect(await push(root, w1, [{ sku: 'FUTURE-1', onHand: 12, sequence: '1' }])).toEqual({
      applied: 1,
      stale: 0,
      unknownSkus: ['FUTURE-1'],
    });
    await upsertProducts(root, [{ slug: 'future', name: 'Future', variants: [{ sku: 'FUTURE-1', name: 'x' }] }]);
    await publish(root, exact.code, ['future']);
    await setPrices(root, [{ storefrontCode: exact.code, sku: 'FUTURE-1', amount: '1' }]);
    expect(await availability(exact, 'FUTURE-1')).toEqual({ status: 'IN_STOCK', quantity: 12 });
  });

  describe('an invalid level rejects the whole batch and changes nothing', () => {
    const ok = { sku: 'GLV-2', onHand: 1, sequence: '50' };
    it.each([
      ['negative onHand', [ok, { sku: 'GLV-1', onHand: -1, sequence: '500' }], 'levels.1.onHand'],
      ['non-numeric sequence', [ok, { sku: 'GLV-1', onHand: 1, sequence: '12a' }], 'levels.1.sequence'],
      ['negative sequence', [ok, { sku: 'GLV-1', onHand: 1, sequence: '-5' }], 'levels.1.sequence'],
      ['sequence above 2^63-1', [ok, { sku: 'GLV-1', onHand: 1, sequence: '9223372036854775808' }], 'levels.1.sequence'],
      ['duplicate SKU', [ok, { ...ok, sequence: '51' }], 'levels.1.sku'],
      ['empty SKU', [ok, { sku: '  ', onHand: 1, sequence: '1' }], 'levels.1.sku'],
      ['too long SKU', [ok, { sku: 'S'.repeat(101), onHand: 1, sequence: '1' }], 'levels.1.sku'],
    ])('%s', async (_name, levels, path) => {
      const before = await app.db.snapshot();
      const res = await root.raw(PUSH, { w: w1, l: levels });
      expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect(res.errors?.[0].extensions?.fieldErrors?.map((f) => f.path)).toContain(path);
      expect(res.errors?.[0].message).toContain(path);
      expect(await app.db.snapshot()).toEqual(before);
    });

    it('wrong types, empty and too large batches', async () => {
      const before = await app.db.snapshot();
      expect(await root.code(PUSH, { w: w1, l: [{ sku: 'GLV-1', onHand: 'ten', sequence: '1' }] })).toBe('BAD_USER_INPUT');
      expect(await root.code(PUSH, { w: w1, l: [{ sku: 'GLV-1', onHand: 1.5, sequence: '1' }] })).toBe('BAD_USER_INPUT');
      expect(await root.code(PUSH, { w: w1, l: [{ sku: 'GLV-1', onHand: 1, sequence: 7 }] })).toBe('BAD_USER_INPUT');
      expect(await root.code(PUSH, { w: w1, l: [{ sku: 'GLV-1', onHand: 1 }] })).toBe('BAD_USER_INPUT');
      expect(await root.code(PUSH, { w: w1, l: [] })).toBe('BAD_USER_INPUT');
      const big = Array.from({ length: 5001 }, (_, i) => ({ sku: `BIG-${i}`, onHand: 1, sequence: '1' }));
      expect(await root.code(PUSH, { w: w1, l: big })).toBe('BAD_USER_INPUT');
      expect(await root.code(PUSH, { w: "w1'; DROP TABLE stock_level; --", l: [ok] })).toBe('NOT_FOUND');
      // A long batch (costed without coercing its elements twice) with one bad element deep inside it.
      const long = Array.from({ length: 200 }, (_, i) => ({ sku: `LONG-${i}`, onHand: 1, sequence: '1' }));
      const badAt = (i: number, level: Record<string, unknown>) => long.map((l, j) => (j === i ? level : l));
      expect(await root.code(PUSH, { w: w1, l: badAt(150, { sku: 'LONG-150', onHand: 'ten', sequence: '1' }) })).toBe(
        'BAD_USER_INPUT',
      );
      expect(await root.code(PUSH, { w: w1, l: badAt(199, { sku: 'LONG-199', onHand: 1 }) })).toBe('BAD_USER_INPUT');
      expect(await root.code(PUSH, { w: w1, l: badAt(0, { sku: 'LONG-0', onHand: 1, sequence: '1', extra: true }) })).toBe(
        'BAD_USER_INPUT',
      );
      expect(await root.code(PUSH, { w: w1, l: badAt(77, null as never) })).toBe('BAD_USER_INPUT');
      expect(await app.db.snapshot()).toEqual(before);
    });

    it('costs a batch by its levels, however long (extensions.cost.requested)', async () => {
      const levels = (n: number) => Array.from({ length: n }, (_, i) => ({ sku: `COST-${i}`, onHand: 1, sequence: '1' }));
      const requested = async (n: number) => (await root.raw(PUSH, { w: w2, l: levels(n) })).extensions?.cost?.requested ?? NaN;
      const [short, long] = [await requested(40), await requested(400)];
      expect(long - short).toBe(360); // one per level, below and above the length costed without coercion
      // The same list used twice counts twice.
      const twice = `mutation($w: String!, $l: [StockLevelInput!]!) {
        a: pushStockLevels(warehouseCode: $w, levels: $l) { applied } b: pushStockLevels(warehouseCode: $w, levels: $l) { applied } }`;
      const both = (await root.raw(twice, { w: w2, l: levels(400) })).extensions?.cost?.requested;
      expect(both).toBe(2 * long);
    });
  });

  it('accepts a full batch of 5,000 levels in one call', async () => {
    const levels = Array.from({ length: 5000 }, (_, i) => ({ sku: `BULK-${i}`, onHand: i % 7, sequence: '1' }));
    const res = await push(root, w2, levels);
    expect(res.applied).toBe(5000);
    expect(res.unknownSkus).toHaveLength(5000);
  });

  it('limits API keys to their scope and warehouses, and brand admins cannot push', async () => {
    const before = await app.db.snapshot();
    const level = [{ sku: 'GLV-1', onHand: 99, sequence: '99999' }];
    expect(await keyW1.code(PUSH, { w: w2, l: level })).toBe('FORBIDDEN');
    expect(await keyW1.code(PUSH, { w: 'no-such-wh', l: level })).toBe('FORBIDDEN');
    const catalogKey = (await fx.apiKey(['CATALOG_WRITE'])).client;
    expect(await catalogKey.code(PUSH, { w: w1, l: level })).toBe('FORBIDDEN');
    const admin = await fx.brandAdmin([exact.brandCode]);
    const snapshotAfterAdmin = await app.db.snapshot();
    expect(await admin.code(PUSH, { w: w1, l: level })).toBe('FORBIDDEN');
    expect(await app.db.snapshot()).toEqual(snapshotAfterAdmin);
    const { admin_user: _a, admin_brand: _b, api_key: _k, ...rest } = before;
    const { admin_user: _a2, admin_brand: _b2, api_key: _k2, ...restAfter } = snapshotAfterAdmin;
    expect(restAfter).toEqual(rest);
    // The key sees stock levels of its own warehouses only.
    const seen = (await keyW1.ok(LEVELS, { s: ['GLV-1'] })).stockLevels.map((l: any) => l.warehouseCode);
    expect(seen).toEqual([w1]);
  });

  it('is safe under concurrent pushes to the same SKUs: the highest sequence wins', async () => {
    const skus = Array.from({ length: 50 }, (_, i) => `CONC-${i}`);
    const batches = Array.from({ length: 8 }, (_, b) => skus.map((sku) => ({ sku, onHand: b * 10, sequence: String(1000 + b) })));
    const results = await Promise.all(batches.reverse().map((l) => push(root, w1, l)));
    const applied = results.reduce((n, r) => n + r.applied, 0);
    expect(applied).toBeGreaterThanOrEqual(50);
    const levels = (await root.ok(LEVELS, { s: skus.slice(0, 100) })).stockLevels.filter((l: any) => l.warehouseCode === w1);
    expect(levels).toHaveLength(50);
    for (const l of levels) expect([l.onHand, l.sequence]).toEqual([70, '1007']);
  });

  describe('stockChanged subscriptions', () => {
    it('tells subscribers of storefronts where the SKU is visible, once per SKU and push, and nobody else', async () => {
      const onExact = new Subscriber(app, exact.token);
      const onStatus = new Subscriber(app, status.token);
      const onOther = new Subscriber(app, otherBrand.token);
      const onlyMask = new Subscriber(app, exact.token);
      try {
        await onExact.subscribe(SUB);
        await onStatus.subscribe(SUB);
        await onOther.subscribe(SUB);
        await onlyMask.subscribe(SUB, { skus: ['MSK-1'] });
        await push(root, w1, [{ sku: 'GLV-2', onHand: 30, sequence: '7000' }]);
        const got = await onExact.waitFor(1, 1000);
        expect(got.map((g) => g.data.stockChanged.sku)).toEqual(['GLV-2']);
        expect(got[0].data.stockChanged.availability).toEqual({ status: 'IN_STOCK', quantity: 30 });
        expect(new Date(got[0].data.stockChanged.changedAt).getTime()).toBeGreaterThan(Date.now() - 5000);
        expect((await onStatus.waitFor(1, 1000)).map((g) => g.data.stockChanged.availability)).toEqual([
          { status: 'IN_STOCK', quantity: null },
        ]);
        // A change that does not alter what the STATUS storefront shows (30 → 40, still IN_STOCK) reaches EXACT only.
        await push(root, w1, [{ sku: 'GLV-2', onHand: 40, sequence: '7001' }]);
        await onExact.waitFor(2, 1000);
        expect(onExact.received).toHaveLength(2);
        // A push to a warehouse the STATUS storefront does not sell from never reaches it.
        await push(root, w2, [{ sku: 'GLV-2', onHand: 1, sequence: '7002' }]);
        await onExact.waitFor(3, 1000);
        await new Promise((r) => setTimeout(r, 300));
        expect(onStatus.received).toHaveLength(1);
        expect(onOther.received).toHaveLength(0);
        expect(onlyMask.received).toHaveLength(0);
        // Stale levels announce nothing.
        await push(root, w1, [{ sku: 'GLV-2', onHand: 0, sequence: '1' }]);
        await new Promise((r) => setTimeout(r, 300));
        expect(onExact.received).toHaveLength(3);
        expect(onExact.errors).toEqual([]);
      } finally {
        await Promise.all([onExact, onStatus, onOther, onlyMask].map((s) => s.close()));
      }
    });

    it('executes a change once for many subscribers, yet each gets its own selection and id, changes in order', async () => {
      const params = { 'x-storefront-token': exact.token };
      const [a, b] = [await RawSocket.connect(app, params), await RawSocket.connect(app, params)];
      try {
        a.subscribe('a1', SUB);
        a.subscribe('a2', 'subscription { stockChanged { sku } }');
        a.subscribe('a3', 'subscription { s: stockChanged(skus: ["MSK-1"]) { q: availability { quantity } } }');
        b.subscribe('b1', SUB);
        // graphql-ws takes a socket's messages in order: once a refused one answers, those before are registered.
        for (const s of [a, b]) {
          s.subscribe('sync', 'subscription { stockChanged(skus: []) { sku } }');
          expect(await s.next((m) => m.id === 'sync' && m.type === 'complete')).toBeDefined();
        }
        // Five pushes in a row: a subscriber may get some folded into one, but never out of order, and the last.
        for (let i = 1; i <= 5; i++) await push(root, w1, [{ sku: 'MSK-1', onHand: 100 + i, sequence: String(9000 + i) }]);
        const final: number = (await availability(exact, 'MSK-1')).quantity; // w1's 105 and what w2 has
        const nextOf = (s: RawSocket, id: string) => s.messages.filter((m) => m.id === id && m.type === 'next');
        await a.next((m) => m.id === 'a3' && m.payload?.data?.s?.q?.quantity === final);
        await b.next((m) => m.id === 'b1' && m.payload?.data?.stockChanged?.availability?.quantity === final);
        await a.next((m) => m.id === 'a1' && m.payload?.data?.stockChanged?.availability?.quantity === final);
        const quantities = (s: RawSocket, id: string) =>
          nextOf(s, id).map((m) => m.payload.data.stockChanged?.availability.quantity ?? m.payload.data.s.q.quantity);
        for (const [s, id] of [
          [a, 'a1'],
          [a, 'a3'],
          [b, 'b1'],
        ] as const) {
          const q = quantities(s, id);
          expect(q.at(-1)).toBe(final);
          expect([...q].sort((x, y) => x - y)).toEqual(q); // in the order of the pushes
        }
        // The same document gets the same payload on both sockets; other selections their own shape.
        expect(nextOf(b, 'b1').map((m) => m.payload)).toEqual(nextOf(a, 'a1').map((m) => m.payload));
        expect(nextOf(a, 'a1').at(-1).payload.data.stockChanged).toEqual({
          sku: 'MSK-1',
          availability: { status: 'IN_STOCK', quantity: final },
          changedAt: expect.any(String),
        });
        expect(nextOf(a, 'a2').at(-1).payload).toEqual({ data: { stockChanged: { sku: 'MSK-1' } } });
        expect(nextOf(a, 'a3').at(-1).payload).toEqual({ data: { s: { q: { quantity: final } } } });
        // Completing one subscription stops it alone.
        a.send({ id: 'a1', type: 'complete' });
        await new Promise((r) => setTimeout(r, 100));
        const [before, a2Before] = [nextOf(a, 'a1').length, nextOf(a, 'a2').length];
        await push(root, w1, [{ sku: 'MSK-1', onHand: 200, sequence: '9100' }]);
        await a.next(() => nextOf(a, 'a2').length > a2Before);
        await b.next((m) => m.id === 'b1' && m.payload?.data?.stockChanged?.availability?.quantity === final + 95);
        await a.next((m) => m.id === 'a3' && m.payload?.data?.s?.q?.quantity === final + 95);
        expect(nextOf(a, 'a1')).toHaveLength(before);
      } finally {
        a.close();
        b.close();
      }
    });

    it('refuses subscriptions without a valid storefront token', async () => {
      for (const token of ['', 'sft_nope']) {
        const s = new Subscriber(app, token);
        try {
          await s.subscribe(SUB);
          await new Promise((r) => setTimeout(r, 200));
          const err = JSON.stringify(s.errors);
          expect(err).toMatch(token ? /UNKNOWN_STOREFRONT/ : /STOREFRONT_TOKEN_REQUIRED/);
        } catch (e) {
          expect(JSON.stringify(e)).toMatch(/STOREFRONT_TOKEN_REQUIRED|UNKNOWN_STOREFRONT/);
        } finally {
          await s.close();
        }
      }
    });
  });
});

const REDIS_URL = process.env.E2E_REDIS_URL;
const REAL_PG = process.env.E2E_DATABASE_URL;
// Two instances share one database: only possible on a real PostgreSQL server (PGlite is single-process).
(REDIS_URL && REAL_PG ? describe : describe.skip)('two instances with Redis', () => {
  it('a push on one instance reaches subscribers on the other', async () => {
    await withTwoInstances(REDIS_URL!, async (a, b) => {
      const fx = await Fixtures.create(a);
      const brand = await fx.brand();
      const wh = await fx.warehouse();
      const sf = await fx.storefront({ brandCode: brand, audience: 'B2B', warehouseCodes: [wh] });
      await upsertProducts(fx.root, [{ slug: 'redis-item', name: 'R', variants: [{ sku: 'RED-1', name: 'x' }] }]);
      await publish(fx.root, sf.code, ['redis-item']);
      await setPrices(fx.root, [{ storefrontCode: sf.code, sku: 'RED-1', amount: '1' }]);
      const sub = new Subscriber(b, sf.token);
      const onB = new ApiClient(b, '/graphql', { 'x-storefront-token': sf.token });
      try {
        expect((await onB.ok(VARIANTS, { s: ['RED-1'] })).variants[0].availability).toEqual({
          status: 'OUT_OF_STOCK',
          quantity: 0,
        }); // cached on b
        await sub.subscribe(SUB);
        await push(fx.root, wh, [{ sku: 'RED-1', onHand: 8, sequence: '1' }]);
        const got = await sub.waitFor(1, 2000);
        expect(got.map((g) => g.data.stockChanged)).toEqual([
          expect.objectContaining({ sku: 'RED-1', availability: { status: 'IN_STOCK', quantity: 8 } }),
        ]);
        // b's read cache was dropped by the push on a (through Redis): no stale availability.
        expect((await onB.ok(VARIANTS, { s: ['RED-1'] })).variants[0].availability).toEqual({ status: 'IN_STOCK', quantity: 8 });
      } finally {
        await sub.close();
      }
    });
  });
});
