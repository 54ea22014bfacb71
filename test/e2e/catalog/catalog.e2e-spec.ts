import { TestApp } from '../../support/app';
import type { ApiClient } from '../../support/clients';
import { publish, push, setPrices, upsertProducts, VARIANTS, warmStorefrontToken } from '../../support/catalog-fixtures';
import { Fixtures, type StorefrontFixture } from '../../support/fixtures';

const PAGE = `query($first: Int, $after: String, $filter: ProductFilter) {
  products(first: $first, after: $after, filter: $filter) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { cursor node { id slug name description variants { id sku name price { amount currency includesTax taxRate } availability { status quantity } } } }
  } }`;

describe('catalog, prices and availability on storefronts', () => {
  let app: TestApp;
  let fx: Fixtures;
  let root: ApiClient;
  let b2c: StorefrontFixture; // brand A, B2C, STATUS display, warehouses w1 + w2
  let b2b: StorefrontFixture; // brand A, B2B, EXACT display, warehouse w1 only
  let other: StorefrontFixture; // brand B
  let w1: string;
  let w2: string;
  let brandB: string;

  beforeAll(async () => {
    app = await TestApp.start({ env: { DEBUG_SQL_COUNT: 'true' } });
    fx = await Fixtures.create(app);
    root = fx.root;
    const brandA = await fx.brand();
    brandB = await fx.brand();
    w1 = await fx.warehouse();
    w2 = await fx.warehouse();
    b2c = await fx.storefront({ brandCode: brandA, audience: 'B2C', warehouseCodes: [w1, w2], lowStockThreshold: 5 });
    b2b = await fx.storefront({ brandCode: brandA, audience: 'B2B', warehouseCodes: [w1] });
    other = await fx.storefront({ brandCode: brandB, audience: 'B2C', warehouseCodes: [w1, w2] });
    await upsertProducts(root, [
      {
        slug: 'claw-hammer',
        name: 'Claw Hammer',
        description: 'Forged steel hammer with fibreglass grip',
        variants: [
          { sku: 'HAM-500', name: '500 g' },
          { sku: 'HAM-800', name: '800 g' },
        ],
      },
      {
        slug: 'safety-shoe',
        name: 'Safety Shoe S3',
        description: 'Waterproof work shoe',
        taxCategory: 'STANDARD',
        variants: [{ sku: 'SHOE-42', name: '42' }],
      },
      {
        slug: 'garden-book',
        name: 'Garden Book',
        description: 'A book',
        taxCategory: 'REDUCED',
        variants: [{ sku: 'BOOK-1', name: 'Paperback' }],
      },
      { slug: 'secret-item', name: 'Unpublished Item', variants: [{ sku: 'SECRET-1', name: 'x' }] },
    ]);
    await publish(root, b2c.code, ['claw-hammer', 'safety-shoe', 'garden-book']);
    await publish(root, b2b.code, ['claw-hammer']);
    await setPrices(root, [
      { storefrontCode: b2c.code, sku: 'HAM-500', amount: '24.2' },
      { storefrontCode: b2c.code, sku: 'SHOE-42', amount: '99.99' },
      { storefrontCode: b2c.code, sku: 'BOOK-1', amount: '10' },
      { storefrontCode: b2c.code, sku: 'SECRET-1', amount: '1.00' }, // priced but not published
      { storefrontCode: b2b.code, sku: 'HAM-500', amount: '20.00' },
      { storefrontCode: b2b.code, sku: 'HAM-800', amount: '25.00' },
    ]);
    await push(root, w1, [
      { sku: 'HAM-500', onHand: 3, sequence: '1' },
      { sku: 'SHOE-42', onHand: 0, sequence: '1' },
      { sku: 'HAM-800', onHand: 50, sequence: '1' },
    ]);
    await push(root, w2, [
      { sku: 'HAM-500', onHand: 4, sequence: '1' },
      { sku: 'BOOK-1', onHand: 2, sequence: '1' },
    ]);
  });
  afterAll(() => app?.close());

  it('shows only published products with variants priced on this storefront, with its tax and stock rules', async () => {
    const data = await b2c.client.ok(PAGE, { first: 10 });
    const nodes = data.products.edges.map((e: any) => e.node);
    expect(data.products.totalCount).toBe(3);
    expect(nodes.map((n: any) => n.slug)).toEqual(['claw-hammer', 'garden-book', 'safety-shoe']);
    const hammer = nodes[0];
    // HAM-800 is published but not priced on the B2C storefront: not visible there.
    expect(hammer.variants.map((v: any) => v.sku)).toEqual(['HAM-500']);
    expect(hammer.variants[0].price).toEqual({ amount: '24.20', currency: 'EUR', includesTax: true, taxRate: '21' });
    // 3 (w1) + 4 (w2) = 7 > threshold 5; STATUS display hides the quantity.
    expect(hammer.variants[0].availability).toEqual({ status: 'IN_STOCK', quantity: null });
    expect(nodes[1].variants[0].price.taxRate).toBe('9'); // NL reduced rate
    expect(nodes[1].variants[0].availability.status).toBe('LOW_STOCK');
    expect(nodes[2].variants[0].availability.status).toBe('OUT_OF_STOCK');
  });

  it("shows B2B prices net with exact quantities over the storefront's own warehouses", async () => {
    const data = await b2b.client.ok(VARIANTS, { s: ['HAM-500', 'HAM-800', 'SHOE-42', 'NOPE'] });
    expect(data.variants[0]).toEqual({
      sku: 'HAM-500',
      price: { amount: '20.00', currency: 'EUR', includesTax: false, taxRate: '21' },
      availability: { status: 'LOW_STOCK', quantity: 3 }, // w1 only
    });
    expect(data.variants[1].availability).toEqual({ status: 'IN_STOCK', quantity: 50 });
    expect(data.variants[2]).toBeNull(); // not published on B2B
    expect(data.variants[3]).toBeNull(); // unknown
  });

  it("shows nothing of it on another brand's storefront", async () => {
    const data = await other.client.ok(PAGE, { first: 10 });
    expect(data.products).toEqual({ totalCount: 0, pageInfo: { hasNextPage: false, endCursor: null }, edges: [] });
    expect((await other.client.ok(`{ product(slug: "claw-hammer") { id } }`)).product).toBeNull();
    expect((await other.client.ok(VARIANTS, { s: ['HAM-500'] })).variants).toEqual([null]);
    const own = await b2c.client.ok(`{ product(slug: "claw-hammer") { id slug } }`);
    expect((await other.client.ok(`query($id: ID) { product(id: $id) { id } }`, { id: own.product.id })).product).toBeNull();
    expect((await b2c.client.ok(`{ product(slug: "secret-item") { id } }`)).product).toBeNull();
  });

  it('pages with cursors and validates first and after', async () => {
    const p1 = await b2c.client.ok(PAGE, { first: 2 });
    expect(p1.products.edges).toHaveLength(2);
    expect(p1.products.pageInfo.hasNextPage).toBe(true);
    const p2 = await b2c.client.ok(PAGE, { first: 2, after: p1.products.pageInfo.endCursor });
    expect(p2.products.edges.map((e: any) => e.node.slug)).toEqual(['safety-shoe']);
    expect(p2.products.pageInfo.hasNextPage).toBe(false);
    expect(p2.products.totalCount).toBe(3);
    for (const first of [0, -1, 101]) expect(await b2c.client.code(PAGE, { first })).toBe('BAD_USER_INPUT');
    expect(await b2c.client.code(PAGE, { first: 'x' })).toBe('BAD_USER_INPUT');
    expect(await b2c.client.code(PAGE, { first: 2, after: 'not-a-cursor!' })).toBe('BAD_USER_INPUT');
    expect(await b2c.client.code(PAGE, { first: 2, after: Buffer.from('x:y').toString('base64url') })).toBe('BAD_USER_INPUT');
  });

  it('searches words of name and description, and SKU / slug prefixes, case-insensitively', async () => {
    const slugs = async (search: string) =>
      (await b2c.client.ok(PAGE, { first: 10, filter: { search } })).products.edges.map((e: any) => e.node.slug);
    expect(await slugs('hamm')).toEqual(['claw-hammer']);
    expect(await slugs('FIBREGLASS')).toEqual(['claw-hammer']);
    expect(await slugs('waterproof work')).toEqual(['safety-shoe']);
    expect(await slugs('ham-5')).toEqual(['claw-hammer']); // SKU prefix
    expect(await slugs('shoe-4')).toEqual(['safety-shoe']);
    expect(await slugs('garden-b')).toEqual(['garden-book']); // slug prefix
    expect(await slugs("x' OR 1=1; --")).toEqual([]);
    expect(await slugs('%')).toEqual([]);
    expect(await slugs('secret')).toEqual([]);
    const bySku = await b2c.client.ok(PAGE, { first: 10, filter: { skus: ['SHOE-42'] } });
    expect(bySku.products.edges.map((e: any) => e.node.slug)).toEqual(['safety-shoe']);
    expect(await b2c.client.code(PAGE, { first: 10, filter: { search: 'x'.repeat(201) } })).toBe('BAD_USER_INPUT');
  });

  it('costs a constant number of SQL statements whatever the page size (no N+1)', async () => {
    const many = Array.from({ length: 30 }, (_, i) => ({
      slug: `bulk-${String(i).padStart(2, '0')}`,
      name: `Bulk ${i}`,
      variants: [
        { sku: `BULK-${i}-A`, name: 'A' },
        { sku: `BULK-${i}-B`, name: 'B' },
        { sku: `BULK-${i}-C`, name: 'C' },
      ],
    }));
    await upsertProducts(root, many);
    await publish(
      root,
      b2b.code,
      many.map((p) => p.slug),
    );
    await setPrices(
      root,
      many.flatMap((p) => p.variants.map((v) => ({ storefrontCode: b2b.code, sku: v.sku, amount: '1.00' }))),
    );
    // Cold reads (each page size is its own cache key), the token resolved afresh just before.
    const statements = async (first: number, search: string) => {
      await warmStorefrontToken(b2b.client);
      const res = await b2b.client.raw(PAGE, { first, filter: { search } });
      expect(res.data.products.edges).toHaveLength(first);
      return (res as any).extensions.sqlStatements as number;
    };
    const one = await statements(1, 'bulk');
    const twenty = await statements(20, 'BULK');
    expect(one).toBeGreaterThan(0);
    expect(twenty).toBe(one);
    expect(twenty).toBeLessThanOrEqual(3);
  });

  it('upserts idempotently by slug and SKU', async () => {
    const first = await upsertProducts(root, [{ slug: 'idem', name: 'Idem', variants: [{ sku: 'IDEM-1', name: 'One' }] }]);
    const again = await upsertProducts(root, [
      {
        slug: 'idem',
        name: 'Idem renamed',
        variants: [
          { sku: 'IDEM-1', name: 'One' },
          { sku: 'IDEM-2', name: 'Two' },
        ],
      },
    ]);
    expect(again.upsertProducts[0].id).toBe(first.upsertProducts[0].id);
    expect(again.upsertProducts[0].variants[0].id).toBe(first.upsertProducts[0].variants[0].id);
    expect(again.upsertProducts[0].variants.map((v: any) => v.sku)).toEqual(['IDEM-1', 'IDEM-2']);
  });

  describe('bad input changes nothing', () => {
    const UPSERT = `mutation($i: [ProductInput!]!) { upsertProducts(input: $i) { id } }`;
    const PRICES = `mutation($i: [PriceInput!]!) { setPrices(input: $i) }`;
    const v = (sku: string) => ({ sku, name: 'x' });

    it.each([
      ['no products', [], 'input'],
      ['bad slug', [{ slug: 'Bad Slug', name: 'x', variants: [v('A-1')] }], 'input.0.slug'],
      ['empty name', [{ slug: 'ok-slug', name: '', variants: [v('A-1')] }], 'input.0.name'],
      ['too long name', [{ slug: 'ok-slug', name: 'n'.repeat(301), variants: [v('A-1')] }], 'input.0.name'],
      ['no variants', [{ slug: 'ok-slug', name: 'x', variants: [] }], 'input.0.variants'],
      ['SKU with a space', [{ slug: 'ok-slug', name: 'x', variants: [v('A 1')] }], 'input.0.variants.0.sku'],
      [
        'duplicate SKU in batch',
        [
          { slug: 'ok-a', name: 'x', variants: [v('DUP-1')] },
          { slug: 'ok-b', name: 'x', variants: [v('DUP-1')] },
        ],
        'input.1.variants.0.sku',
      ],
      [
        'duplicate slug in batch',
        [
          { slug: 'ok-a', name: 'x', variants: [v('U-1')] },
          { slug: 'ok-a', name: 'x', variants: [v('U-2')] },
        ],
        'input.1.slug',
      ],
      ["another product's SKU", [{ slug: 'thief', name: 'x', variants: [v('HAM-500')] }], 'input.0.variants.0.sku'],
      ['injection in slug', [{ slug: "x'); DROP TABLE product; --", name: 'x', variants: [v('A-1')] }], 'input.0.slug'],
    ])('upsertProducts: %s', async (_name, input, path) => {
      const before = await app.db.snapshot();
      const res = await root.raw(UPSERT, { i: input });
      expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect(res.errors?.[0].extensions?.fieldErrors?.map((f) => f.path)).toContain(path);
      expect(await app.db.snapshot()).toEqual(before);
    });

    it('upsertProducts: more than 500 products', async () => {
      const before = await app.db.snapshot();
      const input = Array.from({ length: 501 }, (_, i) => ({ slug: `p-${i}`, name: 'x', variants: [v(`S-${i}`)] }));
      expect(await root.code(UPSERT, { i: input })).toBe('BAD_USER_INPUT');
      expect(await app.db.snapshot()).toEqual(before);
    });

    it.each([
      ['negative', '-1', 'amount'],
      ['three decimals', '1.999', 'amount'],
      ['comma', '12,50', 'amount'],
      ['text', 'free', 'amount'],
      ['injection', '1; DROP TABLE price', 'amount'],
    ])('setPrices: %s amount', async (_n, amount, field) => {
      const before = await app.db.snapshot();
      const res = await root.raw(PRICES, {
        i: [
          { storefrontCode: b2c.code, sku: 'SHOE-42', amount: '5.00' },
          { storefrontCode: b2c.code, sku: 'HAM-500', amount },
        ],
      });
      expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect(res.errors?.[0].extensions?.fieldErrors?.map((f) => f.path)).toContain(`input.1.${field}`);
      expect(await app.db.snapshot()).toEqual(before);
    });

    it("setPrices: unknown SKU, unknown storefront, another brand's storefront", async () => {
      const adminB = await fx.brandAdmin([brandB]);
      const before = await app.db.snapshot();
      expect(await root.code(PRICES, { i: [{ storefrontCode: b2c.code, sku: 'NOPE-1', amount: '1' }] })).toBe('BAD_USER_INPUT');
      expect(await root.code(PRICES, { i: [{ storefrontCode: 'no-such-sf', sku: 'HAM-500', amount: '1' }] })).toBe('NOT_FOUND');
      expect(await adminB.code(PRICES, { i: [{ storefrontCode: b2c.code, sku: 'HAM-500', amount: '1' }] })).toBe('NOT_FOUND');
      expect(await adminB.code(`mutation { publishProducts(storefrontCode: "${b2c.code}", slugs: ["claw-hammer"]) }`)).toBe(
        'NOT_FOUND',
      );
      expect(await adminB.code(`mutation { unpublishProducts(storefrontCode: "${b2c.code}", slugs: ["claw-hammer"]) }`)).toBe(
        'NOT_FOUND',
      );
      expect(
        await adminB.code(
          `mutation { upsertProducts(input: [{slug: "x-y", name: "x", variants: [{sku: "X-Y", name: "x"}]}]) { id } }`,
        ),
      ).toBe('FORBIDDEN');
      expect(await app.db.snapshot()).toEqual(before);
    });

    it('publishProducts: unknown slug rejects the whole call', async () => {
      const before = await app.db.snapshot();
      const res = await root.raw(
        `mutation($s: String!) { publishProducts(storefrontCode: $s, slugs: ["idem", "no-such-product"]) }`,
        { s: other.code },
      );
      expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect(res.errors?.[0].extensions?.fieldErrors?.[0].path).toBe('slugs.1');
      expect(await app.db.snapshot()).toEqual(before);
    });
  });

  it('a brand admin prices and publishes on own storefronts, and unpublishing hides at once', async () => {
    const brandA = b2c.brandCode;
    const adminA = await fx.brandAdmin([brandA]);
    expect(
      (await adminA.ok(`mutation { publishProducts(storefrontCode: "${b2b.code}", slugs: ["safety-shoe"]) }`)).publishProducts,
    ).toBe(1);
    expect(
      (await adminA.ok(`mutation { setPrices(input: [{storefrontCode: "${b2b.code}", sku: "SHOE-42", amount: "70"}]) }`))
        .setPrices,
    ).toBe(1);
    expect(
      (await b2b.client.ok(`{ product(slug: "safety-shoe") { variants { price { amount } } } }`)).product.variants[0].price
        .amount,
    ).toBe('70.00');
    expect(
      (await adminA.ok(`mutation { unpublishProducts(storefrontCode: "${b2b.code}", slugs: ["safety-shoe"]) }`))
        .unpublishProducts,
    ).toBe(1);
    expect((await b2b.client.ok(`{ product(slug: "safety-shoe") { id } }`)).product).toBeNull();
  });
});
