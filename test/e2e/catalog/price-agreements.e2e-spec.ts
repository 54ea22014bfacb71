import { TestApp } from '../../support/app';
import { type ApiClient, storefrontClient } from '../../support/clients';
import { b2bInput, login, register } from '../../support/customer-fixtures';
import { FakeVies } from '../../support/fake-vies.server';
import { Fixtures } from '../../support/fixtures';
import { ADD, CREATE_CART, openShop, type Shop } from '../../support/order-fixtures';

const SET_TIERS = `mutation($i: [PriceTiersInput!]!) { setPriceTiers(input: $i) }`;
const SET_COMPANY = `mutation($i: [CompanyPriceInput!]!) { setCompanyPrices(input: $i) }`;
const COMPANY_PRICES = `query($c: ID!, $s: String) { companyPrices(companyId: $c, storefrontCode: $s) { companyId storefrontCode sku amount currency } }`;
const VARIANT_PRICE = `query($s: [String!]!) { variants(skus: $s) { sku price { amount listAmount tiers { minQuantity amount } } } }`;
const PRODUCTS = `{ products(first: 10) { edges { node { slug variants { sku price { amount listAmount tiers { minQuantity amount } } } } } } }`;

describe('B2B price agreements: quantity breaks and company prices', () => {
  let app: TestApp;
  let vies: FakeVies;
  let fx: Fixtures;
  let shop: Shop;
  let buyerA: ApiClient; // company A (NL)
  let buyerB: ApiClient; // company B (BE)
  let companyA: string;
  let companyB: string;

  beforeAll(async () => {
    vies = await FakeVies.start();
    app = await TestApp.start({ env: { VIES_URL: vies.url } });
    fx = await Fixtures.create(app);
    shop = await openShop(fx);
    const a = await register(shop.b2b.client, b2bInput('NL123456782B01'));
    const b = await register(
      shop.b2b.client,
      b2bInput(
        'BE0411905847',
        {},
        {
          name: 'Belgian NV',
          country: 'BE',
          kvkNumber: null,
          address: { street: 'Grote Markt', houseNumber: '1', postalCode: '1000', city: 'Brussel', country: 'BE' },
        },
      ),
    );
    companyA = a.company.id;
    companyB = b.company.id;
    buyerA = storefrontClient(app, shop.b2b.token, (await login(shop.b2b.client, a.email)).accessToken);
    buyerB = storefrontClient(app, shop.b2b.token, (await login(shop.b2b.client, b.email)).accessToken);
    await fx.root.ok(SET_TIERS, {
      i: [
        {
          storefrontCode: shop.b2b.code,
          sku: shop.sku.std,
          tiers: [
            { minQuantity: 10, amount: '9.00' },
            { minQuantity: 50, amount: '8.00' },
          ],
        },
      ],
    });
    await fx.root.ok(SET_COMPANY, {
      i: [
        { companyId: companyA, storefrontCode: shop.b2b.code, sku: shop.sku.std, amount: '8.50' },
        { companyId: companyB, storefrontCode: shop.b2b.code, sku: shop.sku.red, amount: '7.25' },
      ],
    });
  });
  afterAll(async () => {
    await app?.close();
    await vies?.stop();
  });

  const priceOf = async (c: ApiClient, sku: string) => (await c.ok(VARIANT_PRICE, { s: [sku] })).variants[0].price;

  it('shows list prices with breaks to everyone, and each company its own agreed price', async () => {
    expect(await priceOf(shop.b2b.client, shop.sku.std)).toEqual({
      amount: '10.00',
      listAmount: null,
      tiers: [
        { minQuantity: 10, amount: '9.00' },
        { minQuantity: 50, amount: '8.00' },
      ],
    });
    expect(await priceOf(buyerA, shop.sku.std)).toEqual({
      amount: '8.50',
      listAmount: '10.00',
      tiers: [{ minQuantity: 50, amount: '8.00' }],
    });
    expect(await priceOf(buyerB, shop.sku.std)).toMatchObject({ amount: '10.00', listAmount: null });
    expect(await priceOf(buyerB, shop.sku.red)).toMatchObject({ amount: '7.25', listAmount: '10.00' });
    expect(await priceOf(buyerA, shop.sku.red)).toMatchObject({ amount: '10.00', listAmount: null });
  });

  it("never serves one company's prices to anyone else from a warm cache (interleaved callers, one instance)", async () => {
    const callers: [string, ApiClient][] = [
      ['anonymous', shop.b2b.client],
      ['A', buyerA],
      ['B', buyerB],
    ];
    const expected: Record<string, Record<string, string>> = {
      anonymous: { [shop.sku.std]: '10.00', [shop.sku.red]: '10.00' },
      A: { [shop.sku.std]: '8.50', [shop.sku.red]: '10.00' },
      B: { [shop.sku.std]: '10.00', [shop.sku.red]: '7.25' },
    };
    // Warm every cache first, then interleave the same queries many times, concurrently.
    const rounds = Array.from({ length: 15 }, (_, i) => i);
    const results = await Promise.all(
      rounds.flatMap(() =>
        callers.flatMap(([who, c]) => [
          c.ok(PRODUCTS).then((d) => ({ who, d })),
          c.ok(VARIANT_PRICE, { s: [shop.sku.std, shop.sku.red] }).then((d) => ({ who, d: { variants: d.variants } })),
        ]),
      ),
    );
    for (const { who, d } of results) {
      const variants: { sku: string; price: { amount: string } }[] =
        d.variants ?? d.products.edges.flatMap((e: any) => e.node.variants);
      for (const v of variants.filter((x) => x.sku in expected[who]))
        expect({ who, sku: v.sku, amount: v.price.amount }).toEqual({ who, sku: v.sku, amount: expected[who][v.sku] });
    }
  });

  it('charges the agreed price or the break the quantity reaches in the cart', async () => {
    const cartOf = async (c: ApiClient, q: number) => {
      const cart = (await c.ok(CREATE_CART)).createCart.id;
      return (await c.ok(ADD, { c: cart, s: shop.sku.std, q })).addToCart.lines[0];
    };
    expect((await cartOf(shop.b2b.client, 10)).lineTotal.amount).toBe('90.00'); // anonymous: break at 10 → 9.00
    expect((await cartOf(buyerB, 9)).lineTotal.amount).toBe('90.00'); // B: no agreement, below the break
    const a = await cartOf(buyerA, 60); // A: agreed 8.50, but the break at 50 (8.00) is lower
    expect(a.unitPrice.amount).toBe('8.00');
    expect(a.lineTotal.amount).toBe('480.00');
  });

  it('refuses bad batches whole, with the documented codes, and changes nothing', async () => {
    const before = await app.db.snapshot();
    const bad = async (q: string, i: unknown, code: string) => expect(await fx.root.code(q, { i })).toBe(code);
    await bad(SET_TIERS, [{ storefrontCode: shop.b2b.code, sku: 'NOPE', tiers: [] }], 'BAD_USER_INPUT');
    await bad(
      SET_TIERS,
      [{ storefrontCode: shop.b2b.code, sku: shop.sku.std, tiers: [{ minQuantity: 1, amount: '1.00' }] }],
      'BAD_USER_INPUT',
    );
    await bad(
      SET_TIERS,
      [{ storefrontCode: shop.b2b.code, sku: shop.sku.std, tiers: [{ minQuantity: 5, amount: '1.001' }] }],
      'BAD_USER_INPUT',
    );
    await bad(
      SET_TIERS,
      [
        {
          storefrontCode: shop.b2b.code,
          sku: shop.sku.std,
          tiers: [
            { minQuantity: 5, amount: '1' },
            { minQuantity: 5, amount: '2' },
          ],
        },
      ],
      'BAD_USER_INPUT',
    );
    await bad(SET_TIERS, [{ storefrontCode: 'nope-sf', sku: shop.sku.std, tiers: [] }], 'NOT_FOUND');
    await bad(
      SET_COMPANY,
      [{ companyId: companyA, storefrontCode: shop.b2c.code, sku: shop.sku.std, amount: '1.00' }],
      'BAD_USER_INPUT',
    );
    await bad(
      SET_COMPANY,
      [{ companyId: 'not-a-uuid', storefrontCode: shop.b2b.code, sku: shop.sku.std, amount: '1.00' }],
      'BAD_USER_INPUT',
    );
    await bad(
      SET_COMPANY,
      [{ companyId: "'; DROP TABLE company_price; --", storefrontCode: shop.b2b.code, sku: shop.sku.std, amount: '1' }],
      'BAD_USER_INPUT',
    );
    await bad(
      SET_COMPANY,
      [{ companyId: '00000000-0000-4000-8000-000000000000', storefrontCode: shop.b2b.code, sku: shop.sku.std, amount: '1.00' }],
      'NOT_FOUND',
    );
    await bad(
      SET_COMPANY,
      [{ companyId: companyA, storefrontCode: shop.b2b.code, sku: shop.sku.std, amount: 'x'.repeat(40) }],
      'BAD_USER_INPUT',
    );
    expect(await app.db.snapshot()).toEqual(before);
  });

  it('keeps agreements inside the brand: another brand cannot read or set them', async () => {
    const otherBrand = await fx.brand();
    const otherB2b = await fx.storefront({ brandCode: otherBrand, audience: 'B2B', warehouseCodes: [shop.w1] });
    const otherAdmin = await fx.brandAdmin([otherBrand]);
    expect((await otherAdmin.ok(COMPANY_PRICES, { c: companyA, s: null })).companyPrices).toEqual([]);
    expect(
      await otherAdmin.code(SET_COMPANY, {
        i: [{ companyId: companyA, storefrontCode: shop.b2b.code, sku: shop.sku.std, amount: '1.00' }],
      }),
    ).toBe('NOT_FOUND');
    // Its own storefront with another brand's company: the company is not found there.
    expect(
      await otherAdmin.code(SET_COMPANY, {
        i: [{ companyId: companyA, storefrontCode: otherB2b.code, sku: shop.sku.std, amount: '1.00' }],
      }),
    ).toBe('NOT_FOUND');
    const mine = await fx.brandAdmin([shop.brandCode]);
    expect((await mine.ok(COMPANY_PRICES, { c: companyA, s: shop.b2b.code })).companyPrices).toEqual([
      { companyId: companyA, storefrontCode: shop.b2b.code, sku: shop.sku.std, amount: '8.50', currency: 'EUR' },
    ]);
  });

  it('removes an agreed price with amount null', async () => {
    await fx.root.ok(SET_COMPANY, {
      i: [{ companyId: companyB, storefrontCode: shop.b2b.code, sku: shop.sku.red, amount: null }],
    });
    expect(await priceOf(buyerB, shop.sku.red)).toMatchObject({ amount: '10.00', listAmount: null });
  });
});
