/**
 * The isolation matrix (STYLE.md "Tenancy scoping"): every operation × every kind of caller, with the
 * exact outcome. Brand A's objects are named `alpha…`, brand B's `bravo…`, so a brand admin's (or a
 * storefront's) answer may never contain the other brand's prefix. Every refused cell also asserts an
 * unchanged database.
 *
 * A new operation adds one entry to ADMIN_ROWS (or STOREFRONT_ROWS); TypeScript forces an outcome for
 * every caller. Operations of schema/*.graphql without a row are listed as `todo`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema } from 'graphql';
import { TestApp } from '../support/app';
import { type ApiClient, adminClient, storefrontClient } from '../support/clients';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from '../support/env';
import { Fixtures, type StorefrontFixture, uniqueCode } from '../support/fixtures';
import {
  apiKeyNamed,
  brandAdminWithEmail,
  expectRefused,
  type KeyFixture,
  Ops,
  REVOKE_API_KEY,
  summarize,
  type Vars,
} from '../support/matrix';

type Outcome = 'ok' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND' | 'STOREFRONT_TOKEN_REQUIRED' | 'UNKNOWN_STOREFRONT';

const ADMIN_CALLERS = [
  'anonymous',
  'root',
  'adminA',
  'adminB',
  'keyInventoryW1',
  'keyCatalog',
  'keyCustomers',
  'keyRevoked',
  'storefrontTokenAsBearer',
  'storefrontTokenHeader',
] as const;
type AdminCaller = (typeof ADMIN_CALLERS)[number];

interface World {
  app: TestApp;
  fx: Fixtures;
  root: ApiClient;
  /** Brand codes: `alpha-…` and `bravo-…`. */
  A: string;
  B: string;
  W1: string;
  W2: string;
  sfA: StorefrontFixture;
  /** A storefront of A that the matrix rotates (sfA's token stays valid for the storefront rows). */
  sfARotating: StorefrontFixture;
  sfB: StorefrontFixture;
  /** A storefront of B whose token was rotated away. */
  rotatedAwayToken: string;
  adminA: { id: string; email: string; client: ApiClient };
  adminB: { id: string; email: string; client: ApiClient };
  keyA: KeyFixture;
  keyB: KeyFixture;
  /** Products (neutral names: the catalog is the system's, publications and prices are per storefront). */
  catalog: Record<'onlyA' | 'onlyB' | 'both' | 'extra', { slug: string; sku: string }>;
  callers: Record<AdminCaller, ApiClient>;
  secrets: { rootToken: string; keySecret: string };
}

interface AdminRow {
  name: string;
  query: string;
  /** Evaluated per cell before the "before" snapshot (so it may create what the cell consumes). */
  variables?: (w: World, caller: AdminCaller) => Vars | Promise<Vars>;
  expect: Record<AdminCaller, Outcome>;
  /** More checks on a successful answer. */
  check?: (data: any, caller: AdminCaller, w: World) => void;
}

const NOT_AUTHENTICATED = {
  anonymous: 'UNAUTHENTICATED',
  keyRevoked: 'UNAUTHENTICATED',
  storefrontTokenAsBearer: 'UNAUTHENTICATED',
  storefrontTokenHeader: 'UNAUTHENTICATED',
} as const;
/** No scope (INVENTORY_WRITE, CATALOG_WRITE, CUSTOMERS_READ) covers the tenancy operations. */
const KEYS_WITHOUT_SCOPE = { keyInventoryW1: 'FORBIDDEN', keyCatalog: 'FORBIDDEN', keyCustomers: 'FORBIDDEN' } as const;
const SUPERADMIN_ONLY = {
  ...NOT_AUTHENTICATED,
  ...KEYS_WITHOUT_SCOPE,
  root: 'ok',
  adminA: 'FORBIDDEN',
  adminB: 'FORBIDDEN',
} as const;
const ANY_ADMIN = { ...NOT_AUTHENTICATED, ...KEYS_WITHOUT_SCOPE, root: 'ok', adminA: 'ok', adminB: 'ok' } as const;
/** On brand A's object: brand B's admin must not learn that it exists. */
const ON_BRAND_A = { ...ANY_ADMIN, adminB: 'NOT_FOUND' } as const;
const ON_BRAND_B = { ...ANY_ADMIN, adminA: 'NOT_FOUND' } as const;
const EVERYONE = Object.fromEntries(ADMIN_CALLERS.map((c) => [c, 'ok'])) as Record<AdminCaller, 'ok'>;

