/**
 * Categories, media and translations (docs/CATALOG.md) through both APIs: the visible tree, breadcrumbs,
 * the category filter checked against a count computed here from what the test set up, images, the
 * locale fallback, constant SQL per page, tenancy, and bad input that changes nothing.
 */
import { TestApp } from '../../support/app';
import { type ApiClient, storefrontClient } from '../../support/clients';
import {
  publish,
  SET_PRODUCT_CATEGORIES,
  setPrices,
  setProductCategories,
  UPSERT_CATEGORIES,
  upsertCategories,
  upsertProducts,
  warmStorefrontToken,
} from '../../support/catalog-fixtures';
import { Fixtures, type StorefrontFixture } from '../../support/fixtures';

const CATEGORY_FIELDS = 'slug name description position depth parentSlug productCount';
const TREE = `{ categories { ${CATEGORY_FIELDS} children { slug children { slug children { slug } } } } }`;
const FLAT = `{ categories(flat: true) { ${CATEGORY_FIELDS} breadcrumbs { slug name } } }`;
const CATEGORY = `query($s: String!) { category(slug: $s) { ${CATEGORY_FIELDS} breadcrumbs { slug name } children { slug } } }`;
const PAGE = `query($first: Int, $after: String, $filter: ProductFilter) {
  products(first: $first, after: $after, filter: $filter) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { slug name description images { url alt width height position } categories { slug name }
                   variants { sku name images { url position } } } } } }`;
const ADMIN_PRODUCTS = `query($s: [String!]!) { productsBySlugs(slugs: $s) {
  slug images { url alt width height position } translations { locale name description } categories { brandCode slug }
  variants { sku images { url } translations { locale name } } } }`;

const img = (name: string, extra: Record<string, unknown> = {}) => ({ url: `https://images.example.com/${name}.jpg`, ...extra });

/** The category tree of brand A as the test knows it: slug → parent slug. */
const PARENT: Record<string, string | null> = {
  garden: null,
  'garden-tools': 'garden',
  tools: null,
  'hand-tools': 'tools',
  hammers: 'hand-tools',
  'power-tools': 'tools',
  empty: null,
  hidden: null,
};
/** Where brand A files each product. */
const FILED: Record<string, string[]> = {
  'claw-hammer': ['hammers', 'garden-tools'],
  drill: ['power-tools'],
  saw: ['hand-tools'],
  rake: ['garden-tools'],
  'secret-thing': ['hidden'], // not published on the storefront
  'unpriced-glove': ['tools'], // published, no price
};

