import { TestApp } from '../../support/app';
import { storefrontClient } from '../../support/clients';
import { b2bInput, b2cInput, LOGIN, login, PASSWORD, register, waitUntil } from '../../support/customer-fixtures';
import { FakeVies } from '../../support/fake-vies.server';
import { Fixtures, type StorefrontFixture } from '../../support/fixtures';
import {
  ADD,
  BE_ADDRESS,
  CREATE_CART,
  DETAILS,
  GET_CART,
  guestCart,
  MERGE,
  NL_ADDRESS,
  openShop,
  ORDER,
  PLACE,
  type Shop,
} from '../../support/order-fixtures';

const MY_ORDERS = `query($f: Int!, $a: String) { myOrders(first: $f, after: $a) { totalCount pageInfo { hasNextPage endCursor } edges { node { number placedAt } } } }`;
const MY_ORDER = `query($n: String!) { myOrder(number: $n) ${ORDER} }`;
const REGISTER_FROM_ORDER = `mutation($n: String!, $t: String!, $p: String!) {
  registerFromOrder(orderNumber: $n, token: $t, password: $p) { accessToken refreshToken expiresIn customer { id email firstName lastName phone status } } }`;
const ME_ADDRESSES = `{ me { email firstName lastName phone addresses { fullName street houseNumber postalCode city country defaultShipping defaultBilling } } }`;
const SELLER_VAT = 'NL004495445B01';