const codes = (list: { code: string }[]) => list.map((x) => x.code);

let sequence = Date.now() * 1000;
/** A stock sequence newer than every earlier one. */
const nextSequence = () => String((sequence += 1));

const Catalog = {
  upsertProducts: `mutation($input: [ProductInput!]!) { upsertProducts(input: $input) { slug publishedOn variants { sku } } }`,
  productsBySlugs: `query($slugs: [String!]!) { productsBySlugs(slugs: $slugs) { slug name publishedOn } }`,
  setPrices: `mutation($input: [PriceInput!]!) { setPrices(input: $input) }`,
  publishProducts: `mutation($sf: String!, $slugs: [String!]!) { publishProducts(storefrontCode: $sf, slugs: $slugs) }`,
  unpublishProducts: `mutation($sf: String!, $slugs: [String!]!) { unpublishProducts(storefrontCode: $sf, slugs: $slugs) }`,
  pushStockLevels: `mutation($wh: String!, $levels: [StockLevelInput!]!) {
    pushStockLevels(warehouseCode: $wh, levels: $levels) { applied stale unknownSkus } }`,
  stockLevels: `query($skus: [String!]!) { stockLevels(skus: $skus) { sku warehouseCode onHand } }`,
  /** Storefront API. */
  products: `{ products(first: 100) { edges { node { slug name variants { sku } } } } }`,
  product: `query($slug: String!) { product(slug: $slug) { slug variants { sku } } }`,
  variants: `query($skus: [String!]!) { variants(skus: $skus) { sku } }`,
  me: `{ me { id } }`,
};

