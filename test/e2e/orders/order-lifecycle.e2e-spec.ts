import { TestApp } from '../../support/app';
import { push, VARIANTS } from '../../support/catalog-fixtures';
import { storefrontClient } from '../../support/clients';
import { b2bInput, b2cInput, login, register, waitUntil } from '../../support/customer-fixtures';
import { FakeVies } from '../../support/fake-vies.server';
import { Fixtures } from '../../support/fixtures';
import {
  ADMIN_ORDER,
  CANCEL,
  CANCEL_MINE,
  eventsOf,
  levels,
  openShop,
  PAY,
  pay,
  placeOrder,
  SHIP,
  type Shop,
  shipment,
} from '../../support/order-fixtures';

const byWarehouse = async (fx: Fixtures, sku: string, wh: string) =>
  (await levels(fx.root, [sku])).find((l) => l.warehouseCode === wh)!;

describe('order lifecycle: payment, shipments, cancellation', () => {
  let app: TestApp;
  let fx: Fixtures;
  let shop: Shop;
  let ops: Fixtures['root'];
  let vies: FakeVies;

  beforeAll(async () => {
    vies = await FakeVies.start();
    app = await TestApp.start({ env: { VIES_URL: vies.url } });
    fx = await Fixtures.create(app);
    shop = await openShop(fx, { stock: 50 });
    ops = (await fx.apiKey(['ORDERS_WRITE'], { brandCodes: [shop.brandCode] })).client;
  });
  afterAll(async () => {
    await app?.close();
    await vies?.stop();
  });

  const available = async (sku: string) =>
    (await shop.b2c.client.ok(VARIANTS, { s: [sku] })).variants[0].availability.quantity as number;

  it('pays, ships part, ships the rest: statuses, shipped quantities, shipments, events', async () => {
    const order = await placeOrder(shop.b2c, [
      [shop.sku.std, 3],
      [shop.sku.red, 1],
    ]);
    expect(order.status).toBe('AWAITING_PAYMENT');
    const paid = await pay(ops, order);
    expect(paid).toMatchObject({
      status: 'CONFIRMED',
      paidAt: expect.any(String),
      payments: [{ provider: 'mollie', reference: `tr_${order.number}`, amount: order.totals.totalGross }],
    });
    const first = (await ops.ok(SHIP, { i: shipment(order, shop.w1, [[shop.sku.std, 2]]) })).createShipment;
    expect(first.status).toBe('PARTIALLY_SHIPPED');
    expect(first.lines.map((l: { shippedQuantity: number }) => l.shippedQuantity)).toEqual([2, 0]);
    expect(first.shipments).toEqual([
      expect.objectContaining({
        carrier: 'PostNL',
        trackingCode: '3SABCD1234567',
        trackingUrl: 'https://jouw.postnl.nl/track-and-trace/3SABCD1234567',
        lines: [{ sku: shop.sku.std, quantity: 2 }],
      }),
    ]);
    // More than is left of a line, a SKU not in the order: refused, nothing changes.
    expect(await ops.code(SHIP, { i: shipment(order, shop.w1, [[shop.sku.std, 2]]) })).toBe('BAD_USER_INPUT');
    expect(await ops.code(SHIP, { i: shipment(order, shop.w1, [[shop.sku.zero, 1]]) })).toBe('BAD_USER_INPUT');
    const rest = (
      await ops.ok(SHIP, {
        i: shipment(order, shop.w1, [
          [shop.sku.std, 1],
          [shop.sku.red, 1],
        ]),
      })
    ).createShipment;
    expect(rest.status).toBe('SHIPPED');
    expect(rest.lines.map((l: { shippedQuantity: number }) => l.shippedQuantity)).toEqual([3, 1]);
    expect(rest.shipments).toHaveLength(2);
    expect((await fx.root.ok(ADMIN_ORDER, { n: order.number })).order).toEqual(rest);
    // Shipped: no more shipments, no cancellation.
    const res = await ops.raw(SHIP, { i: shipment(order, shop.w1, [[shop.sku.std, 1]]) });
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', status: 'SHIPPED' });
    const cancel = await ops.raw(CANCEL, { n: order.number, r: 'too late' });
    expect(cancel.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', status: 'SHIPPED' });

    const events = await eventsOf(app, order.id);
    expect(events.map((e) => e.type)).toEqual(['order.placed', 'order.paid', 'order.shipped', 'order.shipped']);
    expect(events[1].payload).toMatchObject({
      number: order.number,
      status: 'CONFIRMED',
      payment: { provider: 'mollie', amount: order.totals.totalGross.amount },
    });
    expect(events[2].payload).toMatchObject({
      number: order.number,
      status: 'PARTIALLY_SHIPPED',
      email: 'guest@example.nl',
      firstName: 'Jan',
      lastName: 'Jansen',
      shippingAddress: expect.objectContaining({ city: 'Amsterdam' }),
      shipment: {
        warehouseCode: shop.w1,
        carrier: 'PostNL',
        trackingCode: '3SABCD1234567',
        trackingUrl: 'https://jouw.postnl.nl/track-and-trace/3SABCD1234567',
        lines: [{ sku: shop.sku.std, quantity: 2 }],
      },
    });
    expect(events[3].payload.status).toBe('SHIPPED');
  });

  it('takes only the exact total; a repeated payment answers the same order; a used reference is refused', async () => {
    const order = await placeOrder(shop.b2c, [[shop.sku.zero, 1]]);
    const wrong = await ops.raw(PAY, { i: { orderNumber: order.number, provider: 'mollie', reference: 'tr_w', amount: '1.00' } });
    expect(wrong.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fieldErrors: [expect.objectContaining({ path: 'input.amount' })],
    });
    const paid = await pay(ops, order, 'tr_same');
    const again = await pay(ops, order, 'tr_same');
    expect(again).toEqual(paid);
    expect(again.payments).toHaveLength(1);
    // A second, different payment of a paid order is refused with its status.
    const twice = await ops.raw(PAY, {
      i: { orderNumber: order.number, provider: 'mollie', reference: 'tr_other', amount: order.totals.totalGross.amount },
    });
    expect(twice.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', status: 'CONFIRMED' });
    // The reference of that payment used for another order.
    const other = await placeOrder(shop.b2c, [[shop.sku.zero, 1]]);
    const used = await ops.raw(PAY, {
      i: { orderNumber: other.number, provider: 'mollie', reference: 'tr_same', amount: other.totals.totalGross.amount },
    });
    expect(used.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fieldErrors: [expect.objectContaining({ path: 'input.reference' })],
    });
    expect((await eventsOf(app, order.id)).filter((e) => e.type === 'order.paid')).toHaveLength(1);
    // A cancelled order takes no payment.
    await ops.ok(CANCEL, { n: other.number, r: 'customer phoned' });
    const late = await pay(ops, other).catch((e: Error) => e.message);
    expect(late).toContain('"status":"CANCELLED"');
  });

  it('pays a B2B order on account without changing its status', async () => {
    const input = b2bInput('NL123456782B01');
    expect((await register(shop.b2b.client, input)).status).toBe('ACTIVE');
    const buyer = storefrontClient(app, shop.b2b.token, (await login(shop.b2b.client, input.email)).accessToken);
    const order = await placeOrder({ ...shop.b2b, client: buyer }, [[shop.sku.std, 1]]);
    expect(order).toMatchObject({ status: 'CONFIRMED', paidAt: null, paymentDueAt: expect.any(String) });
    const paid = await pay(ops, order);
    expect(paid).toMatchObject({ status: 'CONFIRMED', paidAt: expect.any(String) });
    expect(paid.payments).toHaveLength(1);
  });

  it('ships only after payment, and a key limited to warehouses only from its own', async () => {
    const order = await placeOrder(shop.b2c, [[shop.sku.zero, 1]]);
    const early = await ops.raw(SHIP, { i: shipment(order, shop.w1, [[shop.sku.zero, 1]]) });
    expect(early.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', status: 'AWAITING_PAYMENT' });
    await pay(ops, order);
    const w2Key = (await fx.apiKey(['INVENTORY_WRITE', 'ORDERS_WRITE'], { warehouseCodes: [shop.w2] })).client;
    const reader = (await fx.apiKey(['ORDERS_READ'])).client;
    const stranger = await fx.brandAdmin([await fx.brand()]);
    const before = await app.db.snapshot();
    expect(await w2Key.code(SHIP, { i: shipment(order, shop.w1, [[shop.sku.zero, 1]]) })).toBe('FORBIDDEN');
    expect(await w2Key.code(SHIP, { i: shipment(order, 'no-such-wh', [[shop.sku.zero, 1]]) })).toBe('FORBIDDEN');
    // Its own warehouse holds no reservation of this order: the units are not there.
    expect(await w2Key.code(SHIP, { i: shipment(order, shop.w2, [[shop.sku.zero, 1]]) })).toBe('BAD_USER_INPUT');
    // A key without ORDERS_WRITE, an admin of another brand.
    expect(await reader.code(SHIP, { i: shipment(order, shop.w1, [[shop.sku.zero, 1]]) })).toBe('FORBIDDEN');
    expect(await stranger.code(SHIP, { i: shipment(order, shop.w1, [[shop.sku.zero, 1]]) })).toBe('NOT_FOUND');
    expect(await stranger.code(CANCEL, { n: order.number, r: 'x' })).toBe('NOT_FOUND');
    expect(await app.db.snapshot()).toEqual(before);
    const w1Key = (await fx.apiKey(['INVENTORY_WRITE', 'ORDERS_WRITE'], { warehouseCodes: [shop.w1] })).client;
    expect((await w1Key.ok(SHIP, { i: shipment(order, shop.w1, [[shop.sku.zero, 1]]) })).createShipment.status).toBe('SHIPPED');
  });

  it('cancelling releases the stock: levels and storefront availability back', async () => {
    const sku = shop.sku.red;
    const before = await byWarehouse(fx, sku, shop.w1);
    const shown = await available(sku);
    const order = await placeOrder(shop.b2c, [[sku, 4]]);
    expect((await byWarehouse(fx, sku, shop.w1)).reserved).toBe(before.reserved + 4);
    expect(await available(sku)).toBe(shown - 4);
    const cancelled = (await fx.root.ok(CANCEL, { n: order.number, r: '  Out of business  ' })).cancelOrder;
    expect(cancelled).toMatchObject({ status: 'CANCELLED', cancelReason: 'Out of business', cancelledAt: expect.any(String) });
    expect((await byWarehouse(fx, sku, shop.w1)).reserved).toBe(before.reserved);
    expect(
      await waitUntil(
        () => available(sku),
        (n) => n === shown,
      ),
    ).toBe(shown);
    const again = await fx.root.raw(CANCEL, { n: order.number, r: 'again' });
    expect(again.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', status: 'CANCELLED' });
    const [, cancelledEvent] = await eventsOf(app, order.id);
    expect(cancelledEvent).toMatchObject({
      type: 'order.cancelled',
      payload: { reason: 'Out of business', by: 'admin', paidAmount: '0.00', status: 'CANCELLED' },
    });
    // A paid, unshipped order: an admin may cancel it; the event says what was paid.
    const paidOrder = await placeOrder(shop.b2c, [[sku, 1]]);
    await pay(ops, paidOrder);
    await ops.ok(CANCEL, { n: paidOrder.number, r: 'refund requested' });
    const events = await eventsOf(app, paidOrder.id);
    expect(events.at(-1)?.payload).toMatchObject({ by: 'admin', paidAmount: paidOrder.totals.totalGross.amount });
    expect((await byWarehouse(fx, sku, shop.w1)).reserved).toBe(before.reserved);
  });

  it('cancelMyOrder: its own customer only, only while nothing is paid or shipped', async () => {
    const input = b2cInput();
    await register(shop.b2c.client, input);
    const mine = storefrontClient(app, shop.b2c.token, (await login(shop.b2c.client, input.email)).accessToken);
    const other = b2cInput();
    await register(shop.b2c.client, other);
    const theirs = storefrontClient(app, shop.b2c.token, (await login(shop.b2c.client, other.email)).accessToken);
    const order = await placeOrder({ ...shop.b2c, client: mine }, [[shop.sku.std, 2]]);
    const reserved = (await byWarehouse(fx, shop.sku.std, shop.w1)).reserved;

    const before = await app.db.snapshot();
    expect(await theirs.code(CANCEL_MINE, { n: order.number })).toBe('NOT_FOUND');
    expect(await shop.b2c.client.code(CANCEL_MINE, { n: order.number })).toBe('UNAUTHENTICATED');
    expect(await shop.b2b.client.code(CANCEL_MINE, { n: order.number })).toBe('UNAUTHENTICATED');
    expect(await mine.code(CANCEL_MINE, { n: "' OR 1=1 --" })).toBe('NOT_FOUND');
    expect(await mine.code(CANCEL_MINE, { n: 'x'.repeat(5000) })).toBe('NOT_FOUND');
    expect(await app.db.snapshot()).toEqual(before);

    const cancelled = (await mine.ok(CANCEL_MINE, { n: order.number })).cancelMyOrder;
    expect(cancelled.status).toBe('CANCELLED');
    expect((await byWarehouse(fx, shop.sku.std, shop.w1)).reserved).toBe(reserved - 2);
    expect((await eventsOf(app, order.id)).at(-1)?.payload).toMatchObject({ by: 'customer' });

    const paid = await placeOrder({ ...shop.b2c, client: mine }, [[shop.sku.std, 1]]);
    await pay(ops, paid);
    const refused = await mine.raw(CANCEL_MINE, { n: paid.number });
    expect(refused.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', status: 'CONFIRMED' });
  });

  it('refuses every bad input with its code and changes nothing', async () => {
    const order = await placeOrder(shop.b2c, [[shop.sku.zero, 2]]);
    const otherShop = await openShop(fx, { stock: 5 });
    const foreign = await placeOrder(otherShop.b2c, [[otherShop.sku.zero, 1]]);
    const ok = { orderNumber: order.number, provider: 'mollie', reference: 'tr_bad', amount: order.totals.totalGross.amount };
    const before = await app.db.snapshot();
    const payCases: [Record<string, unknown>, string][] = [
      [{ ...ok, amount: '' }, 'BAD_USER_INPUT'],
      [{ ...ok, amount: '-1' }, 'BAD_USER_INPUT'],
      [{ ...ok, amount: '1e3' }, 'BAD_USER_INPUT'],
      [{ ...ok, amount: `${order.totals.totalGross.amount}1` }, 'BAD_USER_INPUT'],
      [{ ...ok, amount: 12.5 }, 'BAD_USER_INPUT'],
      [{ ...ok, amount: '9'.repeat(25) }, 'BAD_USER_INPUT'],
      [{ ...ok, provider: '' }, 'BAD_USER_INPUT'],
      [{ ...ok, provider: '   ' }, 'BAD_USER_INPUT'],
      [{ ...ok, provider: 'p'.repeat(101) }, 'BAD_USER_INPUT'],
      [{ ...ok, reference: 'r'.repeat(201) }, 'BAD_USER_INPUT'],
      [{ ...ok, reference: undefined }, 'BAD_USER_INPUT'],
      [{ ...ok, orderNumber: foreign.number }, 'NOT_FOUND'],
      [{ ...ok, orderNumber: "'; DROP TABLE sales_order; --" }, 'NOT_FOUND'],
      [{ ...ok, orderNumber: 'x'.repeat(81) }, 'BAD_USER_INPUT'],
    ];
    for (const [i, code] of payCases)
      expect([JSON.stringify(i).slice(0, 80), await ops.code(PAY, { i })]).toEqual([JSON.stringify(i).slice(0, 80), code]);
    await pay(ops, order);
    const snapshotPaid = await app.db.snapshot();
    const good = shipment(order, shop.w1, [[shop.sku.zero, 1]]);
    const shipCases: [Record<string, unknown>, string][] = [
      [{ ...good, lines: [] }, 'BAD_USER_INPUT'],
      [{ ...good, lines: [{ sku: shop.sku.zero, quantity: 0 }] }, 'BAD_USER_INPUT'],
      [{ ...good, lines: [{ sku: shop.sku.zero, quantity: 3 }] }, 'BAD_USER_INPUT'],
      [{ ...good, lines: [{ sku: shop.sku.zero, quantity: '1' }] }, 'BAD_USER_INPUT'],
      [
        {
          ...good,
          lines: [
            { sku: shop.sku.zero, quantity: 1 },
            { sku: shop.sku.zero, quantity: 1 },
          ],
        },
        'BAD_USER_INPUT',
      ],
      [{ ...good, lines: [{ sku: "' OR 1=1 --", quantity: 1 }] }, 'BAD_USER_INPUT'],
      [{ ...good, carrier: '' }, 'BAD_USER_INPUT'],
      [{ ...good, carrier: 'c'.repeat(101) }, 'BAD_USER_INPUT'],
      [{ ...good, trackingUrl: 'http://example.com/t' }, 'BAD_USER_INPUT'],
      [{ ...good, trackingUrl: 'javascript:alert(1)' }, 'BAD_USER_INPUT'],
      [{ ...good, trackingUrl: `https://example.com/${'a'.repeat(500)}` }, 'BAD_USER_INPUT'],
      [{ ...good, stockSequence: '-1' }, 'BAD_USER_INPUT'],
      [{ ...good, stockSequence: '99999999999999999999' }, 'BAD_USER_INPUT'],
      [{ ...good, stockSequence: 'abc' }, 'BAD_USER_INPUT'],
      [{ ...good, warehouseCode: 'no-such-wh' }, 'NOT_FOUND'],
      [{ ...good, orderNumber: foreign.number }, 'NOT_FOUND'],
      [{ ...good, orderNumber: "1' OR '1'='1" }, 'NOT_FOUND'],
    ];
    for (const [i, code] of shipCases)
      expect([JSON.stringify(i).slice(0, 120), await ops.code(SHIP, { i })]).toEqual([JSON.stringify(i).slice(0, 120), code]);
    expect(await ops.code(CANCEL, { n: order.number, r: '' })).toBe('BAD_USER_INPUT');
    expect(await ops.code(CANCEL, { n: order.number, r: 'r'.repeat(501) })).toBe('BAD_USER_INPUT');
    expect(await ops.code(CANCEL, { n: foreign.number, r: 'x' })).toBe('NOT_FOUND');
    expect(await ops.code(CANCEL, { n: 42, r: 'x' })).toBe('BAD_USER_INPUT');
    expect(await ops.code(CANCEL, { r: 'x' })).toBe('BAD_USER_INPUT');
    expect(await app.db.snapshot()).toEqual(snapshotPaid);
    expect(snapshotPaid).not.toEqual(before);
  });

  describe('shipments and pushes, in both arrival orders', () => {
    // Each case on its own shop: one SKU with 10 on hand in w1 at sequence 1, an order of 3 paid.
    const setup = async () => {
      const s = await openShop(fx, { stock: 10 });
      const order = await placeOrder(s.b2c, [[s.sku.std, 3]]);
      await pay(fx.root, order);
      const level = () => byWarehouse(fx, s.sku.std, s.w1);
      const shown = async () => (await s.b2c.client.ok(VARIANTS, { s: [s.sku.std] })).variants[0].availability.quantity;
      return { s, order, level, shown };
    };

    it('(a) ship first, then the push with the lower on-hand counts the units out once', async () => {
      const { s, order, level, shown } = await setup();
      await fx.root.ok(SHIP, { i: shipment(order, s.w1, [[s.sku.std, 3]], '5') });
      expect(await level()).toMatchObject({ onHand: 10, reserved: 3 }); // held until counted out
      expect(await shown()).toBe(7);
      expect(await push(s.inventory, s.w1, [{ sku: s.sku.std, onHand: 7, sequence: '5' }])).toMatchObject({ applied: 1 });
      expect(await level()).toMatchObject({ onHand: 7, reserved: 0 });
      expect(await shown()).toBe(7);
      // Later counts never take the units out again.
      await push(s.inventory, s.w1, [{ sku: s.sku.std, onHand: 7, sequence: '6' }]);
      await push(s.inventory, s.w1, [{ sku: s.sku.std, onHand: 7, sequence: '6' }]);
      expect(await level()).toMatchObject({ onHand: 7, reserved: 0 });
      expect(await shown()).toBe(7);
    });

    it('(b) the push first, then the shipment at or before its sequence: released at once', async () => {
      const { s, order, level, shown } = await setup();
      await push(s.inventory, s.w1, [{ sku: s.sku.std, onHand: 7, sequence: '10' }]);
      expect(await level()).toMatchObject({ onHand: 7, reserved: 3 });
      expect(await shown()).toBe(4); // briefly counted twice until the shipment is recorded
      await fx.root.ok(SHIP, { i: shipment(order, s.w1, [[s.sku.std, 2]], '10') });
      expect(await level()).toMatchObject({ onHand: 7, reserved: 1 });
      await fx.root.ok(SHIP, { i: shipment(order, s.w1, [[s.sku.std, 1]], '9') });
      expect(await level()).toMatchObject({ onHand: 7, reserved: 0 });
      expect(await waitUntil(shown, (n) => n === 7)).toBe(7);
      await push(s.inventory, s.w1, [{ sku: s.sku.std, onHand: 7, sequence: '11' }]);
      expect(await level()).toMatchObject({ onHand: 7, reserved: 0 });
    });

    it('(c) a shipment without stockSequence is counted out by the next applied push, never by a stale one', async () => {
      const { s, order, level, shown } = await setup();
      await push(s.inventory, s.w1, [{ sku: s.sku.std, onHand: 10, sequence: '20' }]);
      await fx.root.ok(SHIP, { i: shipment(order, s.w1, [[s.sku.std, 3]]) });
      expect(await level()).toMatchObject({ onHand: 10, reserved: 3 });
      // Stale (lower sequence): not applied, releases nothing.
      expect(await push(s.inventory, s.w1, [{ sku: s.sku.std, onHand: 7, sequence: '15' }])).toMatchObject({ stale: 1 });
      expect(await level()).toMatchObject({ onHand: 10, reserved: 3 });
      expect(await shown()).toBe(7);
      await push(s.inventory, s.w1, [{ sku: s.sku.std, onHand: 7, sequence: '21' }]);
      expect(await level()).toMatchObject({ onHand: 7, reserved: 0 });
      expect(await shown()).toBe(7);
    });

    it('a shipment with a later stockSequence waits for a push that reaches it', async () => {
      const { s, order, level } = await setup();
      await fx.root.ok(SHIP, { i: shipment(order, s.w1, [[s.sku.std, 3]], '30') });
      await push(s.inventory, s.w1, [{ sku: s.sku.std, onHand: 10, sequence: '29' }]); // applied, but before the movement
      expect(await level()).toMatchObject({ onHand: 10, reserved: 3 });
      await push(s.inventory, s.w1, [{ sku: s.sku.std, onHand: 10, sequence: '28' }]); // stale
      expect(await level()).toMatchObject({ onHand: 10, reserved: 3 });
      await push(s.inventory, s.w1, [{ sku: s.sku.std, onHand: 7, sequence: '31' }]);
      expect(await level()).toMatchObject({ onHand: 7, reserved: 0 });
    });
  });
});

describe('unpaid orders are cancelled by the worker', () => {
  let app: TestApp;
  afterAll(() => app?.close());

  it('cancels AWAITING_PAYMENT orders after UNPAID_ORDER_TIMEOUT_MS, releases their stock, leaves paid ones', async () => {
    app = await TestApp.start({ env: { UNPAID_ORDER_TIMEOUT_MS: '2000', JOB_POLL_MS: '200' } });
    const fx = await Fixtures.create(app);
    const shop = await openShop(fx, { stock: 10 });
    const ops = (await fx.apiKey(['ORDERS_WRITE'])).client;
    const unpaid = await placeOrder(shop.b2c, [[shop.sku.std, 4]]);
    const paid = await placeOrder(shop.b2c, [[shop.sku.std, 1]]);
    await pay(ops, paid);
    expect((await byWarehouse(fx, shop.sku.std, shop.w1)).reserved).toBe(5);
    const status = async () => (await fx.root.ok(ADMIN_ORDER, { n: unpaid.number })).order.status;
    expect(await status()).toBe('AWAITING_PAYMENT');
    expect(await waitUntil(status, (s) => s === 'CANCELLED', 15000)).toBe('CANCELLED');
    expect((await byWarehouse(fx, shop.sku.std, shop.w1)).reserved).toBe(1);
    expect((await fx.root.ok(ADMIN_ORDER, { n: paid.number })).order.status).toBe('CONFIRMED');
    const events = await eventsOf(app, unpaid.id);
    expect(events.map((e) => e.type)).toEqual(['order.placed', 'order.cancelled']);
    expect(events[1].payload).toMatchObject({ by: 'payment-timeout', status: 'CANCELLED' });
  });
});
