import { TestApp } from '../../support/app';
import { Fixtures } from '../../support/fixtures';
import { guestCart, levels, openShop, PLACE, type Shop } from '../../support/order-fixtures';

const CARTS = 200;
const ON_HAND = 10;

/**
 * The proof that reservations never oversell: 200 carts of one unit each of a SKU with 10 on hand, ordered at the
 * same moment over HTTP. Exactly 10 orders, 190 INSUFFICIENT_STOCK, nothing else, and 10 reserved. On PGlite the
 * database serialises the requests anyway; on PostgreSQL (E2E_DATABASE_URL) they really race over the pool.
 */
describe('placeOrder under concurrency', () => {
  let app: TestApp;
  let fx: Fixtures;
  let shop: Shop;

  beforeAll(async () => {
    app = await TestApp.start();
    fx = await Fixtures.create(app);
    shop = await openShop(fx, { stock: ON_HAND });
  });
  afterAll(() => app?.close());

  it(`${CARTS} concurrent orders of 1 unit with ${ON_HAND} on hand: exactly ${ON_HAND} succeed`, async () => {
    const carts: string[] = [];
    for (let i = 0; i < CARTS; i += 20) {
      carts.push(...(await Promise.all(Array.from({ length: 20 }, () => guestCart(shop.b2c, [[shop.sku.std, 1]])))));
    }
    expect(new Set(carts).size).toBe(CARTS);

    const results = await Promise.all(carts.map((c) => shop.b2c.client.raw(PLACE, { c })));
    const placed = results.filter((r) => r.data?.placeOrder && !r.errors);
    const codes = results.filter((r) => r.errors).map((r) => r.errors![0].extensions?.code);
    expect(placed).toHaveLength(ON_HAND);
    expect(codes).toHaveLength(CARTS - ON_HAND);
    expect(codes.filter((c) => c !== 'INSUFFICIENT_STOCK')).toEqual([]);
    expect(new Set(placed.map((r) => r.data.placeOrder.number)).size).toBe(ON_HAND);

    const [level] = await levels(fx.root, [shop.sku.std]);
    expect(level).toMatchObject({ warehouseCode: shop.w1, onHand: ON_HAND, reserved: ON_HAND });
    const [{ n }] = await app.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM sales_order o JOIN storefront s ON s.id = o.storefront_id WHERE s.code = $1`,
      [shop.b2c.code],
    );
    expect(n).toBe(ON_HAND);
    const [{ held }] = await app.db.query<{ held: number }>(
      `SELECT coalesce(sum(quantity), 0)::int AS held FROM stock_reservation WHERE sku = $1`,
      [shop.sku.std],
    );
    expect(held).toBe(ON_HAND);
  });
});