const ADMIN_ROWS: AdminRow[] = [
  {
    name: 'adminLogin',
    query: Ops.adminLogin,
    variables: () => ({ e: ADMIN_EMAIL, p: ADMIN_PASSWORD }),
    expect: EVERYONE,
  },
  {
    name: 'adminMe',
    query: Ops.adminMe,
    expect: ANY_ADMIN,
    check: (d, caller, w) => {
      const email = { root: ADMIN_EMAIL, adminA: w.adminA.email, adminB: w.adminB.email }[caller as 'root'];
      expect(d.adminMe.email).toBe(email);
    },
  },
  {
    name: 'admins',
    query: Ops.admins,
    expect: ANY_ADMIN,
    check: (d, caller, w) => {
      const emails = d.admins.map((a: { email: string }) => a.email);
      if (caller === 'root') expect(emails).toEqual(expect.arrayContaining([ADMIN_EMAIL, w.adminA.email, w.adminB.email]));
      if (caller === 'adminA') expect(emails).toContain(w.adminA.email);
      if (caller === 'adminB') expect(emails).toContain(w.adminB.email);
      if (caller !== 'root') expect(emails).not.toContain(ADMIN_EMAIL);
    },
  },
  {
    name: 'createAdmin (a brand admin of A)',
    query: Ops.createAdmin,
    variables: (w) => ({
      i: {
        email: `${uniqueCode('alpha-admin')}@e2e.test`,
        password: 'a-good-password-1',
        role: 'BRAND_ADMIN',
        brandCodes: [w.A],
      },
    }),
    expect: SUPERADMIN_ONLY,
  },
  {
    name: 'brands',
    query: Ops.brands,
    expect: ANY_ADMIN,
    check: (d, caller, w) => {
      if (caller === 'root') expect(codes(d.brands)).toEqual(expect.arrayContaining([w.A, w.B]));
      if (caller === 'adminA') expect(codes(d.brands)).toEqual([w.A]);
      if (caller === 'adminB') expect(codes(d.brands)).toEqual([w.B]);
    },
  },
  {
    name: 'createBrand',
    query: Ops.createBrand,
    variables: () => ({ i: { code: uniqueCode('gamma'), name: 'Gamma' } }),
    expect: SUPERADMIN_ONLY,
  },
  {
    name: 'warehouses (shared by every brand)',
    query: Ops.warehouses,
    expect: ANY_ADMIN,
    check: (d, _caller, w) => expect(codes(d.warehouses)).toEqual(expect.arrayContaining([w.W1, w.W2])),
  },
  {
    name: 'createWarehouse',
    query: Ops.createWarehouse,
    variables: () => ({ i: { code: uniqueCode('wh-matrix'), name: 'Matrix warehouse' } }),
    expect: SUPERADMIN_ONLY,
  },
  {
    name: 'storefronts',
    query: Ops.storefronts,
    expect: ANY_ADMIN,
    check: (d, caller, w) => {
      const own = { root: [w.A, w.B], adminA: [w.A], adminB: [w.B] }[caller as 'root'];
      expect([...new Set(d.storefronts.map((s: { brand: { code: string } }) => s.brand.code))].sort()).toEqual([...own].sort());
      if (caller !== 'adminB') expect(codes(d.storefronts)).toEqual(expect.arrayContaining([w.sfA.code, w.sfARotating.code]));
      if (caller !== 'adminA') expect(codes(d.storefronts)).toContain(w.sfB.code);
    },
  },
  {
    name: 'createStorefront (of brand A)',
    query: Ops.createStorefront,
    variables: (w) => ({
      i: {
        code: uniqueCode('alpha-sf'),
        name: 'alpha shop',
        brandCode: w.A,
        audience: 'B2C',
        currency: 'EUR',
        country: 'NL',
        locale: 'nl-NL',
        warehouseCodes: [w.W1],
      },
    }),
    expect: ON_BRAND_A,
    check: (d, _caller, w) => expect(d.createStorefront.storefront.brand.code).toBe(w.A),
  },
  {
    name: "updateStorefront (A's storefront)",
    query: Ops.updateStorefront,
    variables: (w, caller) => ({ code: w.sfA.code, i: { name: `alpha shop renamed by ${caller}`, lowStockThreshold: 3 } }),
    expect: ON_BRAND_A,
    check: (d, caller) =>
      expect(d.updateStorefront).toMatchObject({ name: `alpha shop renamed by ${caller}`, lowStockThreshold: 3 }),
  },
  {
    name: "updateStorefront (B's storefront)",
    query: Ops.updateStorefront,
    variables: (w, caller) => ({ code: w.sfB.code, i: { name: `bravo shop renamed by ${caller}`, stockDisplay: 'EXACT' } }),
    expect: ON_BRAND_B,
  },
  {
    name: "rotateStorefrontToken (A's storefront)",
    query: Ops.rotateStorefrontToken,
    variables: (w) => ({ code: w.sfARotating.code }),
    expect: ON_BRAND_A,
    check: (d, _caller, w) => expect(d.rotateStorefrontToken.storefront.code).toBe(w.sfARotating.code),
  },
  {
    name: 'apiKeys',
    query: Ops.apiKeys,
    expect: ANY_ADMIN,
    check: (d, caller, w) => {
      const ids = d.apiKeys.map((k: { id: string }) => k.id);
      if (caller === 'root') expect(ids).toEqual(expect.arrayContaining([w.keyA.id, w.keyB.id]));
      if (caller === 'adminA') expect(ids).toContain(w.keyA.id);
      if (caller === 'adminA') expect(ids).not.toContain(w.keyB.id);
      if (caller === 'adminB') expect(ids).toContain(w.keyB.id);
      if (caller === 'adminB') expect(ids).not.toContain(w.keyA.id);
      expect(JSON.stringify(d)).not.toContain(w.keyA.secret);
    },
  },
  {
    name: 'createApiKey (for brand A)',
    query: Ops.createApiKey,
    variables: (w) => ({ i: { name: 'alpha key', scopes: ['CATALOG_WRITE'], brandCodes: [w.A] } }),
    expect: ON_BRAND_A,
    check: (d, _caller, w) => expect(d.createApiKey.apiKey.brandCodes).toEqual([w.A]),
  },
  {
    name: 'createApiKey (for brands A and B)',
    query: Ops.createApiKey,
    variables: (w) => ({ i: { name: 'alpha and bravo key', scopes: ['CUSTOMERS_READ'], brandCodes: [w.A, w.B] } }),
    expect: { ...ANY_ADMIN, adminA: 'NOT_FOUND', adminB: 'NOT_FOUND' },
  },
  {
    name: "revokeApiKey (A's key)",
    query: REVOKE_API_KEY,
    variables: async (w) => ({
      id: (await apiKeyNamed(w.app, w.root, 'alpha doomed key', ['CATALOG_WRITE'], { brandCodes: [w.A] })).id,
    }),
    expect: ON_BRAND_A,
  },
  {
    name: 'revokeApiKey (a key of every brand)',
    query: REVOKE_API_KEY,
    variables: async (w) => ({ id: (await apiKeyNamed(w.app, w.root, 'every-brand doomed key', ['CUSTOMERS_READ'])).id }),
    expect: { ...ANY_ADMIN, adminA: 'NOT_FOUND', adminB: 'NOT_FOUND' },
  },
  {
    name: 'upsertProducts',
    query: Catalog.upsertProducts,
    variables: () => ({
      input: [
        { slug: uniqueCode('matrix-prod'), name: 'Matrix product', variants: [{ sku: uniqueCode('matrix-sku'), name: 'v' }] },
      ],
    }),
    expect: { ...SUPERADMIN_ONLY, keyCatalog: 'ok' },
  },
  {
    name: 'productsBySlugs (published on A, on B and on both)',
    query: Catalog.productsBySlugs,
    variables: (w) => ({ slugs: [w.catalog.onlyA.slug, w.catalog.onlyB.slug, w.catalog.both.slug] }),
    expect: { ...ANY_ADMIN, keyCatalog: 'ok' },
    check: (d, caller, w) => {
      const on = (slug: string) => d.productsBySlugs.find((p: { slug: string }) => p.slug === slug)?.publishedOn;
      if (caller === 'adminA') expect(on(w.catalog.both.slug)).toEqual([w.sfA.code]);
      if (caller === 'adminB') expect(on(w.catalog.both.slug)).toEqual([w.sfB.code]);
      if (caller === 'root' || caller === 'keyCatalog') {
        expect(on(w.catalog.both.slug)).toEqual(expect.arrayContaining([w.sfA.code, w.sfB.code]));
      }
    },
  },
  {
    name: "setPrices (on A's storefront)",
    query: Catalog.setPrices,
    variables: (w) => ({ input: [{ storefrontCode: w.sfA.code, sku: w.catalog.both.sku, amount: '5.00' }] }),
    expect: { ...ON_BRAND_A, keyCatalog: 'ok' },
  },
  {
    name: "publishProducts (on A's storefront)",
    query: Catalog.publishProducts,
    variables: (w) => ({ sf: w.sfA.code, slugs: [w.catalog.extra.slug] }),
    expect: { ...ON_BRAND_A, keyCatalog: 'ok' },
  },
  {
    name: "unpublishProducts (on A's storefront)",
    query: Catalog.unpublishProducts,
    variables: (w) => ({ sf: w.sfA.code, slugs: [w.catalog.extra.slug] }),
    expect: { ...ON_BRAND_A, keyCatalog: 'ok' },
  },
  {
    name: 'pushStockLevels (to W1)',
    query: Catalog.pushStockLevels,
    variables: (w) => ({ wh: w.W1, levels: [{ sku: w.catalog.both.sku, onHand: 7, sequence: nextSequence() }] }),
    expect: { ...SUPERADMIN_ONLY, keyInventoryW1: 'ok' },
    check: (d) => expect(d.pushStockLevels).toMatchObject({ applied: 1, stale: 0 }),
  },
  {
    name: 'pushStockLevels (to W2, which the inventory key does not name)',
    query: Catalog.pushStockLevels,
    variables: (w) => ({ wh: w.W2, levels: [{ sku: w.catalog.both.sku, onHand: 3, sequence: nextSequence() }] }),
    expect: SUPERADMIN_ONLY,
  },
  {
    name: 'stockLevels',
    query: Catalog.stockLevels,
    variables: (w) => ({ skus: [w.catalog.both.sku] }),
    expect: { ...ANY_ADMIN, keyInventoryW1: 'ok' },
    check: (d, caller, w) => {
      const warehouses = d.stockLevels.map((l: { warehouseCode: string }) => l.warehouseCode);
      if (caller === 'keyInventoryW1') expect(warehouses).toEqual([w.W1]);
      if (caller === 'root') expect(warehouses.sort()).toEqual([w.W1, w.W2].sort());
    },
  },
];