describe('catalog structure: categories, media and translations', () => {
  let app: TestApp;
  let fx: Fixtures;
  let root: ApiClient;
  let A: string;
  let B: string;
  let nl: StorefrontFixture; // brand A, nl-NL
  let be: StorefrontFixture; // brand A, nl-BE
  let en: StorefrontFixture; // brand A, en-GB
  let sfB: StorefrontFixture; // brand B, nl-NL

  /** What sfA shows, per the test's own bookkeeping. */
  const visible = new Set(['claw-hammer', 'drill', 'saw', 'rake']);
  const subtree = (slug: string): string[] => [
    slug,
    ...Object.keys(PARENT)
      .filter((c) => PARENT[c] === slug)
      .flatMap(subtree),
  ];
  const expectedIn = (slug: string) => {
    const cats = new Set(subtree(slug));
    return Object.keys(FILED)
      .filter((p) => visible.has(p) && FILED[p].some((c) => cats.has(c)))
      .sort();
  };

  beforeAll(async () => {
    app = await TestApp.start({ env: { DEBUG_SQL_COUNT: 'true' } });
    fx = await Fixtures.create(app);
    root = fx.root;
    A = await fx.brand();
    B = await fx.brand();
    const w = await fx.warehouse();
    nl = await fx.storefront({ brandCode: A, audience: 'B2C', warehouseCodes: [w] });
    be = await fx.storefront({ brandCode: A, audience: 'B2C', warehouseCodes: [w], country: 'BE', locale: 'nl-BE' });
    en = await fx.storefront({ brandCode: A, audience: 'B2C', warehouseCodes: [w], locale: 'en-GB' });
    sfB = await fx.storefront({ brandCode: B, audience: 'B2C', warehouseCodes: [w] });
    await upsertProducts(root, [
      {
        slug: 'claw-hammer',
        name: 'Claw Hammer',
        description: 'Forged steel hammer',
        images: [img('hammer-front', { alt: 'Claw hammer, front', width: 800, height: 600 }), img('hammer-side')],
        translations: [
          { locale: 'nl', name: 'Klauwhamer', description: 'Gesmede stalen hamer' },
          { locale: 'nl-BE', name: 'Klauwhamer (BE)' },
        ],
        variants: [
          { sku: 'CS-HAM-1', name: '500 g', images: [img('hammer-500')], translations: [{ locale: 'nl', name: '500 gram' }] },
          { sku: 'CS-HAM-2', name: '800 g' },
        ],
      },
      { slug: 'drill', name: 'Drill', variants: [{ sku: 'CS-DRILL', name: 'Drill' }] },
      { slug: 'saw', name: 'Saw', variants: [{ sku: 'CS-SAW', name: 'Saw' }] },
      { slug: 'rake', name: 'Rake', variants: [{ sku: 'CS-RAKE', name: 'Rake' }] },
      { slug: 'secret-thing', name: 'Secret', variants: [{ sku: 'CS-SECRET', name: 'x' }] },
      { slug: 'unpriced-glove', name: 'Glove', variants: [{ sku: 'CS-GLOVE', name: 'x' }] },
    ]);
    for (const sf of [nl, be, en]) {
      await publish(root, sf.code, ['claw-hammer', 'drill', 'saw', 'rake', 'unpriced-glove']);
      await setPrices(
        root,
        ['CS-HAM-1', 'CS-HAM-2', 'CS-DRILL', 'CS-SAW', 'CS-RAKE', 'CS-SECRET'].map((sku) => ({
          storefrontCode: sf.code,
          sku,
          amount: '5',
        })),
      );
    }
    await publish(root, sfB.code, ['claw-hammer']);
    await setPrices(root, [{ storefrontCode: sfB.code, sku: 'CS-HAM-1', amount: '6' }]);
    // Children before parents in one batch; positions put garden before tools.
    await upsertCategories(root, A, [
      { slug: 'hammers', name: 'Hammers', parentSlug: 'hand-tools', translations: [{ locale: 'nl', name: 'Hamers' }] },
      { slug: 'hand-tools', name: 'Hand tools', parentSlug: 'tools', position: 0 },
      { slug: 'power-tools', name: 'Power tools', parentSlug: 'tools', position: 1 },
      {
        slug: 'tools',
        name: 'Tools',
        description: 'Everything for the workshop',
        position: 2,
        translations: [
          { locale: 'nl', name: 'Gereedschap', description: 'Alles voor de werkplaats' },
          { locale: 'nl-BE', name: 'Gereedschap (BE)' },
        ],
      },
      { slug: 'garden', name: 'Garden', position: 1 },
      { slug: 'garden-tools', name: 'Garden tools', parentSlug: 'garden' },
      { slug: 'empty', name: 'Empty' },
      { slug: 'hidden', name: 'Hidden' },
    ]);
    await setProductCategories(
      root,
      A,
      Object.entries(FILED).map(([productSlug, categorySlugs]) => ({ productSlug, categorySlugs })),
    );
    await upsertCategories(root, B, [{ slug: 'tools', name: 'Bravo tools' }]);
    await setProductCategories(root, B, [{ productSlug: 'claw-hammer', categorySlugs: ['tools'] }]);
  });
  afterAll(() => app?.close());

  it('lists the visible tree in order, in the storefront language, with counts of visible products', async () => {
    const { categories } = await nl.client.ok(TREE);
    expect(categories.map((c: any) => c.slug)).toEqual(['garden', 'tools']); // empty and hidden show nothing here
    const tools = categories[1];
    expect(tools).toMatchObject({
      name: 'Gereedschap',
      description: 'Alles voor de werkplaats',
      position: 2,
      depth: 1,
      parentSlug: null,
      productCount: expectedIn('tools').length,
    });
    expect(tools.children).toEqual([
      { slug: 'hand-tools', children: [{ slug: 'hammers', children: [] }] },
      { slug: 'power-tools', children: [] },
    ]);
    const flat = (await nl.client.ok(FLAT)).categories;
    expect(flat.map((c: any) => c.slug)).toEqual(['garden', 'garden-tools', 'tools', 'hand-tools', 'hammers', 'power-tools']);
    for (const c of flat) expect(c.productCount).toBe(expectedIn(c.slug).length);
    expect(flat.find((c: any) => c.slug === 'hammers')).toMatchObject({
      name: 'Hamers',
      depth: 3,
      parentSlug: 'hand-tools',
      breadcrumbs: [
        { slug: 'tools', name: 'Gereedschap' },
        { slug: 'hand-tools', name: 'Hand tools' },
        { slug: 'hammers', name: 'Hamers' },
      ],
    });
  });

  it('filters products by category including descendants, matching a count made independently', async () => {
    for (const slug of Object.keys(PARENT)) {
      const data = await nl.client.ok(PAGE, { first: 100, filter: { categorySlug: slug } });
      const slugs = data.products.edges.map((e: any) => e.node.slug);
      expect({ slug, slugs, total: data.products.totalCount }).toEqual({
        slug,
        slugs: expectedIn(slug),
        total: expectedIn(slug).length,
      });
    }
    // Pages of a filtered list keep the filter and the count.
    const p1 = await nl.client.ok(PAGE, { first: 1, filter: { categorySlug: 'tools' } });
    const p2 = await nl.client.ok(PAGE, { first: 5, after: p1.products.pageInfo.endCursor, filter: { categorySlug: 'tools' } });
    expect([...p1.products.edges, ...p2.products.edges].map((e: any) => e.node.slug)).toEqual(expectedIn('tools'));
    expect(p2.products.totalCount).toBe(expectedIn('tools').length);
    // With search: both must hold.
    const both = await nl.client.ok(PAGE, { first: 10, filter: { categorySlug: 'tools', search: 'dri' } });
    expect(both.products.edges.map((e: any) => e.node.slug)).toEqual(['drill']);
    for (const slug of ['no-such-category', 'empty']) {
      expect((await nl.client.ok(PAGE, { first: 10, filter: { categorySlug: slug } })).products.totalCount).toBe(0);
    }
    expect(await nl.client.code(PAGE, { first: 10, filter: { categorySlug: "x' OR 1=1" } })).toBe('BAD_USER_INPUT');
    expect(await nl.client.code(PAGE, { first: 10, filter: { categorySlug: 'x'.repeat(101) } })).toBe('BAD_USER_INPUT');
  });

  it('category(slug) gives breadcrumbs and children; null when unknown, empty or of another brand', async () => {
    const { category } = await nl.client.ok(CATEGORY, { s: 'hand-tools' });
    expect(category).toMatchObject({
      slug: 'hand-tools',
      parentSlug: 'tools',
      depth: 2,
      productCount: expectedIn('hand-tools').length,
      breadcrumbs: [
        { slug: 'tools', name: 'Gereedschap' },
        { slug: 'hand-tools', name: 'Hand tools' },
      ],
      children: [{ slug: 'hammers' }],
    });
    for (const s of ['empty', 'hidden', 'nope']) expect((await nl.client.ok(CATEGORY, { s })).category).toBeNull();
    // Brand B's storefront: only B's tree; A's categories do not exist there.
    expect((await sfB.client.ok(TREE)).categories).toEqual([
      expect.objectContaining({ slug: 'tools', name: 'Bravo tools', productCount: 1, children: [] }),
    ]);
    expect((await sfB.client.ok(CATEGORY, { s: 'hammers' })).category).toBeNull();
    const onB = await sfB.client.ok(PAGE, { first: 10, filter: { categorySlug: 'hammers' } });
    expect(onB.products.totalCount).toBe(0);
  });

  it('shows images and categories of products and variants; names fall back exact locale → language → base', async () => {
    const page = async (sf: StorefrontFixture) =>
      (await sf.client.ok(PAGE, { first: 10, filter: { categorySlug: 'hammers' } })).products.edges[0].node;
    const onNl = await page(nl);
    expect(onNl).toEqual({
      slug: 'claw-hammer',
      name: 'Klauwhamer',
      description: 'Gesmede stalen hamer',
      images: [
        { url: 'https://images.example.com/hammer-front.jpg', alt: 'Claw hammer, front', width: 800, height: 600, position: 0 },
        { url: 'https://images.example.com/hammer-side.jpg', alt: null, width: null, height: null, position: 1 },
      ],
      categories: [
        { slug: 'garden-tools', name: 'Garden tools' },
        { slug: 'hammers', name: 'Hamers' },
      ],
      variants: [
        { sku: 'CS-HAM-1', name: '500 gram', images: [{ url: 'https://images.example.com/hammer-500.jpg', position: 0 }] },
        { sku: 'CS-HAM-2', name: '800 g', images: [] },
      ],
    });
    // nl-BE: its own name, the language's description (per field); the category too.
    const onBe = await page(be);
    expect([onBe.name, onBe.description, onBe.variants[0].name]).toEqual(['Klauwhamer (BE)', 'Gesmede stalen hamer', '500 gram']);
    expect((await be.client.ok(CATEGORY, { s: 'tools' })).category.name).toBe('Gereedschap (BE)');
    // en-GB: nothing in English, so the base text.
    const onEn = await page(en);
    expect([onEn.name, onEn.description, onEn.variants[0].name]).toEqual(['Claw Hammer', 'Forged steel hammer', '500 g']);
    expect((await en.client.ok(CATEGORY, { s: 'tools' })).category.name).toBe('Tools');
    // Brand B files the same product elsewhere.
    const onB = (await sfB.client.ok(`{ product(slug: "claw-hammer") { name categories { slug name } } }`)).product;
    expect(onB).toEqual({ name: 'Klauwhamer', categories: [{ slug: 'tools', name: 'Bravo tools' }] });
    // Carts and orders read the same names (the variants query goes through the same read).
    expect((await nl.client.ok(`{ variants(skus: ["CS-HAM-1"]) { name images { url } } }`)).variants[0].name).toBe('500 gram');
  });

  it('searches the base text and the translations of the storefront language', async () => {
    const slugs = async (sf: StorefrontFixture, search: string) =>
      (await sf.client.ok(PAGE, { first: 10, filter: { search } })).products.edges.map((e: any) => e.node.slug);
    expect(await slugs(nl, 'klauw')).toEqual(['claw-hammer']);
    expect(await slugs(nl, 'gesmede')).toEqual(['claw-hammer']);
    expect(await slugs(nl, 'claw')).toEqual(['claw-hammer']);
    expect(await slugs(en, 'klauw')).toEqual([]); // not an English text
    expect(await slugs(en, 'claw')).toEqual(['claw-hammer']);
  });

  it('costs a constant number of SQL statements per page, whatever its size', async () => {
    const many = Array.from({ length: 25 }, (_, i) => ({
      slug: `cs-bulk-${String(i).padStart(2, '0')}`,
      name: `Bulk ${i}`,
      images: [img(`bulk-${i}`)],
      translations: [{ locale: 'nl', name: `Stapel ${i}` }],
      variants: [
        { sku: `CS-BULK-${i}-A`, name: 'A', images: [img(`bulk-${i}-a`)] },
        { sku: `CS-BULK-${i}-B`, name: 'B', translations: [{ locale: 'nl', name: 'Bee' }] },
      ],
    }));
    await upsertProducts(root, many);
    await publish(
      root,
      nl.code,
      many.map((p) => p.slug),
    );
    await setPrices(
      root,
      many.flatMap((p) => p.variants.map((v) => ({ storefrontCode: nl.code, sku: v.sku, amount: '1.00' }))),
    );
    await upsertCategories(root, A, [{ slug: 'bulk', name: 'Bulk', parentSlug: 'tools' }]);
    await setProductCategories(
      root,
      A,
      many.map((p) => ({ productSlug: p.slug, categorySlugs: ['bulk', 'garden'] })),
    );
    // Cold reads: a price change empties the read cache (the category tree too); the token resolved afresh first.
    const statements = async (first: number, search: string) => {
      await setPrices(root, [{ storefrontCode: nl.code, sku: 'CS-BULK-0-A', amount: '1.00' }]);
      await warmStorefrontToken(nl.client);
      const res = await nl.client.raw(PAGE, { first, filter: { search, categorySlug: 'bulk' } });
      expect(res.data.products.edges).toHaveLength(first);
      expect(res.data.products.edges[0].node.categories.map((c: any) => c.slug)).toEqual(['garden', 'bulk']);
      return (res as any).extensions.sqlStatements as number;
    };
    const one = await statements(1, 'bulk');
    const twenty = await statements(20, 'BULK');
    expect(twenty).toBe(one);
    expect(twenty).toBe(3); // the page, its variants, the category tree
  });

  it('moves a subtree: paths, breadcrumbs and counts follow at once', async () => {
    await upsertCategories(root, A, [{ slug: 'hand-tools', name: 'Hand tools', parentSlug: 'garden' }]);
    PARENT['hand-tools'] = 'garden';
    try {
      const { category } = await nl.client.ok(CATEGORY, { s: 'hammers' });
      expect(category.breadcrumbs.map((c: any) => c.slug)).toEqual(['garden', 'hand-tools', 'hammers']);
      expect(category.depth).toBe(3);
      const admin = (await root.ok(`query($b: String!) { categories(brandCode: $b) { slug depth parentSlug } }`, { b: A }))
        .categories;
      expect(admin.find((c: any) => c.slug === 'hammers')).toEqual({ slug: 'hammers', depth: 3, parentSlug: 'hand-tools' });
      for (const slug of ['tools', 'garden', 'hand-tools']) {
        const data = await nl.client.ok(PAGE, { first: 100, filter: { categorySlug: slug } });
        expect(data.products.edges.map((e: any) => e.node.slug).filter((s: string) => !s.startsWith('cs-bulk'))).toEqual(
          expectedIn(slug),
        );
      }
    } finally {
      await upsertCategories(root, A, [{ slug: 'hand-tools', name: 'Hand tools', parentSlug: 'tools' }]);
      PARENT['hand-tools'] = 'tools';
    }
  });

  it('admin reads show images, translations and where a product is filed (own brands only)', async () => {
    const adminA = await fx.brandAdmin([A]);
    const all = (await root.ok(ADMIN_PRODUCTS, { s: ['claw-hammer'] })).productsBySlugs[0];
    expect(all.images).toHaveLength(2);
    expect(all.translations).toEqual([
      { locale: 'nl', name: 'Klauwhamer', description: 'Gesmede stalen hamer' },
      { locale: 'nl-BE', name: 'Klauwhamer (BE)', description: null },
    ]);
    expect(all.variants[0]).toEqual({
      sku: 'CS-HAM-1',
      images: [{ url: 'https://images.example.com/hammer-500.jpg' }],
      translations: [{ locale: 'nl', name: '500 gram' }],
    });
    expect(all.categories).toEqual(
      expect.arrayContaining([
        { brandCode: A, slug: 'hammers' },
        { brandCode: B, slug: 'tools' },
      ]),
    );
    const mine = (await adminA.ok(ADMIN_PRODUCTS, { s: ['claw-hammer'] })).productsBySlugs[0];
    expect(mine.categories.map((c: any) => c.brandCode)).toEqual([A, A]);
  });

  it('leaves images and translations alone when omitted, replaces them when given', async () => {
    await upsertProducts(root, [
      {
        slug: 'rake',
        name: 'Rake',
        images: [img('rake')],
        translations: [{ locale: 'nl', name: 'Hark' }],
        variants: [{ sku: 'CS-RAKE', name: 'Rake' }],
      },
    ]);
    await upsertProducts(root, [{ slug: 'rake', name: 'Rake', variants: [{ sku: 'CS-RAKE', name: 'Rake' }] }]);
    let rake = (await root.ok(ADMIN_PRODUCTS, { s: ['rake'] })).productsBySlugs[0];
    expect([rake.images.length, rake.translations]).toEqual([1, [{ locale: 'nl', name: 'Hark', description: null }]]);
    expect((await nl.client.ok(`{ product(slug: "rake") { name } }`)).product.name).toBe('Hark');
    await upsertProducts(root, [
      { slug: 'rake', name: 'Rake', images: [], translations: [], variants: [{ sku: 'CS-RAKE', name: 'Rake' }] },
    ]);
    rake = (await root.ok(ADMIN_PRODUCTS, { s: ['rake'] })).productsBySlugs[0];
    expect([rake.images, rake.translations]).toEqual([[], []]);
    expect((await nl.client.ok(`{ product(slug: "rake") { name } }`)).product.name).toBe('Rake');
  });

  it('a brand admin writes their own tree; another brand is NOT_FOUND and changes nothing', async () => {
    const adminA = await fx.brandAdmin([A]);
    const adminB = await fx.brandAdmin([B]);
    const made = await upsertCategories(adminA, A, [
      { slug: 'adm-a', name: 'By admin A', translations: [{ locale: 'nl-NL', name: 'Door beheerder A', description: 'x' }] },
    ]);
    expect(made).toEqual([
      {
        slug: 'adm-a',
        name: 'By admin A',
        description: null,
        position: 0,
        depth: 1,
        parentSlug: null,
        translations: [{ locale: 'nl-NL', name: 'Door beheerder A', description: 'x' }],
      },
    ]);
    expect(await setProductCategories(adminA, A, [{ productSlug: 'drill', categorySlugs: ['power-tools', 'adm-a'] }])).toBe(1);
    const before = await app.db.snapshot();
    expect(await adminB.code(UPSERT_CATEGORIES, { b: A, i: [{ slug: 'x', name: 'x' }] })).toBe('NOT_FOUND');
    expect(await adminB.code(SET_PRODUCT_CATEGORIES, { b: A, i: [{ productSlug: 'drill', categorySlugs: [] }] })).toBe(
      'NOT_FOUND',
    );
    expect(await adminB.code(`query($b: String!) { categories(brandCode: $b) { slug } }`, { b: A })).toBe('NOT_FOUND');
    // B's admin on B, naming A's category: unknown in B.
    const res = await adminB.raw(SET_PRODUCT_CATEGORIES, { b: B, i: [{ productSlug: 'drill', categorySlugs: ['power-tools'] }] });
    expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0].extensions?.fieldErrors?.map((f) => f.path)).toEqual(['input.0.categorySlugs.0']);
    expect(await app.db.snapshot()).toEqual(before);
    await setProductCategories(adminA, A, [{ productSlug: 'drill', categorySlugs: ['power-tools'] }]);
  });

  describe('bad input changes nothing', () => {
    const cat = (over: Record<string, unknown> = {}) => ({ slug: 'new-cat', name: 'New', ...over });
    const product = (over: Record<string, unknown> = {}, variant: Record<string, unknown> = {}) => ({
      slug: 'bad-input-product',
      name: 'x',
      ...over,
      variants: [{ sku: 'BAD-INPUT-1', name: 'x', ...variant }],
    });
    const UPSERT = `mutation($i: [ProductInput!]!) { upsertProducts(input: $i) { id } }`;
    /**
     * `path`: the field error's path. A missing or mistyped field is refused by GraphQL itself (BAD_USER_INPUT
     * without field errors; its message names the field when it is missing).
     */
    const refused = async (client: ApiClient, query: string, variables: Record<string, unknown>, path: string) => {
      const before = await app.db.snapshot();
      const res = await client.raw(query, variables);
      expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      const paths = res.errors?.[0].extensions?.fieldErrors?.map((f) => f.path);
      if (paths) expect(paths).toContain(path);
      else if (/required/.test(res.errors?.[0].message ?? '')) expect(res.errors?.[0].message).toContain(path.split('.').pop());
      expect(JSON.stringify(res.errors)).not.toMatch(/violates|QueryFailedError|node_modules/);
      expect(await app.db.snapshot()).toEqual(before);
    };

    it.each([
      ['no categories', [], 'input'],
      ['missing name', [{ slug: 'new-cat' }], 'input.0.name'],
      ['blank name', [cat({ name: '   ' })], 'input.0.name'],
      ['too long name', [cat({ name: 'n'.repeat(201) })], 'input.0.name'],
      ['too long description', [cat({ description: 'd'.repeat(5001) })], 'input.0.description'],
      ['bad slug', [cat({ slug: 'New Cat' })], 'input.0.slug'],
      ['too long slug', [cat({ slug: 'a'.repeat(101) })], 'input.0.slug'],
      ['injection in slug', [cat({ slug: "x'); DROP TABLE category; --" })], 'input.0.slug'],
      ['position of the wrong type', [cat({ position: 'first' })], 'input.0.position'],
      ['negative position', [cat({ position: -1 })], 'input.0.position'],
      ['unknown parent', [cat({ parentSlug: 'no-such-parent' })], 'input.0.parentSlug'],
      ['bad locale', [cat({ translations: [{ locale: 'nl_NL', name: 'x' }] })], 'input.0.translations.0.locale'],
      ['injection in locale', [cat({ translations: [{ locale: "nl'--", name: 'x' }] })], 'input.0.translations.0.locale'],
      [
        'a locale twice',
        [
          cat({
            translations: [
              { locale: 'nl', name: 'x' },
              { locale: 'nl', name: 'y' },
            ],
          }),
        ],
        'input.0.translations',
      ],
      [
        'too long translated name',
        [cat({ translations: [{ locale: 'nl', name: 'n'.repeat(201) }] })],
        'input.0.translations.0.name',
      ],
      [
        'too many translations',
        [
          cat({
            translations: [
              'nl',
              'en',
              'de',
              'fr',
              'es',
              'it',
              'pt',
              'pl',
              'cs',
              'da',
              'sv',
              'fi',
              'nb',
              'et',
              'lv',
              'lt',
              'hu',
              'ro',
              'bg',
              'el',
              'hr',
            ].map((locale) => ({ locale, name: 'x' })),
          }),
        ],
        'input.0.translations',
      ],
      ['a slug twice', [cat(), cat()], 'input.1.slug'],
      ['its own parent', [cat({ parentSlug: 'new-cat' })], 'input.0.parentSlug'],
      ['under its own descendant', [{ slug: 'tools', name: 'Tools', parentSlug: 'hammers' }], 'input.0.parentSlug'],
      [
        'deeper than 10 levels',
        Array.from({ length: 8 }, (_, i) => ({ slug: `deep-${i}`, name: 'x', parentSlug: i ? `deep-${i - 1}` : 'hammers' })),
        'input.7.parentSlug',
      ],
    ])('upsertCategories: %s', async (_name, input, path) => {
      await refused(root, UPSERT_CATEGORIES, { b: A, i: input }, path);
    });

    it('upsertCategories: more than 500', async () => {
      const input = Array.from({ length: 501 }, (_, i) => cat({ slug: `c-${i}` }));
      await refused(root, UPSERT_CATEGORIES, { b: A, i: input }, 'input');
    });

    it.each([
      ['unknown product', [{ productSlug: 'no-such-product', categorySlugs: ['tools'] }], 'input.0.productSlug'],
      ['unknown category', [{ productSlug: 'drill', categorySlugs: ['tools', 'nope'] }], 'input.0.categorySlugs.1'],
      ['bad category slug', [{ productSlug: 'drill', categorySlugs: ["'; DROP"] }], 'input.0.categorySlugs'],
      ['missing categories', [{ productSlug: 'drill' }], 'input.0.categorySlugs'],
      [
        'too many categories',
        [{ productSlug: 'drill', categorySlugs: Array.from({ length: 21 }, (_, i) => `c${i}`) }],
        'input.0.categorySlugs',
      ],
      [
        'a product twice',
        [
          { productSlug: 'drill', categorySlugs: [] },
          { productSlug: 'drill', categorySlugs: ['tools'] },
        ],
        'input.1.productSlug',
      ],
    ])('setProductCategories: %s', async (_name, input, path) => {
      await refused(root, SET_PRODUCT_CATEGORIES, { b: A, i: input }, path);
    });

    it.each([
      ['http image', product({ images: [{ url: 'http://images.example.com/a.jpg' }] }), 'input.0.images.0.url'],
      ['javascript image', product({ images: [{ url: 'javascript:alert(1)' }] }), 'input.0.images.0.url'],
      ['too long url', product({ images: [{ url: `https://images.example.com/${'a'.repeat(2000)}` }] }), 'input.0.images.0.url'],
      ['missing url', product({ images: [{ alt: 'x' }] }), 'input.0.images.0.url'],
      ['width without height', product({ images: [img('a', { width: 10 })] }), 'input.0.images.0.height'],
      ['width of the wrong type', product({ images: [img('a', { width: 'wide', height: 1 })] }), 'input.0.images.0.width'],
      ['zero width', product({ images: [img('a', { width: 0, height: 1 })] }), 'input.0.images.0.width'],
      ['too long alt', product({ images: [img('a', { alt: 'a'.repeat(501) })] }), 'input.0.images.0.alt'],
      ['21 images', product({ images: Array.from({ length: 21 }, (_, i) => img(`a${i}`)) }), 'input.0.images'],
      [
        '11 variant images',
        product({}, { images: Array.from({ length: 11 }, (_, i) => img(`a${i}`)) }),
        'input.0.variants.0.images',
      ],
      ['bad variant image', product({}, { images: [{ url: 'ftp://x/a.jpg' }] }), 'input.0.variants.0.images.0.url'],
      ['bad locale', product({ translations: [{ locale: 'xx-ZZ', name: 'x' }] }), 'input.0.translations.0.locale'],
      ['blank translated name', product({ translations: [{ locale: 'nl', name: ' ' }] }), 'input.0.translations.0.name'],
      ['missing translated name', product({ translations: [{ locale: 'nl' }] }), 'input.0.translations.0.name'],
      [
        'too long translated description',
        product({ translations: [{ locale: 'nl', name: 'x', description: 'd'.repeat(20001) }] }),
        'input.0.translations.0.description',
      ],
      [
        'bad variant locale',
        product({}, { translations: [{ locale: 'NL', name: 'x' }] }),
        'input.0.variants.0.translations.0.locale',
      ],
      [
        'a variant locale twice',
        product(
          {},
          {
            translations: [
              { locale: 'nl', name: 'x' },
              { locale: 'nl', name: 'y' },
            ],
          },
        ),
        'input.0.variants.0.translations',
      ],
    ])('upsertProducts: %s', async (_name, input, path) => {
      await refused(root, UPSERT, { i: [input] }, path);
    });
  });
});