describe('orders and accounts', () => {
  let app: TestApp;
  let vies: FakeVies;
  let fx: Fixtures;
  let shop: Shop;

  /** A registered, logged-in customer of a storefront with a client bearing their session. */
  async function customer(sf: StorefrontFixture, input: Record<string, unknown> = b2cInput()) {
    const c = await register(sf.client, input);
    const s = await login(sf.client, c.email as string);
    return { id: c.id as string, email: c.email as string, client: storefrontClient(app, sf.token, s.accessToken) };
  }

  /** A logged-in customer's order on the B2C storefront (their own cart, shipping to NL). */
  async function orderAs(
    client: ReturnType<typeof storefrontClient>,
    lines: [string, number][],
    details: Record<string, unknown> = {},
  ) {
    const cart = (await client.ok(CREATE_CART)).createCart.id as string;
    for (const [s, q] of lines) await client.ok(ADD, { c: cart, s, q });
    await client.ok(DETAILS, { c: cart, i: { shippingAddress: NL_ADDRESS, shippingMethodCode: 'standard', ...details } });
    return (await client.ok(PLACE, { c: cart })).placeOrder;
  }

  async function accountToken(orderId: string): Promise<string> {
    const [row] = await app.db.query<{ t: string }>(
      `SELECT payload->>'accountToken' AS t FROM outbox_event WHERE type = 'order.placed' AND aggregate_id = $1`,
      [orderId],
    );
    return row.t;
  }

  beforeAll(async () => {
    vies = await FakeVies.start();
    app = await TestApp.start({
      env: { VIES_URL: vies.url, VIES_TIMEOUT_MS: '800', JOB_POLL_MS: '100', CART_ABANDONED_AFTER_MS: '1500' },
    });
    fx = await Fixtures.create(app);
    shop = await openShop(fx);
  });
  afterAll(async () => {
    await app?.close();
    await vies?.stop();
  });

  it('merges an anonymous cart into mine at login: quantities add up, the source cart is gone', async () => {
    const me = await customer(shop.b2c);
    const mine = (await me.client.ok(CREATE_CART)).createCart.id;
    await me.client.ok(ADD, { c: mine, s: shop.sku.std, q: 1 });
    const anon = (await shop.b2c.client.ok(CREATE_CART)).createCart.id;
    await shop.b2c.client.ok(ADD, { c: anon, s: shop.sku.std, q: 2 });
    await shop.b2c.client.ok(ADD, { c: anon, s: shop.sku.red, q: 1 });
    const merged = (await me.client.ok(MERGE, { c: anon })).mergeCart;
    expect(merged.id).toBe(mine);
    expect(merged.lines.map((l: { sku: string; quantity: number }) => [l.sku, l.quantity])).toEqual([
      [shop.sku.std, 3],
      [shop.sku.red, 1],
    ]);
    expect((await shop.b2c.client.ok(GET_CART, { id: anon })).cart).toBeNull();
    expect(await me.client.code(MERGE, { c: anon })).toBe('NOT_FOUND');

    const other = await customer(shop.b2c);
    const theirs = (await other.client.ok(CREATE_CART)).createCart.id;
    await other.client.ok(ADD, { c: theirs, s: shop.sku.zero, q: 1 });
    const before = await app.db.snapshot();
    expect(await me.client.code(MERGE, { c: theirs })).toBe('NOT_FOUND');
    expect(await shop.b2c.client.code(MERGE, { c: theirs })).toBe('UNAUTHENTICATED');
    expect(await app.db.snapshot()).toEqual(before);
  });

  it('lists my orders newest first with paging; another customer’s order is null', async () => {
    const me = await customer(shop.b2c);
    const numbers: string[] = [];
    for (let i = 0; i < 3; i++) numbers.push((await orderAs(me.client, [[shop.sku.zero, 1]])).number);
    const page1 = (await me.client.ok(MY_ORDERS, { f: 2 })).myOrders;
    expect(page1.totalCount).toBe(3);
    expect(page1.edges.map((e: { node: { number: string } }) => e.node.number)).toEqual([numbers[2], numbers[1]]);
    expect(page1.pageInfo.hasNextPage).toBe(true);
    const page2 = (await me.client.ok(MY_ORDERS, { f: 2, a: page1.pageInfo.endCursor })).myOrders;
    expect(page2.edges.map((e: { node: { number: string } }) => e.node.number)).toEqual([numbers[0]]);
    expect(page2.pageInfo.hasNextPage).toBe(false);
    expect((await me.client.ok(MY_ORDER, { n: numbers[0] })).myOrder.number).toBe(numbers[0]);

    const other = await customer(shop.b2c);
    expect((await other.client.ok(MY_ORDER, { n: numbers[0] })).myOrder).toBeNull();
    expect((await other.client.ok(MY_ORDERS, { f: 10 })).myOrders.totalCount).toBe(0);
    expect(await shop.b2c.client.code(MY_ORDERS, { f: 10 })).toBe('UNAUTHENTICATED');
  });

  it('turns a guest order into an account with the order’s details (single-use token)', async () => {
    const email = `guest.${Date.now()}@example.nl`;
    const cart = await guestCart(shop.b2c, [[shop.sku.std, 1]], {
      email,
      firstName: 'Gijs',
      lastName: 'Gast',
      phone: '0612345678',
      billingAddress: BE_ADDRESS,
    });
    const order = (await shop.b2c.client.ok(PLACE, { c: cart })).placeOrder;
    expect(order.customerId).toBeNull();
    const token = await accountToken(order.id);
    expect(token).toMatch(/^acct_/);

    const otherSf = await fx.storefront({ brandCode: shop.brandCode, audience: 'B2C', warehouseCodes: [shop.w1] });
    const before = await app.db.snapshot();
    const vars = { n: order.number, t: token, p: PASSWORD };
    expect(await shop.b2c.client.code(REGISTER_FROM_ORDER, { ...vars, t: 'acct_wrong' })).toBe('NOT_FOUND');
    expect(await shop.b2c.client.code(REGISTER_FROM_ORDER, { ...vars, n: `${shop.brandPrefix}-999999` })).toBe('NOT_FOUND');
    expect(await otherSf.client.code(REGISTER_FROM_ORDER, vars)).toBe('NOT_FOUND');
    expect(await shop.b2b.client.code(REGISTER_FROM_ORDER, vars)).toBe('BAD_USER_INPUT');
    expect(await shop.b2c.client.code(REGISTER_FROM_ORDER, { ...vars, p: 'short' })).toBe('BAD_USER_INPUT');
    expect(await app.db.snapshot()).toEqual(before);

    const auth = (await shop.b2c.client.ok(REGISTER_FROM_ORDER, vars)).registerFromOrder;
    expect(auth.customer).toMatchObject({ email, firstName: 'Gijs', lastName: 'Gast', phone: '+31612345678', status: 'ACTIVE' });
    const client = storefrontClient(app, shop.b2c.token, auth.accessToken);
    const me = (await client.ok(ME_ADDRESSES)).me;
    expect(me.addresses).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ street: 'Kerkstraat', postalCode: '1017 GC', defaultShipping: true, defaultBilling: false }),
        expect.objectContaining({ street: 'Grote Markt', country: 'BE', defaultShipping: false, defaultBilling: true }),
      ]),
    );
    expect(me.addresses).toHaveLength(2);
    const mine = (await client.ok(MY_ORDERS, { f: 10 })).myOrders;
    expect(mine.edges.map((e: { node: { number: string } }) => e.node.number)).toEqual([order.number]);
    expect(await shop.b2c.client.code(REGISTER_FROM_ORDER, vars)).toBe('NOT_FOUND');
    const [event] = await app.db.query(
      `SELECT payload FROM outbox_event WHERE type = 'customer.registered' AND aggregate_id = $1`,
      [auth.customer.id],
    );
    expect(event.payload).toMatchObject({ email, storefrontCode: shop.b2c.code, status: 'ACTIVE' });
    // The account logs in like any other.
    expect((await login(shop.b2c.client, email)).customer.id).toBe(auth.customer.id);
  });

  it('an e-mail with an account: EMAIL_ALREADY_REGISTERED, and the order joins that account at its next login', async () => {
    const known = await customer(shop.b2c);
    const cart = await guestCart(shop.b2c, [[shop.sku.zero, 1]], { email: known.email });
    const order = (await shop.b2c.client.ok(PLACE, { c: cart })).placeOrder;
    const token = await accountToken(order.id);
    const customersBefore = (await app.db.query(`SELECT count(*)::int AS n FROM customer`))[0].n;
    const res = await shop.b2c.client.raw(REGISTER_FROM_ORDER, { n: order.number, t: token, p: PASSWORD });
    expect(res.errors?.[0].extensions?.code).toBe('EMAIL_ALREADY_REGISTERED');
    expect(res.errors?.[0].message).toMatch(/log in/);
    expect((await app.db.query(`SELECT count(*)::int AS n FROM customer`))[0].n).toBe(customersBefore);
    expect(await shop.b2c.client.code(REGISTER_FROM_ORDER, { n: order.number, t: token, p: PASSWORD })).toBe('NOT_FOUND');
    // The current session does not see it yet; the next login links it, once.
    expect((await known.client.ok(MY_ORDERS, { f: 10 })).myOrders.totalCount).toBe(0);
    const s = await login(shop.b2c.client, known.email);
    const client = storefrontClient(app, shop.b2c.token, s.accessToken);
    const mine = (await client.ok(MY_ORDERS, { f: 10 })).myOrders;
    expect(mine.edges.map((e: { node: { number: string } }) => e.node.number)).toEqual([order.number]);
    await login(shop.b2c.client, known.email);
    expect((await client.ok(MY_ORDERS, { f: 10 })).myOrders.totalCount).toBe(1);
    expect((await client.ok(MY_ORDER, { n: order.number })).myOrder.customerId).toBe(known.id);
  });

  describe('B2B checkout', () => {
    async function buyer(vat: string, company: Record<string, unknown>) {
      vies.set(vat, { kind: 'VALID', name: 'BUYER' });
      const c = await customer(shop.b2b, b2bInput(vat, {}, company));
      return c;
    }

    async function b2bOrder(client: ReturnType<typeof storefrontClient>, po: string | null) {
      const cart = (await client.ok(CREATE_CART)).createCart.id;
      await client.ok(ADD, { c: cart, s: shop.sku.std, q: 2 });
      await client.ok(DETAILS, { c: cart, i: { shippingMethodCode: 'standard', ...(po ? { purchaseOrderNumber: po } : {}) } });
      return (await client.ok(PLACE, { c: cart })).placeOrder;
    }

    it('a verified BE buyer: reverse charge, no VAT, note with both numbers, CONFIRMED, due in 30 days, PO number', async () => {
      const be = await buyer('BE0411905847', {
        name: 'Belgische Klant NV',
        country: 'BE',
        kvkNumber: null,
        address: { street: 'Grote Markt', houseNumber: '1', postalCode: '1000', city: 'Brussel', country: 'BE' },
      });
      const order = await b2bOrder(be.client, 'PO-4711');
      expect(order).toMatchObject({
        status: 'CONFIRMED',
        reverseCharge: true,
        purchaseOrderNumber: 'PO-4711',
        vatNumber: 'BE0411905847',
        companyName: 'Belgische Klant NV',
        pricesIncludeTax: false,
      });
      expect(order.reverseChargeNote).toContain('BE0411905847');
      expect(order.reverseChargeNote).toContain(SELLER_VAT);
      expect(order.totals.tax.amount).toBe('0.00');
      for (const l of order.lines) expect(l.lineTax.amount).toBe('0.00');
      for (const t of order.totals.taxLines) expect(t.tax.amount).toBe('0.00');
      // Goods 20.00 net + shipping 4.09 net, nothing added.
      expect(order.totals.totalGross.amount).toBe('24.09');
      expect(Date.parse(order.paymentDueAt) - Date.parse(order.placedAt)).toBe(30 * 24 * 3600 * 1000);
    });

    it('a NL buyer pays 21 % VAT', async () => {
      const nl = await buyer('NL123456782B01', {});
      const order = await b2bOrder(nl.client, null);
      expect(order.reverseCharge).toBe(false);
      expect(order.reverseChargeNote).toBeNull();
      expect(order.totals.taxLines.map((t: { rate: string }) => t.rate)).toEqual(['21']);
      // 20.00 × 21 % = 4.20, shipping 4.09 × 21 % = 0.86.
      expect(order.totals.tax.amount).toBe('5.06');
      expect(order.status).toBe('CONFIRMED');
    });

    it('a buyer awaiting approval cannot order: ACCOUNT_NOT_ACTIVE', async () => {
      await fx.root.ok(`mutation($c: String!) { updateStorefront(code: $c, input: { approvalPolicy: MANUAL }) { code } }`, {
        c: shop.b2b.code,
      });
      try {
        vies.set('BE0428759497', { kind: 'VALID' });
        const input = b2bInput(
          'BE0428759497',
          {},
          {
            country: 'BE',
            kvkNumber: null,
            address: { street: 'Meir', houseNumber: '2', postalCode: '2000', city: 'Antwerpen', country: 'BE' },
          },
        );
        const c = await register(shop.b2b.client, input);
        expect(c.status).toBe('PENDING_APPROVAL');
        const res = await shop.b2b.client.raw(LOGIN, { e: c.email, p: PASSWORD });
        expect(res.errors?.[0].extensions).toMatchObject({ code: 'ACCOUNT_NOT_ACTIVE', status: 'PENDING_APPROVAL' });
        // Without a session the B2B storefront takes no order at all.
        const cart = (await shop.b2b.client.ok(CREATE_CART)).createCart.id;
        await shop.b2b.client.ok(ADD, { c: cart, s: shop.sku.std, q: 1 });
        expect(await shop.b2b.client.code(PLACE, { c: cart })).toBe('UNAUTHENTICATED');
      } finally {
        await fx.root.ok(
          `mutation($c: String!) { updateStorefront(code: $c, input: { approvalPolicy: AUTOMATIC_WHEN_VERIFIED }) { code } }`,
          { c: shop.b2b.code },
        );
      }
    });
  });

  it('cart.abandoned: once for an idle cart of a consenting customer; none without consent or for anonymous carts', async () => {
    const consenting = await customer(
      shop.b2c,
      b2cInput({ firstName: 'Anna', consents: [{ purpose: 'NEWSLETTER', granted: true, textVersion: 'v1' }] }),
    );
    const silent = await customer(shop.b2c);
    const carts: string[] = [];
    for (const c of [consenting.client, silent.client, shop.b2c.client]) {
      const id = (await c.ok(CREATE_CART)).createCart.id as string;
      await c.ok(ADD, { c: id, s: shop.sku.std, q: 2 });
      carts.push(id);
    }
    const events = () =>
      app.db.query<{ aggregate_id: string; payload: Record<string, unknown> }>(
        `SELECT aggregate_id, payload FROM outbox_event WHERE type = 'cart.abandoned' AND aggregate_id = ANY($1::text[])`,
        [carts],
      );
    await waitUntil(events, (rows) => rows.length > 0, 15000);
    await new Promise((r) => setTimeout(r, 1000)); // more polls: still one
    const rows = await events();
    expect(rows).toHaveLength(1);
    expect(rows[0].aggregate_id).toBe(carts[0]);
    expect(rows[0].payload).toEqual({
      cartId: carts[0],
      customerId: consenting.id,
      email: consenting.email,
      firstName: 'Anna',
      storefrontCode: shop.b2c.code,
      lines: [{ sku: shop.sku.std, name: 'Safety shoe – Size 42', quantity: 2, price: { amount: '12.10', currency: 'EUR' } }],
    });
  });
});