/** What each caller may never see: the other brand's prefix. */
const FOREIGN_PREFIX: Partial<Record<string, string>> = { adminA: 'bravo', adminB: 'alpha', sfA: 'bravo', sfB: 'alpha' };

const STOREFRONT_CALLERS = [
  'sfA',
  'sfB',
  'noHeaders',
  'adminBearerOnly',
  'apiKeyBearerOnly',
  'adminTokenAsStorefrontToken',
  'apiKeyAsStorefrontToken',
  'rotatedAwayToken',
] as const;
type StorefrontCaller = (typeof STOREFRONT_CALLERS)[number];

interface StorefrontRow {
  name: string;
  query: string;
  variables?: (w: World, caller: StorefrontCaller) => Vars | Promise<Vars>;
  expect: Record<StorefrontCaller, Outcome>;
  check?: (data: any, caller: StorefrontCaller, w: World) => void;
}

const NO_STOREFRONT = {
  noHeaders: 'STOREFRONT_TOKEN_REQUIRED',
  adminBearerOnly: 'STOREFRONT_TOKEN_REQUIRED',
  apiKeyBearerOnly: 'STOREFRONT_TOKEN_REQUIRED',
  adminTokenAsStorefrontToken: 'UNKNOWN_STOREFRONT',
  apiKeyAsStorefrontToken: 'UNKNOWN_STOREFRONT',
  rotatedAwayToken: 'UNKNOWN_STOREFRONT',
} as const;

