import { TestApp } from '../../support/app';
import { type ApiClient, storefrontClient } from '../../support/clients';
import { publish, setPrices, upsertProducts, warmStorefrontToken } from '../../support/catalog-fixtures';
import { b2bInput, b2cInput, login, PASSWORD, register, waitUntil } from '../../support/customer-fixtures';
import { FakeVies } from '../../support/fake-vies.server';
import { Fixtures, type StorefrontFixture, uniqueCode } from '../../support/fixtures';
import { CANCEL, openShop, pay, placeOrder, type Shop } from '../../support/order-fixtures';
import { WebhookReceiver } from '../../support/webhook-receiver.server';
import { CREATE as CREATE_WEBHOOK, WEBHOOK_ENV } from '../webhooks/webhook-documents';
import { classifySegment, type SegmentThresholds } from '../../../libs/insights/src';

const ALSO = `query($s: String!, $f: Int) { product(slug: $s) { slug alsoBought(first: $f) { slug name } } }`;
const PAGE_ALSO = `query { products(first: 20) { edges { node { slug alsoBought { slug } } } } }`;
const PAGE = `query { products(first: 20) { edges { node { slug } } } }`;
const BUY_AGAIN = `query($f: Int) { myFrequentlyOrdered(first: $f) { sku timesOrdered totalQuantity lastQuantity lastOrderedAt
  variant { sku price { amount } } } }`;
const CUSTOMER = `query($id: ID!) { customer(id: $id) { id segment segmentSince } }`;
const CUSTOMERS = `query($b: String, $s: CustomerSegment) { customers(brandCode: $b, segment: $s, first: 100) { totalCount edges { node { id segment } } } }`;
const COUNTS = `query($b: String) { customerSegmentCounts(brandCode: $b) { segment count } }`;
/** The consenting customer's walk through the segments (the segment test), as `from>to`. */
const WALK = [
  'PROSPECT>NEW',
  'NEW>ACTIVE',
  'ACTIVE>AT_RISK',
  'AT_RISK>ACTIVE',
  'ACTIVE>AT_RISK',
  'AT_RISK>LAPSED',
  'LAPSED>ACTIVE',
];
const UPDATE_SF = `mutation($c: String!, $i: UpdateStorefrontInput!) { updateStorefront(code: $c, input: $i) { segmentNewDays segmentAtRiskMinDays segmentLapsedDays } }`;

