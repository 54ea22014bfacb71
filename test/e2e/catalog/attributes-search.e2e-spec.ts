/**
 * Attributes, variant options, facets, sorting and ranked search (docs/CATALOG.md) through both APIs. Filters and
 * facet counts are checked against a model of the data kept by this test (what is published and priced where),
 * every sort is paged through with small pages and compared with an order computed here, and bad input changes
 * nothing.
 */
import { TestApp } from '../../support/app';
import type { ApiClient } from '../../support/clients';
import { publish, setPrices, upsertProducts, warmStorefrontToken } from '../../support/catalog-fixtures';
import { Fixtures, type StorefrontFixture } from '../../support/fixtures';

const UPSERT_ATTRIBUTES = `mutation($i: [AttributeInput!]!) { upsertAttributes(input: $i) {
  code name type unit filterable position translations { locale name } values { code label position translations { locale label } } } }`;
const ATTRIBUTES = `{ attributes { code type values { code label } } }`;
const PAGE = `query($first: Int, $after: String, $filter: ProductFilter, $sort: ProductSort) {
  products(first: $first, after: $after, filter: $filter, sort: $sort) {
    totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id slug name } } } }`;
const FACETS = `query($filter: ProductFilter) { products(first: 1, filter: $filter) {
  totalCount facets { code name values { code label count selected } } } }`;
const PRODUCT = `query($s: String!) { product(slug: $s) {
  attributes { code name type unit text number boolean values { code label } display }
  options { code name values { code label } }
  variants { sku attributes { code display } options { code name value { code label } } } } }`;

type Attrs = Record<string, string[]>;
interface ModelVariant {
  sku: string;
  price: string | null; // null: not priced on the storefront
  attrs: Attrs;
}
interface ModelProduct {
  slug: string;
  name: string;
  nlName?: string;
  description?: string;
  published: boolean;
  attrs: Attrs;
  extra?: { code: string; text?: string; number?: number }[];
  variants: ModelVariant[];
}

/** The test's own picture of the catalog (batch 1 is created before batch 2). */
const BATCH1: ModelProduct[] = [
  {
    slug: 'nitrile-gloves',
    name: 'Nitrile Gloves',
    nlName: 'Nitril handschoenen',
    description: 'Disposable gloves for the lab',
    published: true,
    attrs: { material: ['nitrile'], waterproof: ['true'] },
    extra: [
      { code: 'thickness', number: 0.12 },
      { code: 'care', text: 'Single use' },
    ],
    variants: [
      { sku: 'AT-NG-BLU-M', price: '10.00', attrs: { colour: ['blue'], size: ['m'] } },
      { sku: 'AT-NG-BLU-L', price: '10.00', attrs: { colour: ['blue'], size: ['l'] } },
      { sku: 'AT-NG-BLK-M', price: '12.00', attrs: { colour: ['black'], size: ['m'] } },
    ],
  },
  {
    slug: 'leather-gloves',
    name: 'Leather Work Gloves',
    published: true,
    attrs: { material: ['leather', 'cotton'], waterproof: ['false'] },
    variants: [
      { sku: 'AT-LG-BRN-M', price: '20.00', attrs: { colour: ['brown'], size: ['m'] } },
      { sku: 'AT-LG-BRN-XL', price: null, attrs: { colour: ['brown'], size: ['xl'] } },
    ],
  },
  {
    slug: 'hidden-gloves',
    name: 'Hidden Gloves',
    published: false,
    attrs: { material: ['nitrile'] },
    variants: [{ sku: 'AT-HG-RED-M', price: '5.00', attrs: { colour: ['red'], size: ['m'] } }],
  },
];
const BATCH2: ModelProduct[] = [
  {
    slug: 'winter-gloves',
    name: 'Winter Gloves',
    published: true,
    attrs: { material: ['polyester'], waterproof: ['true'] },
    variants: [
      { sku: 'AT-WG-BLK-L', price: '15.00', attrs: { colour: ['black'], size: ['l'] } },
      { sku: 'AT-WG-BLU-S', price: '15.00', attrs: { colour: ['blue'], size: ['s'] } },
    ],
  },
  {
    slug: 'safety-boots',
    name: 'Safety Boots',
    description: 'Steel toe boots, also good with gloves',
    published: true,
    attrs: { material: ['leather'], waterproof: ['true'] },
    variants: [{ sku: 'AT-SB-BLK-42', price: '80.00', attrs: { colour: ['black'] } }],
  },
  {
    slug: 'claw-hammer',
    name: 'Claw Hammer',
    published: true,
    attrs: {},
    variants: [{ sku: 'AT-CH-1', price: '10.00', attrs: {} }],
  },
];
const MODEL = [...BATCH1, ...BATCH2];
const FILTERABLE = ['colour', 'size', 'material', 'waterproof'];
/** Display order of the facets and their values (attribute position, value position). */
const VALUE_ORDER: Record<string, string[]> = {
  colour: ['black', 'blue', 'brown', 'red'],
  size: ['s', 'm', 'l', 'xl'],
  material: ['cotton', 'leather', 'nitrile', 'polyester'],
  waterproof: ['true', 'false'],
};