const STOREFRONT_ROWS: StorefrontRow[] = [
  {
    name: 'storefront',
    query: Ops.storefront,
    expect: { ...NO_STOREFRONT, sfA: 'ok', sfB: 'ok' },
    check: (d, caller, w) => {
      const own = caller === 'sfA' ? w.sfA : w.sfB;
      expect(d.storefront).toMatchObject({ code: own.code, brand: { code: own.brandCode } });
    },
  },
  {
    name: 'products',
    query: Catalog.products,
    expect: { ...NO_STOREFRONT, sfA: 'ok', sfB: 'ok' },
    check: (d, caller, w) => {
      const slugs = d.products.edges.map((e: { node: { slug: string } }) => e.node.slug);
      const [own, foreign] = caller === 'sfA' ? [w.catalog.onlyA, w.catalog.onlyB] : [w.catalog.onlyB, w.catalog.onlyA];
      expect(slugs).toEqual(expect.arrayContaining([own.slug, w.catalog.both.slug]));
      expect(slugs).not.toContain(foreign.slug);
    },
  },
  {
    name: 'product (published on the other brand only)',
    query: Catalog.product,
    variables: (w, caller) => ({ slug: caller === 'sfA' ? w.catalog.onlyB.slug : w.catalog.onlyA.slug }),
    expect: { ...NO_STOREFRONT, sfA: 'ok', sfB: 'ok' },
    check: (d) => expect(d.product).toBeNull(),
  },
  {
    name: 'variants (of A only, of B only, of both)',
    query: Catalog.variants,
    variables: (w) => ({ skus: [w.catalog.onlyA.sku, w.catalog.onlyB.sku, w.catalog.both.sku] }),
    expect: { ...NO_STOREFRONT, sfA: 'ok', sfB: 'ok' },
    check: (d, caller, w) => {
      const [a, b, both] = [w.catalog.onlyA, w.catalog.onlyB, w.catalog.both].map((p) => ({ sku: p.sku }));
      expect(d.variants).toEqual(caller === 'sfA' ? [a, null, both] : [null, b, both]);
    },
  },
  {
    name: 'me (an anonymous visitor)',
    query: Catalog.me,
    expect: { ...NO_STOREFRONT, sfA: 'ok', sfB: 'ok' },
    check: (d) => expect(d.me).toBeNull(),
  },
];