describe('customer insights: also bought, buy again, segments', () => {
  let app: TestApp;
  let fx: Fixtures;
  let vies: FakeVies;
  let rx: WebhookReceiver;
  let shop: Shop;
  let ops: ApiClient;
  let slug: string;

  beforeAll(async () => {
    vies = await FakeVies.start();
    rx = await WebhookReceiver.start();
    app = await TestApp.start({
      env: {
        ...WEBHOOK_ENV,
        VIES_URL: vies.url,
        INSIGHTS_POLL_MS: '100',
        SEGMENT_RECOMPUTE_MS: '300',
        DEBUG_SQL_COUNT: 'true',
        READ_CACHE_TTL_MS: '60000', // as with Redis: the statement counts below pause past the token cache's second
      },
    });
    fx = await Fixtures.create(app);
    shop = await openShop(fx, { stock: 500 });
    ops = (await fx.apiKey(['ORDERS_WRITE'], { brandCodes: [shop.brandCode] })).client;
    slug = shop.sku.std.toLowerCase().replace(/-std$/, '');
  });
  afterAll(async () => {
    await app?.close();
    await vies?.stop();
    await rx?.stop();
  });

  /** Until the worker has counted (or un-counted) every due order. */
  const settled = () =>
    waitUntil(
      () =>
        app.db.query<{ n: string }>(
          `SELECT count(*) AS n FROM sales_order WHERE (NOT insights_counted AND status IN ('CONFIRMED','PARTIALLY_SHIPPED','SHIPPED'))
              OR (insights_counted AND status = 'CANCELLED')`,
        ),
      (r) => r[0].n === '0',
      15000,
    );

  const also = async (sf: StorefrontFixture, s: string, first?: number) =>
    ((await sf.client.ok(ALSO, { s, f: first })).product.alsoBought as { slug: string }[]).map((p) => p.slug);

  /** A paid B2C guest order of these lines (counted once the worker ran). */
  const paidOrder = async (sf: StorefrontFixture, lines: [string, number][]) => pay(ops, await placeOrder(sf, lines));

  /** A registered, logged-in customer of a storefront. */
  async function customer(sf: StorefrontFixture, input: Record<string, unknown>) {
    const c = await register(sf.client, input);
    const s = await login(sf.client, c.email as string);
    return {
      id: c.id as string,
      email: c.email as string,
      sf: { ...sf, client: storefrontClient(app, sf.token, s.accessToken) },
    };
  }

  describe('also bought', () => {
    let other: Shop;

    beforeAll(async () => {
      // More products of the shared catalog: `a` shown on the B2C shop only, `hidden` on the B2B shop only.
      await upsertProducts(fx.root, [
        { slug: `${slug}-a`, name: 'Gloves', taxCategory: 'STANDARD', variants: [{ sku: `${shop.sku.std}-A`, name: 'M' }] },
        { slug: `${slug}-hidden`, name: 'Helmet', taxCategory: 'STANDARD', variants: [{ sku: `${shop.sku.std}-H`, name: 'L' }] },
      ]);
      await publish(fx.root, shop.b2c.code, [`${slug}-a`]);
      await publish(fx.root, shop.b2b.code, [`${slug}-hidden`]);
      await setPrices(fx.root, [
        { storefrontCode: shop.b2c.code, sku: `${shop.sku.std}-A`, amount: '3.00' },
        { storefrontCode: shop.b2b.code, sku: `${shop.sku.std}-H`, amount: '3.00' },
      ]);
      await fx.root.ok(
        `mutation($w: String!, $l: [StockLevelInput!]!) { pushStockLevels(warehouseCode: $w, levels: $l) { applied } }`,
        {
          w: shop.w1,
          l: [`${shop.sku.std}-A`, `${shop.sku.std}-H`].map((sku) => ({ sku, onHand: 100, sequence: '1' })),
        },
      );
      // Another brand sells the same catalog products (std and zero) on a shop of its own.
      other = await openShop(fx, { stock: 100 });
      await publish(fx.root, other.b2c.code, [`${slug}-std`, `${slug}-zero`]);
      await setPrices(fx.root, [
        { storefrontCode: other.b2c.code, sku: shop.sku.std, amount: '1.00' },
        { storefrontCode: other.b2c.code, sku: shop.sku.zero, amount: '1.00' },
      ]);
      await fx.root.ok(
        `mutation($w: String!, $l: [StockLevelInput!]!) { pushStockLevels(warehouseCode: $w, levels: $l) { applied } }`,
        {
          w: other.w1,
          l: [shop.sku.std, shop.sku.zero].map((sku) => ({ sku, onHand: 100, sequence: '2' })),
        },
      );
    });

    it('is empty before any order (cold start)', async () => {
      expect(await also(shop.b2c, `${slug}-std`)).toEqual([]);
    });

    it('ranks by orders together, then slug; only products shown on the asking storefront, only the brand’s orders', async () => {
      await paidOrder(shop.b2c, [
        [shop.sku.std, 1],
        [shop.sku.red, 1],
        [shop.sku.zero, 1],
      ]);
      await paidOrder(shop.b2c, [
        [shop.sku.std, 2],
        [shop.sku.red, 1],
      ]);
      await paidOrder(shop.b2c, [
        [shop.sku.std, 1],
        [`${shop.sku.std}-A`, 1],
      ]);
      // Unpaid: does not count (std + zero would put zero level with red).
      await placeOrder(shop.b2c, [
        [shop.sku.std, 1],
        [shop.sku.zero, 1],
      ]);
      // A B2B order (confirmed on account at once) with the product the B2C shop does not show.
      vies.set('NL123456782B01', { kind: 'VALID', name: 'BUYER' });
      const buyer = await customer(shop.b2b, b2bInput('NL123456782B01'));
      await placeOrder(buyer.sf, [
        [shop.sku.std, 1],
        [`${shop.sku.std}-H`, 1],
      ]);
      // The other brand: std with zero, three times — not this brand's ranking.
      for (let i = 0; i < 3; i++) {
        await pay(
          fx.root,
          await placeOrder(other.b2c, [
            [shop.sku.std, 1],
            [shop.sku.zero, 1],
          ]),
        );
      }
      await settled();
      const expected = [`${slug}-red`, `${slug}-a`, `${slug}-zero`];
      await waitUntil(
        () => also(shop.b2c, `${slug}-std`),
        (v) => JSON.stringify(v) === JSON.stringify(expected),
      );
      expect(await also(shop.b2c, `${slug}-std`, 2)).toEqual(expected.slice(0, 2));
      // The B2B shop shows `hidden` and not `a`.
      expect(await also(shop.b2b, `${slug}-std`)).toEqual([`${slug}-red`, `${slug}-hidden`, `${slug}-zero`]);
      // Symmetric, and never itself.
      expect(await also(shop.b2c, `${slug}-red`)).toEqual([`${slug}-std`, `${slug}-zero`]);
      // The other brand sees its own orders only.
      await waitUntil(
        () => also(other.b2c, `${slug}-std`),
        (v) => v.length > 0,
      );
      expect(await also(other.b2c, `${slug}-std`)).toEqual([`${slug}-zero`]);
      // A whole page asks in one statement (plus the products' presentation), not one per product; then it is cached.
      // Each request under its own operation name: a new text misses the whole-response cache (which would answer
      // without SQL) while the read cache below it is shared.
      let n = 0;
      const counted = async (q: string) => {
        const res = await shop.b2c.client.raw(q.replace(/^query /, `query Count${(n += 1)} `));
        expect(res.errors).toBeUndefined();
        return (res as any).extensions.sqlStatements as number;
      };
      await counted(PAGE); // warms the page (kept in the read cache from its second request on)
      await counted(PAGE);
      // Each compared request right after the storefront token's resolution is renewed: its one-second cache must not
      // expire (one more statement) between the requests compared.
      await warmStorefrontToken(shop.b2c.client);
      const without = await counted(PAGE);
      await warmStorefrontToken(shop.b2c.client);
      const withAlso = await counted(PAGE_ALSO);
      expect(withAlso - without).toBeGreaterThan(0);
      expect(withAlso - without).toBeLessThanOrEqual(2);
      await warmStorefrontToken(shop.b2c.client);
      expect(await counted(PAGE_ALSO)).toBe(without);
    });

    it('follows unpublishing, cancellation; anonymised orders still count', async () => {
      await fx.root.ok(`mutation($c: String!, $s: [String!]!) { unpublishProducts(storefrontCode: $c, slugs: $s) }`, {
        c: shop.b2c.code,
        s: [`${slug}-a`],
      });
      await waitUntil(
        () => also(shop.b2c, `${slug}-std`),
        (v) => !v.includes(`${slug}-a`),
      );
      expect(await also(shop.b2c, `${slug}-std`)).toEqual([`${slug}-red`, `${slug}-zero`]);
      // A counted order cancelled: its pairs go again.
      const order = await paidOrder(shop.b2c, [
        [shop.sku.red, 1],
        [shop.sku.zero, 1],
      ]);
      await settled();
      await waitUntil(
        () => also(shop.b2c, `${slug}-zero`),
        (v) => v[0] === `${slug}-red`,
      );
      await ops.ok(CANCEL, { n: order.number, r: 'changed mind' });
      await settled();
      await waitUntil(
        () => also(shop.b2c, `${slug}-zero`),
        (v) => v[0] === `${slug}-red` && v.length === 2,
      );
      const [pair] = await app.db.query<{ orders: number }>(
        `SELECT pp.orders FROM product_pair pp JOIN product a ON a.id = pp.product_id JOIN product b ON b.id = pp.other_id
          WHERE a.slug = $1 AND b.slug = $2`,
        [`${slug}-zero`, `${slug}-red`],
      );
      expect(pair.orders).toBe(1);
      // An erased customer's orders keep counting (no personal data in a pair).
      const c = await customer(shop.b2c, b2cInput());
      const cart = await placeOrder(c.sf, [
        [shop.sku.red, 1],
        [shop.sku.zero, 1],
      ]);
      await pay(ops, cart);
      await settled();
      await c.sf.client.ok(`mutation($p: String!) { deleteMyAccount(password: $p) }`, { p: PASSWORD });
      const [after] = await app.db.query<{ orders: number }>(
        `SELECT pp.orders FROM product_pair pp JOIN product a ON a.id = pp.product_id JOIN product b ON b.id = pp.other_id
          WHERE a.slug = $1 AND b.slug = $2`,
        [`${slug}-zero`, `${slug}-red`],
      );
      expect(after.orders).toBe(2);
    });

    it('refuses first outside 1..20', async () => {
      for (const f of [0, 21]) expect(await shop.b2c.client.code(ALSO, { s: `${slug}-std`, f })).toBe('BAD_USER_INPUT');
    });
  });

  describe('buy again', () => {
    it("lists a B2B company's most ordered variants as the buyer sees them; guests are UNAUTHENTICATED", async () => {
      vies.set('NL820646660B01', { kind: 'VALID', name: 'REORDER BV' });
      const buyer = await customer(shop.b2b, b2bInput('NL820646660B01'));
      expect((await buyer.sf.client.ok(BUY_AGAIN)).myFrequentlyOrdered).toEqual([]);
      const first = await placeOrder(buyer.sf, [
        [shop.sku.std, 2],
        [shop.sku.red, 1],
      ]);
      await placeOrder(buyer.sf, [
        [shop.sku.std, 5],
        [shop.sku.zero, 3],
      ]);
      await placeOrder(buyer.sf, [[shop.sku.zero, 4]]);
      await settled();
      const items = (await buyer.sf.client.ok(BUY_AGAIN)).myFrequentlyOrdered;
      // std and zero twice each (zero ordered last, so first), then red once.
      expect(items.map((i: any) => [i.sku, i.timesOrdered, i.totalQuantity, i.lastQuantity])).toEqual([
        [shop.sku.zero, 2, 7, 4],
        [shop.sku.std, 2, 7, 5],
        [shop.sku.red, 1, 1, 1],
      ]);
      expect(items[0].variant).toEqual({ sku: shop.sku.zero, price: { amount: '5.00' } });
      // Kept for the company (every buyer of it shares the list), not for the person.
      const owners = await app.db.query(
        `SELECT company_id IS NOT NULL AS company, customer_id FROM buyer_item WHERE sku = $1 AND company_id IS NOT NULL`,
        [shop.sku.zero],
      );
      expect(owners).toEqual([{ company: true, customer_id: null }]);
      expect(items[0].lastOrderedAt).toEqual(expect.any(String));
      expect((await buyer.sf.client.ok(BUY_AGAIN, { f: 1 })).myFrequentlyOrdered).toHaveLength(1);
      expect(await buyer.sf.client.code(BUY_AGAIN, { f: 0 })).toBe('BAD_USER_INPUT');
      expect(await shop.b2b.client.code(BUY_AGAIN)).toBe('UNAUTHENTICATED');
      // Cancelled: out of the list again (red was only in that order).
      await ops.ok(CANCEL, { n: first.number, r: 'duplicate' });
      await settled();
      const left = (await buyer.sf.client.ok(BUY_AGAIN)).myFrequentlyOrdered;
      expect(left.map((i: any) => [i.sku, i.timesOrdered, i.totalQuantity, i.lastQuantity])).toEqual([
        [shop.sku.zero, 2, 7, 4],
        [shop.sku.std, 1, 5, 5],
      ]);
      // No longer sold here: the item stays, without a variant.
      await fx.root.ok(`mutation($c: String!, $s: [String!]!) { unpublishProducts(storefrontCode: $c, slugs: $s) }`, {
        c: shop.b2b.code,
        s: [`${slug}-zero`],
      });
      await waitUntil(
        async () => (await buyer.sf.client.ok(BUY_AGAIN)).myFrequentlyOrdered[0].variant,
        (v) => v === null,
      );
      await publish(fx.root, shop.b2b.code, [`${slug}-zero`]);
    });

    it("a B2C customer's own orders", async () => {
      const c = await customer(shop.b2c, b2cInput());
      await paidOrder(c.sf, [[shop.sku.red, 2]]);
      await settled();
      const items = (await c.sf.client.ok(BUY_AGAIN)).myFrequentlyOrdered;
      expect(items).toEqual([
        expect.objectContaining({
          sku: shop.sku.red,
          timesOrdered: 1,
          totalQuantity: 2,
          lastQuantity: 2,
          variant: expect.anything(),
        }),
      ]);
    });
  });

  describe('segments', () => {
    let hook: string;
    let consenting: Awaited<ReturnType<typeof customer>>;
    let silent: Awaited<ReturnType<typeof customer>>;

    const segmentOf = async (id: string) => (await fx.root.ok(CUSTOMER, { id })).customer.segment as string;
    const reaches = (id: string, segment: string) =>
      waitUntil(
        () => segmentOf(id),
        (s) => s === segment,
        15000,
      ).then((s) => expect(s).toBe(segment));
    /** Moves the customer's orders (and their statistics) `days` into the past: time passing, without waiting. */
    const backdate = async (id: string, days: number) => {
      await app.db.query(`UPDATE sales_order SET placed_at = placed_at - make_interval(days => $2) WHERE customer_id = $1`, [
        id,
        days,
      ]);
      await app.db.query(
        `UPDATE customer SET first_ordered_at = first_ordered_at - make_interval(days => $2),
                             last_ordered_at = last_ordered_at - make_interval(days => $2) WHERE id = $1`,
        [id, days],
      );
    };
    const changesOf = (id: string) =>
      rx
        .at('/segments')
        .filter((r) => r.json.data.customerId === id)
        .map((r) => `${r.json.data.from}>${r.json.data.to}`);

    beforeAll(async () => {
      hook = (
        await fx.root.ok(CREATE_WEBHOOK, {
          i: { url: rx.url('/segments'), events: ['customer.segment_changed'], brandCode: shop.brandCode },
        })
      ).createWebhook.webhook.id;
      consenting = await customer(
        shop.b2c,
        b2cInput({ consents: [{ purpose: 'NEWSLETTER', granted: true, textVersion: 'v1' }] }),
      );
      silent = await customer(shop.b2c, b2cInput());
    });

    it('walks every transition; the event goes out only with NEWSLETTER consent', async () => {
      expect(hook).toEqual(expect.any(String));
      for (const c of [consenting, silent]) expect(await segmentOf(c.id)).toBe('PROSPECT');
      // An unpaid order is not an order yet.
      const unpaid = await placeOrder(consenting.sf, [[shop.sku.std, 1]]);
      await new Promise((r) => setTimeout(r, 500));
      expect(await segmentOf(consenting.id)).toBe('PROSPECT');
      // PROSPECT → NEW (on the order)
      await pay(ops, unpaid);
      await paidOrder(silent.sf, [[shop.sku.std, 1]]);
      await reaches(consenting.id, 'NEW');
      await reaches(silent.id, 'NEW');
      // NEW → ACTIVE (time: the first order 40 days ago)
      for (const c of [consenting, silent]) await backdate(c.id, 40);
      await reaches(consenting.id, 'ACTIVE');
      await reaches(silent.id, 'ACTIVE');
      // ACTIVE → AT_RISK (70 days without an order, one order: at least 60)
      for (const c of [consenting, silent]) await backdate(c.id, 30);
      await reaches(consenting.id, 'AT_RISK');
      // AT_RISK → ACTIVE (a new order; the usual interval is now 70 days)
      await paidOrder(consenting.sf, [[shop.sku.red, 1]]);
      await reaches(consenting.id, 'ACTIVE');
      // 100 days without an order: more than 60, less than twice the usual 70 → still ACTIVE; 150 → AT_RISK
      await backdate(consenting.id, 100);
      await new Promise((r) => setTimeout(r, 800)); // several daily passes
      expect(await segmentOf(consenting.id)).toBe('ACTIVE');
      await backdate(consenting.id, 50);
      await reaches(consenting.id, 'AT_RISK');
      // AT_RISK → LAPSED (370 days)
      await backdate(consenting.id, 220);
      await reaches(consenting.id, 'LAPSED');
      // LAPSED → ACTIVE (ordering again; first order long ago, so not NEW)
      await paidOrder(consenting.sf, [[shop.sku.zero, 1]]);
      await reaches(consenting.id, 'ACTIVE');

      const expected = WALK;
      await rx.waitFor(() => changesOf(consenting.id).length >= expected.length, 10000);
      expect(changesOf(consenting.id)).toEqual(expected);
      const last = rx
        .at('/segments')
        .filter((r) => r.json.data.customerId === consenting.id)
        .pop()!;
      expect(last.json.data).toEqual({
        customerId: consenting.id,
        brandCode: shop.brandCode,
        audience: 'B2C',
        from: 'LAPSED',
        to: 'ACTIVE',
        at: expect.any(String),
      });
      // Without consent nothing leaves the platform, though the segment changed (and is kept in the history).
      expect(await segmentOf(silent.id)).toBe('AT_RISK');
      expect(changesOf(silent.id)).toEqual([]);
      expect(
        await app.db.query(`SELECT 1 FROM outbox_event WHERE type = 'customer.segment_changed' AND aggregate_id = $1`, [
          silent.id,
        ]),
      ).toEqual([]);
      const [{ n }] = await app.db.query<{ n: string }>(
        `SELECT count(*) AS n FROM customer_segment_history WHERE customer_id = $1`,
        [silent.id],
      );
      expect(n).toBe('3');
    });

    it('ACTIVE → LAPSED directly when the usual interval is long; NEW → AT_RISK with one old order', async () => {
      const c = await customer(shop.b2c, b2cInput());
      await paidOrder(c.sf, [[shop.sku.std, 1]]);
      await reaches(c.id, 'NEW');
      await backdate(c.id, 300); // one order 300 days ago: more than the 60-day minimum
      await reaches(c.id, 'AT_RISK');
      await paidOrder(c.sf, [[shop.sku.std, 1]]); // ordering every 300 days: at risk only after 600
      await reaches(c.id, 'ACTIVE');
      await backdate(c.id, 365);
      await reaches(c.id, 'LAPSED');
      const history = await app.db.query<{ t: string }>(
        `SELECT from_segment || '>' || to_segment AS t FROM customer_segment_history WHERE customer_id = $1 ORDER BY id`,
        [c.id],
      );
      expect(history.map((h) => h.t)).toEqual(['PROSPECT>NEW', 'NEW>AT_RISK', 'AT_RISK>ACTIVE', 'ACTIVE>LAPSED']);
    });

    it('a cancelled only order makes the customer a PROSPECT again', async () => {
      const c = await customer(shop.b2c, b2cInput());
      const order = await paidOrder(c.sf, [[shop.sku.std, 1]]);
      await reaches(c.id, 'NEW');
      await ops.ok(CANCEL, { n: order.number, r: 'returned' });
      await reaches(c.id, 'PROSPECT');
    });

    it('uses the thresholds of the storefront the customer registered at; refuses thresholds that do not fit', async () => {
      const c = await customer(shop.b2c, b2cInput());
      await paidOrder(c.sf, [[shop.sku.std, 1]]);
      await reaches(c.id, 'NEW');
      await backdate(c.id, 15);
      await new Promise((r) => setTimeout(r, 800));
      expect(await segmentOf(c.id)).toBe('NEW');
      expect((await fx.root.ok(UPDATE_SF, { c: shop.b2c.code, i: { segmentNewDays: 10 } })).updateStorefront).toEqual({
        segmentNewDays: 10,
        segmentAtRiskMinDays: 60,
        segmentLapsedDays: 365,
      });
      await reaches(c.id, 'ACTIVE');
      // The worker's clock of its daily pass moves on its own.
      const snapshot = async () => ({ ...(await app.db.snapshot()), insights_state: '' });
      const before = await snapshot();
      const bad = await fx.root.raw(UPDATE_SF, { c: shop.b2c.code, i: { segmentAtRiskMinDays: 400 } });
      expect(bad.errors?.[0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        fieldErrors: [{ path: 'segmentAtRiskMinDays', message: 'must be below the lapsed days' }],
      });
      expect(await fx.root.code(UPDATE_SF, { c: shop.b2c.code, i: { segmentLapsedDays: 0 } })).toBe('BAD_USER_INPUT');
      expect(await snapshot()).toEqual(before);
      await fx.root.ok(UPDATE_SF, { c: shop.b2c.code, i: { segmentNewDays: 30 } });
      await reaches(c.id, 'NEW'); // back under the default: 15 days is new again
    });

    it('admin: filter by segment, counts per segment, brand-scoped', async () => {
      const list = (await fx.root.ok(CUSTOMERS, { b: shop.brandCode, s: 'LAPSED' })).customers;
      expect(list.edges.map((e: any) => e.node.segment)).toEqual(list.edges.map(() => 'LAPSED'));
      const counts = (await fx.root.ok(COUNTS, { b: shop.brandCode })).customerSegmentCounts as {
        segment: string;
        count: number;
      }[];
      expect(counts.map((c) => c.segment)).toEqual(['PROSPECT', 'NEW', 'ACTIVE', 'AT_RISK', 'LAPSED']);
      for (const c of counts) {
        const n = (await fx.root.ok(CUSTOMERS, { b: shop.brandCode, s: c.segment })).customers.totalCount;
        expect(n).toBe(c.count);
      }
      expect(counts.find((c) => c.segment === 'AT_RISK')!.count).toBeGreaterThanOrEqual(1);
      const stranger = await fx.brandAdmin([await fx.brand(uniqueCode('else'))]);
      expect(await stranger.code(COUNTS, { b: shop.brandCode })).toBe('NOT_FOUND');
      expect(await stranger.code(CUSTOMERS, { b: shop.brandCode, s: 'NEW' })).toBe('NOT_FOUND');
      expect(((await stranger.ok(COUNTS, {})).customerSegmentCounts as { count: number }[]).every((c) => c.count === 0)).toBe(
        true,
      );
    });

    it('GDPR: the export has the segment and its history; erasure removes the history and resets the segment', async () => {
      const data = (await consenting.sf.client.ok(`mutation { exportMyData }`)).exportMyData;
      expect(data.segment).toEqual({ current: 'ACTIVE', since: expect.any(String), history: expect.any(Array) });
      expect(data.segment.history.map((h: any) => `${h.from}>${h.to}`)).toEqual(WALK);
      await consenting.sf.client.ok(`mutation($p: String!) { deleteMyAccount(password: $p) }`, { p: PASSWORD });
      expect(await app.db.query(`SELECT 1 FROM customer_segment_history WHERE customer_id = $1`, [consenting.id])).toEqual([]);
      const [row] = await app.db.query(`SELECT segment, orders_counted FROM customer WHERE id = $1`, [consenting.id]);
      expect(row).toEqual({ segment: 'PROSPECT', orders_counted: 0 });
      await new Promise((r) => setTimeout(r, 500)); // daily passes leave the erased alone
      expect((await app.db.query(`SELECT segment FROM customer WHERE id = $1`, [consenting.id]))[0].segment).toBe('PROSPECT');
    });
  });

  it('the database computes segments as libs/insights does', async () => {
    const t: SegmentThresholds = { newDays: 30, atRiskMinDays: 60, lapsedDays: 365 };
    const now = new Date('2026-06-01T12:00:00Z');
    const day = 86_400_000;
    const cases: { orders: number; first: number; last: number }[] = [];
    for (const orders of [0, 1, 2, 5])
      for (const first of [0, 10, 30, 31, 100, 400, 1000])
        for (const gap of [0, 10, 29, 59, 60, 61, 100, 364, 365])
          if (gap <= first) cases.push({ orders, first, last: first - gap });
    const rows = await app.db.query<{ s: string }>(
      `SELECT customer_segment(c.orders, $2::timestamptz - make_interval(days => c.first), $2::timestamptz - make_interval(days => c.last),
                               $2::timestamptz, 30, 60, 365) AS s
         FROM unnest($1::int[], $3::int[], $4::int[]) WITH ORDINALITY AS c(orders, first, last, i) ORDER BY c.i`,
      [cases.map((c) => c.orders), now.toISOString(), cases.map((c) => c.first), cases.map((c) => c.last)],
    );
    expect(rows.map((r) => r.s)).toEqual(
      cases.map((c) =>
        classifySegment(
          { orders: c.orders, firstAt: new Date(now.getTime() - c.first * day), lastAt: new Date(now.getTime() - c.last * day) },
          now,
          t,
        ),
      ),
    );
  });
});
