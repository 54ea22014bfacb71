import { TestApp } from '../../support/app';
import { push } from '../../support/catalog-fixtures';
import { Fixtures } from '../../support/fixtures';
import { Subscriber } from '../../support/ws';
import {
  ADD,
  CREATE_CART,
  DETAILS,
  GET_CART,
  guestCart,
  levels,
  openShop,
  PLACE,
  type Shop,
  UPDATE_LINE,
} from '../../support/order-fixtures';

describe('carts and checkout (B2C guest)', () => {
  let app: TestApp;
  let fx: Fixtures;
  let shop: Shop;

  beforeAll(async () => {
    app = await TestApp.start();
    fx = await Fixtures.create(app);
    shop = await openShop(fx, { stock: 10 });
  });
  afterAll(() => app?.close());

  it('fills a cart with current prices, availability and per-line VAT totals', async () => {
    const sf = shop.b2c.client;
    const cart = (await sf.ok(CREATE_CART)).createCart;
    expect(cart).toMatchObject({ status: 'ACTIVE', currency: 'EUR', lines: [], reverseCharge: false });
    expect(cart.id).toMatch(/^[0-9a-f-]{36}$/);
    await sf.ok(ADD, { c: cart.id, s: shop.sku.std, q: 2 });
    await sf.ok(ADD, { c: cart.id, s: shop.sku.std, q: 1 });
    const filled = (await sf.ok(ADD, { c: cart.id, s: shop.sku.red, q: 1 })).addToCart;
    expect(filled.lines).toEqual([
      expect.objectContaining({
        sku: shop.sku.std,
        quantity: 3,
        unitPrice: { amount: '12.10', currency: 'EUR', includesTax: true, taxRate: '21' },
        lineTotal: { amount: '36.30', currency: 'EUR' },
        availability: { status: 'IN_STOCK', quantity: 10 },
      }),
      expect.objectContaining({ sku: shop.sku.red, quantity: 1, lineTotal: { amount: '10.90', currency: 'EUR' } }),
    ]);
    // 36.30 incl. 21 % → tax 6.30; 10.90 incl. 9 % → tax 0.90; no shipping chosen yet.
    expect(filled.totals.subtotalGross.amount).toBe('47.20');
    expect(filled.totals.tax.amount).toBe('7.20');
    expect(filled.totals.subtotalNet.amount).toBe('40.00');
    expect(filled.totals.totalGross.amount).toBe('47.20');
    const removed = (await sf.ok(UPDATE_LINE, { c: cart.id, s: shop.sku.red, q: 0 })).updateCartLine;
    expect(removed.lines.map((l: { sku: string }) => l.sku)).toEqual([shop.sku.std]);
  });

  it('refuses bad lines with the documented codes and changes nothing', async () => {
    const sf = shop.b2c.client;
    const cart = (await sf.ok(CREATE_CART)).createCart.id;
    const before = await app.db.snapshot();
    expect(await sf.code(ADD, { c: cart, s: 'NOPE-1', q: 1 })).toBe('NOT_FOUND');
    expect(await sf.code(ADD, { c: cart, s: shop.sku.std, q: 0 })).toBe('BAD_USER_INPUT');
    expect(await sf.code(ADD, { c: cart, s: shop.sku.std, q: 10000 })).toBe('BAD_USER_INPUT');
    expect(await sf.code(ADD, { c: cart, s: 'x'.repeat(5000), q: 1 })).toBe('NOT_FOUND');
    expect(await sf.code(ADD, { c: '00000000-0000-4000-8000-000000000000', s: shop.sku.std, q: 1 })).toBe('NOT_FOUND');
    expect(await sf.code(ADD, { c: "'; DROP TABLE cart; --", s: shop.sku.std, q: 1 })).toBe('NOT_FOUND');
    expect(await sf.code(UPDATE_LINE, { c: cart, s: shop.sku.std, q: 1 })).toBe('NOT_FOUND');
    expect(await sf.code(DETAILS, { c: cart, i: { email: 'not-an-email' } })).toBe('BAD_USER_INPUT');
    expect(await sf.code(DETAILS, { c: cart, i: { shippingMethodCode: 'teleport' } })).toBe('BAD_USER_INPUT');
    expect(await sf.code(DETAILS, { c: cart, i: { purchaseOrderNumber: 'PO-1' } })).toBe('BAD_USER_INPUT');
    expect(
      await sf.code(DETAILS, {
        c: cart,
        i: { shippingAddress: { street: 'x', houseNumber: 'abc', postalCode: '1', city: 'x', country: 'NL' } },
      }),
    ).toBe('BAD_USER_INPUT');
    expect(await app.db.snapshot()).toEqual(before);
    // Another storefront of the same brand does not see the cart.
    expect((await shop.b2b.client.ok(GET_CART, { id: cart })).cart).toBeNull();
    expect(await shop.b2b.client.code(ADD, { c: cart, s: shop.sku.std, q: 1 })).toBe('NOT_FOUND');
  });

  it('places an order: re-priced, VAT per line, shipping split, stock reserved, numbered per brand', async () => {
    const cart = await guestCart(shop.b2c, [
      [shop.sku.std, 2],
      [shop.sku.red, 1],
    ]);
    const order = (await shop.b2c.client.ok(PLACE, { c: cart })).placeOrder;
    expect(order.number).toMatch(new RegExp(`^${shop.brandPrefix}-\\d{6}$`));
    expect(order).toMatchObject({
      status: 'AWAITING_PAYMENT',
      email: 'guest@example.nl',
      reverseCharge: false,
      pricesIncludeTax: true,
      shippingMethodCode: 'standard',
      shippingAddress: expect.objectContaining({ postalCode: '1017 GC', country: 'NL' }),
    });
    // Goods 24.20 (tax 4.20) + 10.90 (tax 0.90) = 35.10; shipping 4.95 split 20.00 : 10.00 net → 3.30 @21 % + 1.65 @9 %.
    expect(order.totals.subtotalGross.amount).toBe('35.10');
    expect(order.totals.totalGross.amount).toBe('40.05');
    expect(order.totals.taxLines.map((t: { rate: string }) => t.rate)).toEqual(['21', '9']);
    const sumTax = order.totals.taxLines.reduce(
      (n: number, t: { tax: { amount: string } }) => n + Math.round(Number(t.tax.amount) * 100),
      0,
    );
    expect(sumTax).toBe(Math.round(Number(order.totals.tax.amount) * 100));
    const lv = await levels(fx.root, [shop.sku.std, shop.sku.red]);
    expect(lv.find((l) => l.sku === shop.sku.std)).toMatchObject({ warehouseCode: shop.w1, onHand: 10, reserved: 2 });
    // Placing the same cart again returns the same order; nothing more is reserved.
    const again = (await shop.b2c.client.ok(PLACE, { c: cart })).placeOrder;
    expect(again.number).toBe(order.number);
    expect((await levels(fx.root, [shop.sku.std]))[0].reserved).toBe(2);
    // The cart is ordered: it shows the number and takes no more changes.
    expect((await shop.b2c.client.ok(GET_CART, { id: cart })).cart).toMatchObject({
      status: 'ORDERED',
      orderNumber: order.number,
    });
    expect(await shop.b2c.client.code(ADD, { c: cart, s: shop.sku.std, q: 1 })).toBe('BAD_USER_INPUT');
  });

  it('names every missing detail at once', async () => {
    const sf = shop.b2c.client;
    const cart = (await sf.ok(CREATE_CART)).createCart.id;
    await sf.ok(ADD, { c: cart, s: shop.sku.zero, q: 1 });
    const res = await sf.raw(PLACE, { c: cart });
    expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0].extensions?.fieldErrors?.map((e) => e.path)).toEqual(
      expect.arrayContaining(['email', 'firstName', 'lastName', 'shippingAddress', 'shippingMethodCode']),
    );
    await sf.ok(DETAILS, {
      c: cart,
      i: {
        email: 'a@example.nl',
        firstName: 'A',
        lastName: 'B',
        shippingAddress: { ...{ street: 'Rue', houseNumber: '1', postalCode: '75001', city: 'Paris', country: 'FR' } },
      },
    });
    const wrongCountry = await sf.raw(
      `mutation($c: ID!, $i: CartDetailsInput!) { setCartDetails(cartId: $c, input: $i) { id } }`,
      {
        c: cart,
        i: { shippingMethodCode: 'standard' },
      },
    );
    expect(wrongCountry.errors?.[0].extensions?.fieldErrors?.[0]).toEqual({
      path: 'input.shippingMethodCode',
      message: 'does not ship to FR',
    });
  });

  it('answers INSUFFICIENT_STOCK with the short lines and reserves nothing', async () => {
    const before = await levels(fx.root, [shop.sku.zero, shop.sku.std]);
    const cart = await guestCart(shop.b2c, [
      [shop.sku.zero, 11],
      [shop.sku.std, 1],
    ]);
    const res = await shop.b2c.client.raw(PLACE, { c: cart });
    expect(res.errors?.[0].extensions).toMatchObject({
      code: 'INSUFFICIENT_STOCK',
      lines: [{ sku: shop.sku.zero, requested: 11, available: 10 }],
    });
    expect(await levels(fx.root, [shop.sku.zero, shop.sku.std])).toEqual(before);
  });

  it('splits a reservation over the warehouses in their listed order', async () => {
    await push(shop.inventory, shop.w2, [{ sku: shop.sku.zero, onHand: 5, sequence: '1' }]);
    const cart = await guestCart(shop.b2c, [[shop.sku.zero, 12]]);
    await shop.b2c.client.ok(PLACE, { c: cart });
    const lv = await levels(fx.root, [shop.sku.zero]);
    expect(lv.find((l) => l.warehouseCode === shop.w1)).toMatchObject({ onHand: 10, reserved: 10 });
    expect(lv.find((l) => l.warehouseCode === shop.w2)).toMatchObject({ onHand: 5, reserved: 2 });
  });

  it('tells subscribers when a reservation changes what the storefront shows', async () => {
    const sub = new Subscriber(app, shop.b2c.token);
    const other = new Subscriber(app, shop.b2b.token);
    try {
      const q = `subscription($s: [String!]) { stockChanged(skus: $s) { sku availability { status quantity } } }`;
      await sub.subscribe(q, { s: [shop.sku.red] });
      await other.subscribe(q, { s: [shop.sku.red] });
      const cart = await guestCart(shop.b2c, [[shop.sku.red, 3]]);
      const before = (await levels(fx.root, [shop.sku.red])).find((l) => l.warehouseCode === shop.w1)!;
      await shop.b2c.client.ok(PLACE, { c: cart });
      const expected = { sku: shop.sku.red, availability: { status: 'IN_STOCK', quantity: before.onHand - before.reserved - 3 } };
      expect((await sub.waitFor(1)).map((m) => m.data.stockChanged)).toEqual([expected]);
      // The B2B storefront sells from the same warehouses: it shows the same availability change.
      expect((await other.waitFor(1)).map((m) => m.data.stockChanged)).toEqual([expected]);
    } finally {
      await sub.close();
      await other.close();
    }
  });

  it('refuses guests on a B2B storefront', async () => {
    const cart = (await shop.b2b.client.ok(CREATE_CART)).createCart.id;
    await shop.b2b.client.ok(ADD, { c: cart, s: shop.sku.std, q: 1 });
    expect(await shop.b2b.client.code(PLACE, { c: cart })).toBe('UNAUTHENTICATED');
  });
});