const visibleVariants = (p: ModelProduct) => (p.published ? p.variants.filter((v) => v.price !== null) : []);
const valuesOf = (p: ModelProduct, v: ModelVariant, code: string) => [...(p.attrs[code] ?? []), ...(v.attrs[code] ?? [])];
const satisfies = (p: ModelProduct, v: ModelVariant, filter: Attrs, except?: string) =>
  Object.entries(filter).every(([code, values]) => code === except || valuesOf(p, v, code).some((x) => values.includes(x)));
const expectedSlugs = (filter: Attrs) =>
  MODEL.filter((p) => visibleVariants(p).some((v) => satisfies(p, v, filter)))
    .map((p) => p.slug)
    .sort();
/** Facets computed from the model: each filterable attribute's values with counts, the attribute's own filter left out. */
function expectedFacets(filter: Attrs) {
  return FILTERABLE.flatMap((code) => {
    const values = VALUE_ORDER[code].flatMap((value) => {
      const count = MODEL.filter((p) =>
        visibleVariants(p).some((v) => satisfies(p, v, filter, code) && valuesOf(p, v, code).includes(value)),
      ).length;
      const selected = (filter[code] ?? []).includes(value);
      return count > 0 || selected ? [{ code: value, count, selected }] : [];
    });
    return values.length ? [{ code, values }] : [];
  });
}
const toFilter = (f: Attrs) => ({
  attributes: Object.keys(f).length ? Object.entries(f).map(([code, values]) => ({ code, values })) : null,
});