describe('demo data: category trees, images, Dutch and English names', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await TestApp.start({ env: { SEED_DEMO: 'true' } });
  });
  afterAll(() => app?.close());

  it('the DIY shop shows its tree in Dutch, and every listed product is in exactly one root', async () => {
    const shop = storefrontClient(app, 'sft_demo_handug_nl');
    const { categories } = await shop.ok(`{ categories { slug name productCount children { slug name productCount } } }`);
    expect(categories.map((c: any) => c.name)).toEqual(['Gereedschap', 'Schilderen', 'Opbergen en ladders']);
    const total = (await shop.ok(`{ products(first: 1) { totalCount } }`)).products.totalCount;
    expect(categories.reduce((n: number, c: any) => n + c.productCount, 0)).toBe(total);
    const page = await shop.ok(
      `{ products(first: 1, filter: { categorySlug: "measuring" }) { totalCount edges { node { name images { url } categories { breadcrumbs { name } } variants { name images { url } } } } } }`,
    );
    const node = page.products.edges[0].node;
    expect(node.name).toMatch(/(rolmaat|waterpas)$/);
    expect(node.images[0].url).toMatch(/^https:\/\/images\.example\.com\/demo\//);
    expect(node.categories[0].breadcrumbs.map((c: any) => c.name)).toEqual(['Gereedschap', 'Handgereedschap', 'Meten']);
    expect(node.variants[0].images).toHaveLength(1);
  });

  it('the safety shop (nl-BE) reads the Dutch language text', async () => {
    const shop = storefrontClient(app, 'sft_demo_abc_ppe_shop');
    const { category } = await shop.ok(`{ category(slug: "hearing-protection") { name breadcrumbs { name } productCount } }`);
    expect(category).toEqual({
      name: 'Gehoorbescherming',
      breadcrumbs: [{ name: 'Hoofd en gelaat' }, { name: 'Gehoorbescherming' }],
      productCount: 10,
    });
    const p = (await shop.ok(`{ product(slug: "ear-muff-pro") { name variants { name } } }`)).product;
    expect(p.name).toBe('Gehoorkap Pro');
    expect(p.variants.map((v: any) => v.name)).toEqual(['Maat S', 'Maat M', 'Maat L', 'Maat XL']);
  });

  it('the B2B shop has quantity breaks (5 % from 10, 10 % from 50) on its net prices; the B2C shop none', async () => {
    const q = `{ product(slug: "ear-muff-pro") { variants { price { amount tiers { minQuantity amount } } } } }`;
    const b2b = (await storefrontClient(app, 'sft_demo_abc_ppe_b2b').ok(q)).product.variants[0].price;
    const cents = Math.round(Number(b2b.amount) * 100);
    expect(b2b.tiers).toEqual([
      { minQuantity: 10, amount: (Math.round(cents * 0.95) / 100).toFixed(2) },
      { minQuantity: 50, amount: (Math.round(cents * 0.9) / 100).toFixed(2) },
    ]);
    expect((await storefrontClient(app, 'sft_demo_abc_ppe_shop').ok(q)).product.variants[0].price.tiers).toEqual([]);
  });

  it('the safety shop offers size options and colour / norm facets in Dutch; the DIY shop a cordless facet', async () => {
    const shop = storefrontClient(app, 'sft_demo_abc_ppe_shop');
    const res =
      await shop.ok(`{ products(first: 1, filter: { categorySlug: "hand-protection", attributes: [{ code: "size", values: ["m"] }] }) {
      totalCount facets { code name values { code label count selected } } edges { node { options { name values { label } } } } } }`);
    const facets = Object.fromEntries(res.products.facets.map((f: any) => [f.code, f]));
    expect(Object.keys(facets)).toEqual(['size', 'colour', 'norm']);
    expect(facets.size.name).toBe('Maat');
    expect(facets.size.values.find((v: any) => v.code === 'm')).toEqual({
      code: 'm',
      label: 'M',
      count: res.products.totalCount,
      selected: true,
    });
    expect(facets.norm.values).toEqual([{ code: 'en-388', label: 'EN 388', count: res.products.totalCount, selected: false }]);
    expect(facets.colour.values.reduce((n: number, v: any) => n + v.count, 0)).toBe(res.products.totalCount);
    expect(res.products.edges[0].node.options).toEqual([
      { name: 'Maat', values: ['S', 'M', 'L', 'XL'].map((label) => ({ label })) },
    ]);
    const diy = storefrontClient(app, 'sft_demo_handug_nl');
    const cordless = await diy.ok(
      `{ products(first: 100, filter: { attributes: [{ code: "cordless", values: ["true"] }] }) { totalCount facets { code name values { label count } } } }`,
    );
    expect(cordless.products.totalCount).toBe(20); // one "cordless" kind of each of the 20 DIY items
    expect(cordless.products.facets).toEqual([
      {
        code: 'cordless',
        name: 'Snoerloos',
        values: [
          { label: 'Ja', count: 20 },
          { label: 'Nee', count: 180 },
        ],
      },
    ]);
  });
});