/** The Query, Mutation and Subscription fields of a committed SDL file. */
function operationsOf(sdlFile: string): string[] {
  const schema = buildSchema(readFileSync(join(__dirname, '../../schema', sdlFile), 'utf8'));
  return [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()].flatMap((t) =>
    t ? Object.keys(t.getFields()) : [],
  );
}

describe('isolation matrix', () => {
  let w: World;

  // "Every new operation adds its row" (STYLE.md): a row's name starts with the operation's name.
  describe.each<[string, { name: string }[]]>([
    ['admin.graphql', ADMIN_ROWS],
    ['storefront.graphql', STOREFRONT_ROWS],
  ])('rows of schema/%s', (file, rows) => {
    const operations = operationsOf(file);
    const covered = new Set(rows.map((r) => r.name.split(' ')[0]));
    it('every row is an operation of the schema', () => {
      expect([...covered].filter((op) => !operations.includes(op))).toEqual([]);
    });
    for (const op of operations.filter((o) => !covered.has(o))) it.todo(`add an isolation-matrix row for ${op}`);
  });

  beforeAll(async () => {
    const app = await TestApp.start();
    const fx = await Fixtures.create(app);
    const root = fx.root;
    const A = await fx.brand(uniqueCode('alpha'));
    const B = await fx.brand(uniqueCode('bravo'));
    const W1 = await fx.warehouse(uniqueCode('wh-one'));
    const W2 = await fx.warehouse(uniqueCode('wh-two'));
    const sfA = await fx.storefront({ brandCode: A, audience: 'B2C', warehouseCodes: [W1], code: uniqueCode('alpha-sf') });
    const sfARotating = await fx.storefront({
      brandCode: A,
      audience: 'B2B',
      warehouseCodes: [W1],
      code: uniqueCode('alpha-rot'),
    });
    const sfB = await fx.storefront({ brandCode: B, audience: 'B2C', warehouseCodes: [W2], code: uniqueCode('bravo-sf') });
    const sfBOld = await fx.storefront({ brandCode: B, audience: 'B2B', warehouseCodes: [W2], code: uniqueCode('bravo-old') });
    await root.ok(Ops.rotateStorefrontToken, { code: sfBOld.code });
    const adminA = await brandAdminWithEmail(app, root, `${uniqueCode('alpha-admin')}@e2e.test`, [A]);
    const adminB = await brandAdminWithEmail(app, root, `${uniqueCode('bravo-admin')}@e2e.test`, [B]);
    const keyA = await apiKeyNamed(app, root, 'alpha catalog key', ['CATALOG_WRITE'], { brandCodes: [A] });
    const keyB = await apiKeyNamed(app, adminB.client, 'bravo catalog key', ['CATALOG_WRITE'], { brandCodes: [B] });
    const keyInventoryW1 = await apiKeyNamed(app, root, 'matrix inventory key', ['INVENTORY_WRITE'], { warehouseCodes: [W1] });
    const keyCatalog = await apiKeyNamed(app, root, 'matrix catalog key', ['CATALOG_WRITE']);
    const keyCustomers = await apiKeyNamed(app, root, 'matrix customers key', ['CUSTOMERS_READ']);
    const keyRevoked = await apiKeyNamed(app, root, 'matrix revoked key', ['CATALOG_WRITE', 'CUSTOMERS_READ']);
    await root.ok(REVOKE_API_KEY, { id: keyRevoked.id });
    const product = (name: string) => ({ slug: uniqueCode(`prod-${name}`), sku: uniqueCode(`sku-${name}`) });
    const catalog = { onlyA: product('one'), onlyB: product('two'), both: product('three'), extra: product('four') };
    await root.ok(Catalog.upsertProducts, {
      input: Object.values(catalog).map((p, i) => ({
        slug: p.slug,
        name: `Product ${i}`,
        variants: [{ sku: p.sku, name: 'Variant' }],
      })),
    });
    await root.ok(Catalog.publishProducts, { sf: sfA.code, slugs: [catalog.onlyA.slug, catalog.both.slug] });
    await root.ok(Catalog.publishProducts, { sf: sfB.code, slugs: [catalog.onlyB.slug, catalog.both.slug] });
    await root.ok(Catalog.setPrices, {
      input: [
        { storefrontCode: sfA.code, sku: catalog.onlyA.sku, amount: '10.00' },
        { storefrontCode: sfA.code, sku: catalog.both.sku, amount: '5.00' },
        { storefrontCode: sfB.code, sku: catalog.onlyB.sku, amount: '11.00' },
        { storefrontCode: sfB.code, sku: catalog.both.sku, amount: '6.00' },
      ],
    });
    await root.ok(Catalog.pushStockLevels, { wh: W2, levels: [{ sku: catalog.both.sku, onHand: 2, sequence: nextSequence() }] });
    const rootToken = root.headers.authorization.replace(/^Bearer /, '');
    w = {
      app,
      fx,
      root,
      A,
      B,
      W1,
      W2,
      sfA,
      sfARotating,
      sfB,
      rotatedAwayToken: sfBOld.token,
      adminA,
      adminB,
      keyA,
      keyB,
      catalog,
      secrets: { rootToken, keySecret: keyCatalog.secret },
      callers: {
        anonymous: adminClient(app),
        root,
        adminA: adminA.client,
        adminB: adminB.client,
        keyInventoryW1: keyInventoryW1.client,
        keyCatalog: keyCatalog.client,
        keyCustomers: keyCustomers.client,
        keyRevoked: keyRevoked.client,
        storefrontTokenAsBearer: adminClient(app, sfA.token),
        storefrontTokenHeader: adminClient(app).with({ 'x-storefront-token': sfA.token }),
      },
    };
  });
  afterAll(() => w?.app.close());

  function storefrontCaller(caller: StorefrontCaller): ApiClient {
    switch (caller) {
      case 'sfA':
        return w.sfA.client;
      case 'sfB':
        return w.sfB.client;
      case 'noHeaders':
        return storefrontClient(w.app);
      case 'adminBearerOnly':
        return storefrontClient(w.app).with({ authorization: `Bearer ${w.secrets.rootToken}` });
      case 'apiKeyBearerOnly':
        return storefrontClient(w.app).with({ authorization: `Bearer ${w.secrets.keySecret}` });
      case 'adminTokenAsStorefrontToken':
        return storefrontClient(w.app, w.secrets.rootToken);
      case 'apiKeyAsStorefrontToken':
        return storefrontClient(w.app, w.secrets.keySecret);
      case 'rotatedAwayToken':
        return storefrontClient(w.app, w.rotatedAwayToken);
    }
  }

  async function runCell<C extends string>(
    client: ApiClient,
    caller: C,
    row: { query: string; check?: (data: any, caller: C, w: World) => void },
    outcome: Outcome,
    variables: Vars,
  ): Promise<void> {
    if (outcome !== 'ok') {
      await expectRefused(w.app, client, row.query, variables, { code: outcome });
      return;
    }
    const res = await client.raw(row.query, variables);
    expect({ errors: res.errors ?? null, hasData: res.data != null }).toEqual({ errors: null, hasData: true });
    const foreign = FOREIGN_PREFIX[caller];
    if (foreign) expect(JSON.stringify(res.data)).not.toContain(foreign);
    row.check?.(res.data, caller, w);
  }

  describe.each(ADMIN_ROWS)('Admin API: $name', (row) => {
    it.each(ADMIN_CALLERS.map((caller) => [caller, row.expect[caller]] as const))('%s → %s', async (caller, outcome) => {
      const variables = (await row.variables?.(w, caller)) ?? {};
      await runCell(w.callers[caller], caller, row, outcome, variables);
    });
  });

  describe.each(STOREFRONT_ROWS)('Storefront API: $name', (row) => {
    it.each(STOREFRONT_CALLERS.map((caller) => [caller, row.expect[caller]] as const))('%s → %s', async (caller, outcome) => {
      const variables = (await row.variables?.(w, caller)) ?? {};
      await runCell(storefrontCaller(caller), caller, row, outcome, variables);
    });
  });

  describe('NOT_FOUND never reveals that another brand has the object', () => {
    const normalise = (res: Awaited<ReturnType<ApiClient['raw']>>, code: string) =>
      JSON.parse(JSON.stringify(summarize(res)).split(code).join('<code>'));

    it.each([
      ['updateStorefront', Ops.updateStorefront, (code: string) => ({ code, i: { name: 'x' } })],
      ['rotateStorefrontToken', Ops.rotateStorefrontToken, (code: string) => ({ code })],
    ])(
      "%s on A's storefront answers brand B's admin exactly as for a storefront that does not exist",
      async (_op, query, vars) => {
        const missing = uniqueCode('alpha-missing');
        const foreign = await expectRefused(w.app, w.adminB.client, query, vars(w.sfA.code), { code: 'NOT_FOUND' });
        const absent = await expectRefused(w.app, w.adminB.client, query, vars(missing), { code: 'NOT_FOUND' });
        expect(normalise(foreign, w.sfA.code)).toEqual(normalise(absent, missing));
      },
    );

    it("revokeApiKey of A's key answers brand B's admin exactly as for a key that does not exist", async () => {
      const missing = '01936f3e-0000-7000-8000-000000000000';
      const foreign = await expectRefused(w.app, w.adminB.client, REVOKE_API_KEY, { id: w.keyA.id }, { code: 'NOT_FOUND' });
      const absent = await expectRefused(w.app, w.adminB.client, REVOKE_API_KEY, { id: missing }, { code: 'NOT_FOUND' });
      expect(normalise(foreign, w.keyA.id)).toEqual(normalise(absent, missing));
    });

    it("createStorefront for brand A answers brand B's admin exactly as for a brand that does not exist", async () => {
      const input = (brandCode: string) => ({
        i: {
          code: uniqueCode('bravo-sf'),
          name: 'x',
          brandCode,
          audience: 'B2C',
          currency: 'EUR',
          country: 'NL',
          locale: 'nl-NL',
          warehouseCodes: [w.W2],
        },
      });
      const missing = uniqueCode('alpha-missing');
      const foreign = await expectRefused(w.app, w.adminB.client, Ops.createStorefront, input(w.A), { code: 'NOT_FOUND' });
      const absent = await expectRefused(w.app, w.adminB.client, Ops.createStorefront, input(missing), { code: 'NOT_FOUND' });
      expect(normalise(foreign, w.A)).toEqual(normalise(absent, missing));
    });
  });

  describe('afterwards', () => {
    it("after every refused attempt, A's storefront token and key still work", async () => {
      expect((await w.sfA.client.ok(Ops.storefront)).storefront).toMatchObject({ code: w.sfA.code, brand: { code: w.A } });
      const keys = (await w.adminA.client.ok(Ops.apiKeys)).apiKeys;
      expect(keys.find((k: { id: string }) => k.id === w.keyA.id).revokedAt).toBeNull();
      await expectRefused(w.app, w.keyA.client, Ops.brands, {}, { code: 'FORBIDDEN' }); // authenticated, not revoked
    });
  });
});