describe('attributes, options, facets, sorting and ranked search', () => {
  let app: TestApp;
  let fx: Fixtures;
  let root: ApiClient;
  let sf: StorefrontFixture; // brand A, nl-NL
  let sfB: StorefrontFixture; // brand B: only the claw hammer
  let ids: Record<string, string>;

  const assignments = (attrs: Attrs, booleans = ['waterproof']) =>
    Object.entries(attrs).map(([code, values]) =>
      booleans.includes(code) ? { code, boolean: values[0] === 'true' } : { code, values },
    );
  const toInput = (p: ModelProduct) => ({
    slug: p.slug,
    name: p.name,
    description: p.description ?? null,
    translations: p.nlName ? [{ locale: 'nl', name: p.nlName }] : null,
    attributes: [...assignments(p.attrs), ...(p.extra ?? [])],
    variants: p.variants.map((v) => ({ sku: v.sku, name: v.sku, attributes: assignments(v.attrs) })),
  });

  beforeAll(async () => {
    app = await TestApp.start({ env: { DEBUG_SQL_COUNT: 'true' } });
    fx = await Fixtures.create(app);
    root = fx.root;
    const A = await fx.brand();
    const B = await fx.brand();
    const w = await fx.warehouse();
    sf = await fx.storefront({ brandCode: A, audience: 'B2C', warehouseCodes: [w] });
    sfB = await fx.storefront({ brandCode: B, audience: 'B2C', warehouseCodes: [w] });
    const value = (code: string, label: string, nl?: string) => ({
      code,
      label,
      translations: nl ? [{ locale: 'nl', label: nl }] : null,
    });
    await root.ok(UPSERT_ATTRIBUTES, {
      i: [
        {
          code: 'colour',
          name: 'Colour',
          type: 'ENUM',
          filterable: true,
          position: 1,
          translations: [{ locale: 'nl', name: 'Kleur' }],
          values: [
            value('black', 'Black', 'Zwart'),
            value('blue', 'Blue', 'Blauw'),
            value('brown', 'Brown'),
            value('red', 'Red'),
          ],
        },
        {
          code: 'size',
          name: 'Size',
          type: 'ENUM',
          filterable: true,
          position: 2,
          values: ['s', 'm', 'l', 'xl'].map((c) => value(c, c.toUpperCase())),
        },
        {
          code: 'material',
          name: 'Material',
          type: 'ENUM',
          filterable: true,
          position: 3,
          values: ['cotton', 'leather', 'nitrile', 'polyester'].map((c) => value(c, c[0].toUpperCase() + c.slice(1))),
        },
        { code: 'waterproof', name: 'Waterproof', type: 'BOOLEAN', filterable: true, position: 4 },
        { code: 'thickness', name: 'Thickness', type: 'NUMBER', unit: 'mm', position: 5 },
        { code: 'care', name: 'Care', type: 'TEXT', position: 6 },
      ],
    });
    await upsertProducts(root, BATCH1.map(toInput));
    await upsertProducts(root, BATCH2.map(toInput));
    await publish(
      root,
      sf.code,
      MODEL.filter((p) => p.published).map((p) => p.slug),
    );
    await publish(root, sfB.code, ['claw-hammer', 'hidden-gloves']);
    await setPrices(root, [
      ...MODEL.flatMap((p) =>
        p.variants.flatMap((v) => (v.price ? [{ storefrontCode: sf.code, sku: v.sku, amount: v.price }] : [])),
      ),
      { storefrontCode: sfB.code, sku: 'AT-CH-1', amount: '11' },
      { storefrontCode: sfB.code, sku: 'AT-HG-RED-M', amount: '11' },
    ]);
    const all = await sf.client.ok(PAGE, { first: 100 });
    ids = Object.fromEntries(all.products.edges.map((e: { node: { id: string; slug: string } }) => [e.node.slug, e.node.id]));
  });

  afterAll(async () => {
    await app?.stop();
  });

  describe('attributes on the Admin API', () => {
    it('stores typed attributes with values in order, BOOLEAN gets true/false, and lists them', async () => {
      const { attributes } = await root.ok(ATTRIBUTES);
      const byCode = Object.fromEntries(attributes.map((a: { code: string }) => [a.code, a]));
      expect(attributes.map((a: { code: string }) => a.code)).toEqual([
        'colour',
        'size',
        'material',
        'waterproof',
        'thickness',
        'care',
      ]);
      expect(byCode.waterproof.values).toEqual([
        { code: 'true', label: 'Yes' },
        { code: 'false', label: 'No' },
      ]);
      expect(byCode.size.values.map((v: { code: string }) => v.code)).toEqual(['s', 'm', 'l', 'xl']);
      expect(byCode.care.values).toEqual([]);
    });

    it('updates by code without dropping values, and a storefront sees the new label at once', async () => {
      const res = await root.ok(UPSERT_ATTRIBUTES, {
        i: [
          {
            code: 'waterproof',
            name: 'Waterproof',
            type: 'BOOLEAN',
            filterable: true,
            position: 4,
            values: [{ code: 'true', label: 'Waterproof' }],
          },
        ],
      });
      expect(res.upsertAttributes[0].values.map((v: { code: string; label: string }) => `${v.code}=${v.label}`)).toEqual([
        'true=Waterproof',
        'false=No',
      ]);
      const p = await sf.client.ok(PRODUCT, { s: 'winter-gloves' });
      expect(p.product.attributes.find((a: { code: string }) => a.code === 'waterproof').display).toBe('Waterproof');
      await root.ok(UPSERT_ATTRIBUTES, {
        i: [
          {
            code: 'waterproof',
            name: 'Waterproof',
            type: 'BOOLEAN',
            filterable: true,
            position: 4,
            values: [{ code: 'true', label: 'Yes' }],
          },
        ],
      });
    });
  });

  describe('attributes and options on the Storefront API', () => {
    it('shows typed product attributes in order, names and labels in the storefront locale', async () => {
      const { product } = await sf.client.ok(PRODUCT, { s: 'nitrile-gloves' });
      expect(product.attributes).toEqual([
        {
          code: 'material',
          name: 'Material',
          type: 'ENUM',
          unit: null,
          text: null,
          number: null,
          boolean: null,
          values: [{ code: 'nitrile', label: 'Nitrile' }],
          display: 'Nitrile',
        },
        {
          code: 'waterproof',
          name: 'Waterproof',
          type: 'BOOLEAN',
          unit: null,
          text: null,
          number: null,
          boolean: true,
          values: [{ code: 'true', label: 'Yes' }],
          display: 'Yes',
        },
        {
          code: 'thickness',
          name: 'Thickness',
          type: 'NUMBER',
          unit: 'mm',
          text: null,
          number: 0.12,
          boolean: null,
          values: [],
          display: '0.12 mm',
        },
        {
          code: 'care',
          name: 'Care',
          type: 'TEXT',
          unit: null,
          text: 'Single use',
          number: null,
          boolean: null,
          values: [],
          display: 'Single use',
        },
      ]);
    });

    it('builds the option selectors from the visible variants only; each variant knows its values (Dutch labels)', async () => {
      const nitrile = (await sf.client.ok(PRODUCT, { s: 'nitrile-gloves' })).product;
      expect(nitrile.options).toEqual([
        {
          code: 'colour',
          name: 'Kleur',
          values: [
            { code: 'black', label: 'Zwart' },
            { code: 'blue', label: 'Blauw' },
          ],
        },
        {
          code: 'size',
          name: 'Size',
          values: [
            { code: 'm', label: 'M' },
            { code: 'l', label: 'L' },
          ],
        },
      ]);
      expect(nitrile.variants.find((v: { sku: string }) => v.sku === 'AT-NG-BLK-M').options).toEqual([
        { code: 'colour', name: 'Kleur', value: { code: 'black', label: 'Zwart' } },
        { code: 'size', name: 'Size', value: { code: 'm', label: 'M' } },
      ]);
      // The XL leather glove has no price here: its size is not offered.
      const leather = (await sf.client.ok(PRODUCT, { s: 'leather-gloves' })).product;
      expect(leather.options.find((o: { code: string }) => o.code === 'size').values).toEqual([{ code: 'm', label: 'M' }]);
      expect(leather.attributes[0].display).toBe('Cotton, Leather');
    });
  });

  describe('attribute filters and facets match a count made independently', () => {
    const cases: [string, Attrs][] = [
      ['no filter', {}],
      ['one colour', { colour: ['blue'] }],
      ['two colours (multi-select)', { colour: ['blue', 'brown'] }],
      ['colour and size on the same variant', { colour: ['black'], size: ['m'] }],
      ['a product attribute and a variant attribute', { material: ['leather'], colour: ['black'] }],
      ['a boolean', { waterproof: ['true'] }],
      ['boolean false and a size', { waterproof: ['false'], size: ['m', 'xl'] }],
      ['a value nobody has', { colour: ['red'] }],
      ['an unknown attribute', { weight: ['heavy'] }],
      ['an unknown value beside a known one', { colour: ['blue', 'no-such-colour'] }],
    ];
    it.each(cases)('%s', async (_name, filter) => {
      const res = await sf.client.ok(FACETS, { filter: toFilter(filter) });
      expect(res.products.totalCount).toBe(expectedSlugs(filter).length);
      const got = res.products.facets.map(
        (f: { code: string; values: { code: string; count: number; selected: boolean }[] }) => ({
          code: f.code,
          values: f.values.map(({ code, count, selected }) => ({ code, count, selected })),
        }),
      );
      expect(got).toEqual(expectedFacets(filter));
      const page = await sf.client.ok(PAGE, { first: 100, filter: toFilter(filter) });
      expect(page.products.edges.map((e: { node: { slug: string } }) => e.node.slug).sort()).toEqual(expectedSlugs(filter));
    });

    it('combines with search and categories, and labels facets in the storefront locale', async () => {
      const res = await sf.client.ok(FACETS, {
        filter: { search: 'gloves', attributes: [{ code: 'colour', values: ['black'] }] },
      });
      expect(res.products.totalCount).toBe(3); // nitrile (black M), winter (black L), and the black boots whose description mentions gloves
      expect(res.products.facets[0]).toMatchObject({ code: 'colour', name: 'Kleur' });
      expect(res.products.facets[0].values[0]).toMatchObject({ code: 'black', label: 'Zwart', selected: true });
    });

    it('counts nothing of another brand: brand B shows only what is published and priced there', async () => {
      const res = await sfB.client.ok(FACETS, { filter: {} });
      expect(res.products.totalCount).toBe(2);
      expect(res.products.facets).toEqual([
        { code: 'colour', name: 'Kleur', values: [{ code: 'red', label: 'Red', count: 1, selected: false }] },
        { code: 'size', name: 'Size', values: [{ code: 'm', label: 'M', count: 1, selected: false }] },
        { code: 'material', name: 'Material', values: [{ code: 'nitrile', label: 'Nitrile', count: 1, selected: false }] },
      ]);
    });

    it('costs a constant number of SQL statements for a page with facets, attributes and options', async () => {
      const q = `query($first: Int, $filter: ProductFilter) { products(first: $first, filter: $filter) { facets { code values { code count } }
        edges { node { attributes { code display } options { code } variants { sku options { code } attributes { code } } } } } }`;
      // Cold reads of two search texts (each its own page and facets), the token resolved afresh just before.
      const statements = async (first: number, search: string) => {
        // A committed change (the same price again) empties the read cache: nothing of earlier tests is cached.
        await setPrices(root, [{ storefrontCode: sfB.code, sku: 'AT-CH-1', amount: '11' }]);
        await warmStorefrontToken(sf.client);
        const res = await sf.client.raw(q, { first, filter: { search } });
        expect(res.data.products.edges).toHaveLength(first);
        return (res as any).extensions.sqlStatements as number;
      };
      const one = await statements(2, 'gloves');
      const three = await statements(3, 'glove');
      expect(three).toBe(one); // never a statement per product
      expect(three).toBeLessThanOrEqual(5); // page, facets, variants, attributes
    });
  });

  describe('sorting pages through every product once, in an order computed here', () => {
    const visible = () => MODEL.filter((p) => visibleVariants(p).length);
    const byId = (a: string, b: string) => (ids[a] < ids[b] ? -1 : ids[a] > ids[b] ? 1 : 0);
    const minPrice = (p: ModelProduct) => Math.min(...visibleVariants(p).map((v) => Number(v.price)));
    const shownName = (p: ModelProduct) => (p.nlName ?? p.name).toLowerCase();
    const orders: Record<string, () => string[]> = {
      RELEVANCE: () =>
        visible()
          .map((p) => p.slug)
          .sort(),
      NAME: () =>
        visible()
          .sort((a, b) => (shownName(a) < shownName(b) ? -1 : shownName(a) > shownName(b) ? 1 : byId(a.slug, b.slug)))
          .map((p) => p.slug),
      PRICE_ASC: () =>
        visible()
          .sort((a, b) => minPrice(a) - minPrice(b) || byId(a.slug, b.slug))
          .map((p) => p.slug),
      PRICE_DESC: () =>
        visible()
          .sort((a, b) => minPrice(b) - minPrice(a) || byId(b.slug, a.slug))
          .map((p) => p.slug),
      NEWEST: () => {
        const batch = (p: ModelProduct) => (BATCH2.includes(p) ? 2 : 1);
        return visible()
          .sort((a, b) => batch(b) - batch(a) || byId(b.slug, a.slug))
          .map((p) => p.slug);
      },
    };
    it.each(Object.keys(orders))('%s', async (sort) => {
      const seen: string[] = [];
      let after: string | null = null;
      for (let i = 0; i < 10; i++) {
        const res: any = await sf.client.ok(PAGE, { first: 2, after, sort });
        seen.push(...res.products.edges.map((e: { node: { slug: string } }) => e.node.slug));
        expect(res.products.totalCount).toBe(orders[sort]().length);
        if (!res.products.pageInfo.hasNextPage) break;
        after = res.products.pageInfo.endCursor;
      }
      expect(seen).toEqual(orders[sort]());
    });

    it('ties are broken by id: the two products at 10.00 come in id order under PRICE_ASC', async () => {
      const res = await sf.client.ok(PAGE, { first: 2, sort: 'PRICE_ASC' });
      const tied = ['claw-hammer', 'nitrile-gloves'].sort((a, b) => byId(a, b));
      expect(res.products.edges.map((e: { node: { slug: string } }) => e.node.slug)).toEqual(tied);
    });

    it('refuses a cursor of another sort or a forged one', async () => {
      const first = await sf.client.ok(PAGE, { first: 1, sort: 'NAME' });
      const other = await sf.client.raw(PAGE, { first: 1, sort: 'PRICE_ASC', after: first.products.pageInfo.endCursor });
      expect(other.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      const bySlug = await sf.client.ok(PAGE, { first: 1 });
      const mixed = await sf.client.raw(PAGE, { first: 1, sort: 'NEWEST', after: bySlug.products.pageInfo.endCursor });
      expect(mixed.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      const forged = Buffer.from(`ps:["NAME","x","not-a-uuid"]`).toString('base64url');
      const res = await sf.client.raw(PAGE, { first: 1, sort: 'NAME', after: forged });
      expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      const bad = await sf.client.raw(PAGE, { first: 1, sort: 'CHEAPEST' });
      expect(bad.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    });
  });

  describe('ranked search with typo tolerance', () => {
    const slugs = async (search: string, sort = 'RELEVANCE') =>
      (await sf.client.ok(PAGE, { first: 100, filter: { search }, sort })).products.edges.map(
        (e: { node: { slug: string } }) => e.node.slug,
      );

    it('puts an exact SKU first', async () => {
      expect((await slugs('at-ch-1'))[0]).toBe('claw-hammer');
      expect((await slugs('AT-WG-BLU-S'))[0]).toBe('winter-gloves');
    });

    it('ranks name matches above description matches', async () => {
      const found = await slugs('gloves');
      expect(found.slice(0, 3).sort()).toEqual(['leather-gloves', 'nitrile-gloves', 'winter-gloves']);
      expect(found[3]).toBe('safety-boots');
      expect(found).toHaveLength(4);
    });

    it.each([
      ['hamer', ['claw-hammer']],
      ['glvoes', ['leather-gloves', 'nitrile-gloves', 'safety-boots', 'winter-gloves']],
      ['lether work', ['leather-gloves']],
      ['handschoenn', ['nitrile-gloves']], // the Dutch name, misspelt
      ['nitril', ['nitrile-gloves']],
    ])('tolerates typos: %s', async (search, expected) => {
      expect((await slugs(search)).sort()).toEqual(expected);
    });

    it('finds nothing for words far from any', async () => {
      expect(await slugs('zzyzx')).toEqual([]);
      expect(await slugs('qqqqqqqq wwwww')).toEqual([]);
    });

    it('treats injection strings and LIKE wildcards as literal text', async () => {
      for (const s of [`'); DROP TABLE product; --`, '%', '_', '\\', 'gloves:* | boots', '!&|():*', "' OR 1=1 --"]) {
        const res = await sf.client.raw(PAGE, { first: 5, filter: { search: s } });
        expect(res.errors).toBeUndefined();
        if (s === 'gloves:* | boots') expect(res.data?.products.totalCount).toBe(1); // the words gloves and boots: the boots
      }
      expect((await sf.client.ok(PAGE, { first: 1 })).products.totalCount).toBe(5);
    });

    it('sorts a search by another key (sorted search) and pages it', async () => {
      expect(await slugs('gloves', 'PRICE_DESC')).toEqual(['safety-boots', 'leather-gloves', 'winter-gloves', 'nitrile-gloves']);
    });
  });

  describe('bad input changes nothing', () => {
    const UPSERT = `mutation($i: [ProductInput!]!) { upsertProducts(input: $i) { id } }`;
    const refused = async (query: string, variables: Record<string, unknown>, path: string) => {
      const before = await app.db.snapshot();
      const res = await root.raw(query, variables);
      expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      const paths = res.errors?.[0].extensions?.fieldErrors?.map((f) => f.path);
      if (paths) expect(paths).toContain(path);
      expect(JSON.stringify(res.errors)).not.toMatch(/violates|QueryFailedError|node_modules/);
      expect(await app.db.snapshot()).toEqual(before);
    };
    const attr = (over: Record<string, unknown> = {}) => ({ code: 'new_attr', name: 'New', type: 'TEXT', ...over });

    it.each([
      ['no attributes', [], 'input'],
      ['missing name', [{ code: 'x', type: 'TEXT' }], 'input.0.name'],
      ['bad code', [attr({ code: 'New-Attr' })], 'input.0.code'],
      ['too long code', [attr({ code: 'a'.repeat(51) })], 'input.0.code'],
      ['injection in code', [attr({ code: "x'); DROP TABLE attribute; --" })], 'input.0.code'],
      ['too long name', [attr({ name: 'n'.repeat(201) })], 'input.0.name'],
      ['blank name', [attr({ name: '  ' })], 'input.0.name'],
      ['unknown type', [attr({ type: 'DATE' })], 'input.0.type'],
      ['unit on a TEXT', [attr({ unit: 'mm' })], 'input.0.unit'],
      ['filterable TEXT', [attr({ filterable: true })], 'input.0.filterable'],
      ['values on a TEXT', [attr({ values: [{ code: 'a', label: 'A' }] })], 'input.0.values'],
      ['ENUM without values', [attr({ type: 'ENUM' })], 'input.0.values'],
      [
        'BOOLEAN value other than true/false',
        [attr({ type: 'BOOLEAN', values: [{ code: 'maybe', label: 'Maybe' }] })],
        'input.0.values.0.code',
      ],
      ['a code twice', [attr(), attr()], 'input.1.code'],
      [
        'a value code twice',
        [
          attr({
            type: 'ENUM',
            values: [
              { code: 'a', label: 'A' },
              { code: 'a', label: 'B' },
            ],
          }),
        ],
        'input.0.values',
      ],
      ['bad value code', [attr({ type: 'ENUM', values: [{ code: 'A B', label: 'A' }] })], 'input.0.values.0.code'],
      ['bad locale', [attr({ translations: [{ locale: 'nl_NL', name: 'x' }] })], 'input.0.translations.0.locale'],
      ['a type change', [{ code: 'colour', name: 'Colour', type: 'TEXT' }], 'input.0.type'],
    ])('upsertAttributes: %s', async (_name, input, path) => {
      await refused(UPSERT_ATTRIBUTES, { i: input }, path);
    });

    const product = (attributes: unknown[], variantAttributes: unknown[] | null = null) => ({
      slug: 'claw-hammer',
      name: 'Claw Hammer',
      attributes,
      variants: [{ sku: 'AT-CH-1', name: 'x', attributes: variantAttributes }],
    });
    it.each([
      ['an unknown attribute', product([{ code: 'weight', number: 1 }]), 'input.0.attributes.0.code'],
      ['the wrong field for the type', product([{ code: 'care', number: 1 }]), 'input.0.attributes.0.text'],
      ['two fields', product([{ code: 'care', text: 'x', number: 1 }]), 'input.0.attributes.0.text'],
      ['an unknown value', product([{ code: 'material', values: ['gold'] }]), 'input.0.attributes.0.values'],
      ['no values', product([{ code: 'material', values: [] }]), 'input.0.attributes.0.values'],
      [
        'two values on a variant',
        product([], [{ code: 'colour', values: ['black', 'blue'] }]),
        'input.0.variants.0.attributes.0.values',
      ],
      [
        'an attribute twice',
        product([
          { code: 'care', text: 'a' },
          { code: 'care', text: 'b' },
        ]),
        'input.0.attributes.1.code',
      ],
      ['too long text', product([{ code: 'care', text: 't'.repeat(1001) }]), 'input.0.attributes.0.text'],
      ['a number out of range', product([{ code: 'thickness', number: 1e13 }]), 'input.0.attributes.0.number'],
      ['a number of the wrong type', product([{ code: 'thickness', number: 'thin' }]), 'input.0.attributes.0.number'],
      [
        'injection in a value code',
        product([{ code: 'material', values: ["x'; DROP TABLE product; --"] }]),
        'input.0.attributes.0.values',
      ],
    ])('upsertProducts attributes: %s', async (_name, input, path) => {
      await refused(UPSERT, { i: [input] }, path);
    });

    it.each([
      ['a filter without values', { attributes: [{ code: 'colour', values: [] }] }],
      ['a bad attribute code', { attributes: [{ code: 'Colour!', values: ['x'] }] }],
      ['too many filters', { attributes: Array.from({ length: 21 }, (_, i) => ({ code: `a${i}`, values: ['x'] })) }],
      ['a too long value', { attributes: [{ code: 'colour', values: ['v'.repeat(51)] }] }],
    ])('products filter: %s', async (_name, filter) => {
      const res = await sf.client.raw(PAGE, { first: 1, filter });
      expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    });

    it('a brand admin cannot write attributes (shared catalog)', async () => {
      const admin = await fx.brandAdmin([sf.brandCode]);
      const before = await app.db.snapshot();
      const res = await admin.raw(UPSERT_ATTRIBUTES, { i: [attr()] });
      expect(res.errors?.[0].extensions?.code).toBe('FORBIDDEN');
      expect(await app.db.snapshot()).toEqual(before);
    });
  });
});
