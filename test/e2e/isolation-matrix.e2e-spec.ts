/**
 * The isolation matrix (STYLE.md "Tenancy scoping"): every operation × every kind of caller, with the
 * exact outcome. Brand A's objects are named `alpha…`, brand B's `bravo…`, so a brand admin's (or a
 * storefront's) answer may never contain the other brand's prefix. Every refused cell also asserts an
 * unchanged database.
 *
 * A new operation adds one entry to ADMIN_ROWS (or STOREFRONT_ROWS); TypeScript forces an outcome for
 * every caller. Operations of schema/*.graphql without a row are listed as `todo`.
 *
 * Customers: the storefront callers include customers (a customer of realm A-B2C, the same customer's
 * token on brand B's storefront and on A's B2B storefront, another customer of A-B2C, a customer of B-B2C,
 * and a company ADMIN and BUYER of realm A-B2B). A row that consumes what it acts on (a session, a
 * password, an account, a single-use token) gets fresh customers for each cell (`fresh`).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema } from 'graphql';
import { TestApp } from '../support/app';
import { upsertEnumAttribute } from '../support/catalog-fixtures';
import { type ApiClient, adminClient, storefrontClient } from '../support/clients';
import { b2bInput, b2cInput, login, PASSWORD, register, waitUntil } from '../support/customer-fixtures';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from '../support/env';
import { FakeVies } from '../support/fake-vies.server';
import { Fixtures, type StorefrontFixture, uniqueCode } from '../support/fixtures';
import {
  apiKeyNamed,
  brandAdminWithEmail,
  CustomerOps,
  expectRefused,
  type KeyFixture,
  latestEvent,
  Ops,
  REVOKE_API_KEY,
  summarize,
  type Vars,
} from '../support/matrix';
import { ADD, CREATE_CART, DETAILS, GET_CART, MERGE, ORDER, PLACE, UPDATE_LINE } from '../support/order-fixtures';

type Outcome =
  | 'ok'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'STOREFRONT_TOKEN_REQUIRED'
  | 'UNKNOWN_STOREFRONT'
  | 'BAD_USER_INPUT'
  | 'INVALID_CREDENTIALS'
  | 'INVALID_REFRESH_TOKEN'
  | 'EMAIL_ALREADY_REGISTERED';

const ADMIN_CALLERS = [
  'anonymous',
  'root',
  'adminA',
  'adminB',
  'keyInventoryW1',
  'keyCatalog',
  'keyCustomers',
  /** CUSTOMERS_READ for brand A only. */
  'keyCustomersA',
  /** ORDERS_READ for every brand, and for brand A only. */
  'keyOrders',
  'keyOrdersA',
  /** ORDERS_WRITE for brand A only (payments, shipments, cancellations). */
  'keyOrdersWriteA',
  'keyRevoked',
  'storefrontTokenAsBearer',
  'storefrontTokenHeader',
  /** A customer's access token as the admin bearer. */
  'customerTokenAsBearer',
] as const;
type AdminCaller = (typeof ADMIN_CALLERS)[number];

/** A customer account with a live session and one address. */
interface Identity {
  id: string;
  email: string;
  password: string;
  /** The storefront it registered on (its realm). */
  sf: StorefrontFixture;
  accessToken: string;
  refreshToken: string;
  addressId: string;
}

/** The customers the storefront callers act as. */
interface Cast {
  /** A customer of realm A-B2C: the owner of the objects the other customers reach for. */
  subject: Identity;
  /** Another customer of realm A-B2C. */
  otherA: Identity;
  /** A customer of realm B-B2C. */
  custB: Identity;
  /** The ADMIN of a company of realm A-B2B, and a BUYER it invited. */
  coAdmin: Identity;
  coBuyer: Identity;
}

interface World {
  app: TestApp;
  vies: FakeVies;
  fx: Fixtures;
  root: ApiClient;
  /** Brand codes: `alpha-…` and `bravo-…`. */
  A: string;
  B: string;
  W1: string;
  W2: string;
  sfA: StorefrontFixture;
  /** A's other B2C storefront (another country): the same realm as sfA, so it shares sfA's accounts. */
  sfA2: StorefrontFixture;
  /** A storefront of A that the matrix rotates (sfA's token stays valid for the storefront rows). */
  sfARotating: StorefrontFixture;
  /** A's B2B storefront (realm A-B2B; automatic approval once VIES says valid). */
  sfAB2B: StorefrontFixture;
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
  /** The root admin's token, an API key's secret, and an access token of a session that was logged out. */
  secrets: { rootToken: string; keySecret: string; revokedCustomerToken: string };
  /** The customers shared by every cell of a row without `fresh`. */
  cast: Cast;
  /** Order numbers: the A-B2C customer's order on sfA, and the B-B2C customer's on sfB. */
  orders: { a: string; b: string };
}

/** The World, set in beforeAll (the customer helpers below need the app and the storefronts). */
let w: World;

interface AdminRow {
  name: string;
  query: string;
  /** Evaluated per cell before the "before" snapshot (so it may create what the cell consumes). */
  variables?: (w: World, caller: AdminCaller) => Vars | Promise<Vars>;
  expect: Record<AdminCaller, Outcome>;
  /** More checks on a successful answer. */
  check?: (data: any, caller: AdminCaller, w: World, variables: Vars) => void | Promise<void>;
}

const NOT_AUTHENTICATED = {
  anonymous: 'UNAUTHENTICATED',
  keyRevoked: 'UNAUTHENTICATED',
  storefrontTokenAsBearer: 'UNAUTHENTICATED',
  storefrontTokenHeader: 'UNAUTHENTICATED',
  customerTokenAsBearer: 'UNAUTHENTICATED',
} as const;
/** No scope (INVENTORY_WRITE, CATALOG_WRITE, CUSTOMERS_READ) covers the tenancy operations. */
const KEYS_WITHOUT_SCOPE = {
  keyInventoryW1: 'FORBIDDEN',
  keyCatalog: 'FORBIDDEN',
  keyCustomers: 'FORBIDDEN',
  keyCustomersA: 'FORBIDDEN',
  keyOrders: 'FORBIDDEN',
  keyOrdersA: 'FORBIDDEN',
  keyOrdersWriteA: 'FORBIDDEN',
} as const;
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
/** Reading customers: every admin (of their brands) and a key with CUSTOMERS_READ (of every brand here). */
const CUSTOMERS_READ = { ...ANY_ADMIN, keyCustomers: 'ok', keyCustomersA: 'ok' } as const;
/** Reading orders: every admin (of their brands) and a key with ORDERS_READ (of its brands). */
const ORDERS_READ = { ...ANY_ADMIN, keyOrders: 'ok', keyOrdersA: 'ok' } as const;
/** Changing brand A's order: its admins and an ORDERS_WRITE key of brand A; brand B's admin must not learn it exists. */
const ORDERS_WRITE_ON_A = { ...ANY_ADMIN, adminB: 'NOT_FOUND', keyOrdersWriteA: 'ok' } as const;

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
  upsertCategories: `mutation($b: String!, $i: [CategoryInput!]!) { upsertCategories(brandCode: $b, input: $i) { slug name } }`,
  adminCategories: `query($b: String!) { categories(brandCode: $b) { slug name } }`,
  setProductCategories: `mutation($b: String!, $i: [ProductCategoriesInput!]!) { setProductCategories(brandCode: $b, input: $i) }`,
  upsertAttributes: `mutation($i: [AttributeInput!]!) { upsertAttributes(input: $i) { code values { code } } }`,
  attributes: `{ attributes { code } }`,
  /** Storefront API. */
  facets: `{ products(first: 100, sort: PRICE_DESC) { edges { node { slug attributes { code display } } } facets { code values { code count } } } }`,
  categories: `{ categories(flat: true) { slug name productCount breadcrumbs { name } } }`,
  category: `query($s: String!) { category(slug: $s) { slug name children { name } } }`,
  productsInCategory: `query($s: String!) { products(first: 100, filter: { categorySlug: $s }) { edges { node { slug categories { name } } } } }`,
  products: `{ products(first: 100) { edges { node { slug name variants { sku } } } } }`,
  product: `query($slug: String!) { product(slug: $slug) { slug variants { sku } } }`,
  variants: `query($skus: [String!]!) { variants(skus: $skus) { sku } }`,
};

/* ------------------------------------------------------------------------------------------------ */
/* Customers                                                                                         */
/* ------------------------------------------------------------------------------------------------ */

const HOME_ADDRESS = { street: 'Kerkstraat', houseNumber: '12', postalCode: '1017 GC', city: 'Amsterdam', country: 'NL' };
const NEW_PASSWORD = 'a whole new passphrase';

/**
 * Valid VAT numbers of distinct companies (libs/identifiers/src/testing/vat-kvk-vectors.json `vat_valid`): one per B2B
 * registration in realm A-B2B (the same VAT number twice in a realm is COMPANY_ALREADY_REGISTERED).
 */
const VAT_POOL = [
  'NL004495445B01',
  'NL123456782B01',
  'NL123456789B13',
  'NL987654321B94',
  'NL555555555B05',
  'BE0411905847',
  'BE0428759497',
  'BE1001234592',
  'DE136695976',
  'ATU13585627',
  'FI20774740',
  'NL000099998B57',
];
let vatsUsed = 0;
function nextVat(): string {
  const vat = VAT_POOL[vatsUsed++];
  if (!vat) throw new Error('VAT_POOL is exhausted: add valid VAT numbers of libs/identifiers/src/testing/vat-kvk-vectors.json');
  return vat;
}

/** The company fields that go with a VAT number's country (NL: b2bInput's defaults, with a KvK number). */
function companyFor(vat: string): Record<string, unknown> {
  switch (vat.slice(0, 2)) {
    case 'NL':
      return {};
    case 'BE':
      return {
        country: 'BE',
        kvkNumber: null,
        address: { street: 'Meir', houseNumber: '1', postalCode: '2000', city: 'Antwerpen', country: 'BE' },
      };
    case 'DE':
      return {
        country: 'DE',
        kvkNumber: null,
        address: { street: 'Unter den Linden', houseNumber: '1', postalCode: '10117', city: 'Berlin', country: 'DE' },
      };
    case 'AT':
      return {
        country: 'AT',
        kvkNumber: null,
        address: { street: 'Stephansplatz', houseNumber: '1', postalCode: '1010', city: 'Wien', country: 'AT' },
      };
    case 'FI':
      return {
        country: 'FI',
        kvkNumber: null,
        address: { street: 'Mannerheimintie', houseNumber: '1', postalCode: '00100', city: 'Helsinki', country: 'FI' },
      };
    default:
      throw new Error(`no company fields for ${vat}`);
  }
}

/** `alpha` or `bravo`: the brand prefix that names a storefront's objects. */
const prefixOf = (sf: StorefrontFixture) => sf.brandCode.split('-')[0];
/** A fresh e-mail address named after the storefront's brand. */
const emailFor = (sf: StorefrontFixture) => `${uniqueCode(prefixOf(sf))}@example.nl`;
/** The registration input for a storefront: with a company (a fresh VAT number) on a B2B storefront. */
function registrationFor(sf: StorefrontFixture, overrides: Record<string, unknown> = {}) {
  const email = emailFor(sf);
  if (sf.audience === 'B2C') return b2cInput({ email, ...overrides });
  const vat = nextVat();
  return b2bInput(vat, { email, ...overrides }, companyFor(vat));
}

const clientOf = (who: Identity) => storefrontClient(w.app, who.sf.token, who.accessToken);

/** Logs in (a new session) and gives the account an address unless it has one. */
async function withSession(who: Omit<Identity, 'accessToken' | 'refreshToken' | 'addressId'> & { addressId?: string }) {
  const s = await login(who.sf.client, who.email, who.password);
  const client = storefrontClient(w.app, who.sf.token, s.accessToken);
  const addressId = who.addressId ?? (await client.ok(CustomerOps.addMyAddress, { i: HOME_ADDRESS })).addMyAddress.id;
  return { ...who, accessToken: s.accessToken, refreshToken: s.refreshToken, addressId } as Identity;
}

/** A new customer of the storefront's realm (B2B: the ADMIN of a new company), logged in, with an address. */
async function signUp(sf: StorefrontFixture): Promise<Identity> {
  const c = await register(sf.client, registrationFor(sf));
  expect(c.status).toBe('ACTIVE');
  return withSession({ id: c.id, email: c.email, password: PASSWORD, sf });
}

/** A colleague invited by a company ADMIN, joined as BUYER, logged in, with an address. */
async function invitedBuyer(admin: Identity): Promise<Identity> {
  const email = emailFor(admin.sf);
  await clientOf(admin).ok(CustomerOps.inviteColleague, { e: email });
  const { token } = await latestEvent(w.app.db, 'customer.invited', { email });
  const joined = (
    await admin.sf.client.ok(CustomerOps.acceptCompanyInvitation, {
      i: { token, password: PASSWORD, firstName: 'Kees', lastName: 'Koper' },
    })
  ).acceptCompanyInvitation;
  expect(joined).toMatchObject({ status: 'ACTIVE', company: { role: 'BUYER' } });
  return withSession({ id: joined.id, email, password: PASSWORD, sf: admin.sf });
}

/** A customer of A-B2C whom the root admin rejected (something to approve). */
async function rejectedCustomerOfA(): Promise<string> {
  const c = await register(w.sfA.client, b2cInput({ email: emailFor(w.sfA) }));
  await w.root.ok(CustomerOps.rejectCustomer, { id: c.id, reason: 'Matrix: rejected to be approved' });
  return c.id;
}

/** Waits until the background VIES re-check of a company is done (so later cells see a quiet database). */
async function recheckSettled(companyOwnerId: string): Promise<void> {
  const probe = () =>
    w.app.db.query<{ pending: number; status: string }>(
      `SELECT (SELECT count(*)::int FROM vat_recheck r WHERE r.company_id = co.id) AS pending, co.vat_status AS status
         FROM customer c JOIN company co ON co.id = c.company_id WHERE c.id = $1`,
      [companyOwnerId],
    );
  const [row] = await waitUntil(probe, ([r]) => r?.pending === 0 && r.status === 'VALID', 15000);
  expect(row).toEqual({ pending: 0, status: 'VALID' });
}

/* Customer insights (docs/INSIGHTS.md). */
const Insights = {
  customersInSegment: `query($b: String, $s: CustomerSegment) { customers(brandCode: $b, segment: $s, first: 100) {
    totalCount edges { node { id segment } } } }`,
  customerSegmentCounts: `query($b: String) { customerSegmentCounts(brandCode: $b) { segment count } }`,
  alsoBought: `query($slug: String!) { product(slug: $slug) { slug alsoBought { slug } } }`,
  myFrequentlyOrdered: `query { myFrequentlyOrdered { sku timesOrdered variant { sku } } }`,
};

/* ------------------------------------------------------------------------------------------------ */
/* Orders                                                                                            */
/* ------------------------------------------------------------------------------------------------ */

const OrderOps = {
  orders: `query($brandCode: String) { orders(first: 100, brandCode: $brandCode) { totalCount edges { node { number storefrontCode } } } }`,
  order: `query($n: String!) { order(number: $n) ${ORDER} }`,
  shippingMethods: `{ shippingMethods { storefrontCode code name } }`,
  createShippingMethod: `mutation($i: CreateShippingMethodInput!) { createShippingMethod(input: $i) { storefrontCode code } }`,
  updateShippingMethod: `mutation($sf: String!, $c: String!, $i: UpdateShippingMethodInput!) {
    updateShippingMethod(storefrontCode: $sf, code: $c, input: $i) { storefrontCode code name } }`,
  /** Storefront API. */
  cart: GET_CART,
  storefrontShippingMethods: `{ shippingMethods { code } }`,
  createCart: CREATE_CART,
  addToCart: ADD,
  updateCartLine: UPDATE_LINE,
  setCartDetails: DETAILS,
  mergeCart: MERGE,
  placeOrder: PLACE,
  myOrders: `query { myOrders(first: 100) { totalCount edges { node { number storefrontCode } } } }`,
  myOrder: `query($n: String!) { myOrder(number: $n) ${ORDER} }`,
  recordPayment: `mutation($i: RecordPaymentInput!) { recordPayment(input: $i) { number status } }`,
  createShipment: `mutation($i: CreateShipmentInput!) { createShipment(input: $i) { number status } }`,
  cancelOrder: `mutation($n: String!, $r: String!) { cancelOrder(number: $n, reason: $r) { number status } }`,
  cancelMyOrder: `mutation($n: String!) { cancelMyOrder(number: $n) { number status } }`,
  registerFromOrder: `mutation($n: String!, $t: String!, $p: String!) {
    registerFromOrder(orderNumber: $n, token: $t, password: $p) { customer { id email } } }`,
};

let shippingCodes = 0;
/** A guest's details (the address is HOME_ADDRESS). */
const GUEST = { email: 'guest@example.nl', firstName: 'Gast', lastName: 'Koper', shippingAddress: HOME_ADDRESS };

/** A new anonymous cart of A's B2C storefront with one line (and, `complete`, every detail a guest order needs). */
async function anonymousCartOfSfA(complete = false): Promise<string> {
  const cart = (await w.sfA.client.ok(OrderOps.createCart)).createCart.id as string;
  await w.sfA.client.ok(OrderOps.addToCart, { c: cart, s: w.catalog.onlyA.sku, q: 1 });
  if (complete) await w.sfA.client.ok(OrderOps.setCartDetails, { c: cart, i: { ...GUEST, shippingMethodCode: 'standard' } });
  return cart;
}

/** The active cart of a customer (created once), with a line and complete details. */
async function cartOf(who: Identity): Promise<string> {
  const client = clientOf(who);
  const cart = (await client.ok(OrderOps.createCart)).createCart.id as string;
  await client.ok(OrderOps.addToCart, { c: cart, s: w.catalog.onlyA.sku, q: 1 });
  await client.ok(OrderOps.setCartDetails, { c: cart, i: { shippingMethodCode: 'standard' } });
  return cart;
}

/** A new unpaid guest order of A's B2C storefront, with the amount that pays it. */
async function unpaidOrderOfSfA(): Promise<{ n: string; total: string }> {
  const order = (await w.sfA.client.ok(OrderOps.placeOrder, { c: await anonymousCartOfSfA(true) })).placeOrder;
  return { n: order.number, total: order.totals.totalGross.amount };
}

/** A guest order of A's B2C storefront (a fresh e-mail address) and its account token from `order.placed`. */
async function guestOrderOfSfA(): Promise<{ n: string; t: string }> {
  const cart = await anonymousCartOfSfA(false);
  await w.sfA.client.ok(OrderOps.setCartDetails, {
    c: cart,
    i: { ...GUEST, email: emailFor(w.sfA), shippingMethodCode: 'standard' },
  });
  const order = (await w.sfA.client.ok(OrderOps.placeOrder, { c: cart })).placeOrder;
  const { accountToken } = await latestEvent(w.app.db, 'order.placed', { number: order.number });
  return { n: order.number, t: accountToken as string };
}

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
    name: 'upsertCategories (of brand A)',
    query: Catalog.upsertCategories,
    variables: (w) => ({ b: w.A, i: [{ slug: uniqueCode('alpha-cat'), name: 'alpha matrix category', parentSlug: 'shelf' }] }),
    expect: { ...ON_BRAND_A, keyCatalog: 'ok' },
  },
  {
    name: 'categories (of brand A)',
    query: Catalog.adminCategories,
    variables: (w) => ({ b: w.A }),
    expect: { ...ON_BRAND_A, keyCatalog: 'ok' },
    check: (d) => expect(d.categories.map((c: { name: string }) => c.name)).toContain('alpha shelf'),
  },
  {
    name: "setProductCategories (in brand A's tree)",
    query: Catalog.setProductCategories,
    variables: (w) => ({ b: w.A, i: [{ productSlug: w.catalog.both.slug, categorySlugs: ['shelf'] }] }),
    expect: { ...ON_BRAND_A, keyCatalog: 'ok' },
  },
  {
    name: 'upsertAttributes (shared catalog)',
    query: Catalog.upsertAttributes,
    variables: () => ({ i: [{ code: uniqueCode('matrix_attr').replace(/-/g, '_'), name: 'Matrix attribute', type: 'TEXT' }] }),
    expect: { ...SUPERADMIN_ONLY, keyCatalog: 'ok' },
  },
  {
    name: 'attributes (shared catalog)',
    query: Catalog.attributes,
    expect: { ...ANY_ADMIN, keyCatalog: 'ok' },
    check: (d) => expect(d.attributes.map((a: { code: string }) => a.code)).toContain('matrix_colour'),
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
  /* Customers (CONTRACT §4): reading needs an admin or CUSTOMERS_READ; changing needs an admin of the customer's brand. */
  {
    name: 'customers',
    query: CustomerOps.customers,
    expect: CUSTOMERS_READ,
    check: (d, caller, w) => {
      const nodes: { id: string; brandCode: string }[] = d.customers.edges.map((e: { node: unknown }) => e.node);
      const ids = nodes.map((n) => n.id);
      const brands = [...new Set(nodes.map((n) => n.brandCode))].sort();
      expect(d.customers.totalCount).toBe(nodes.length);
      const [a, b] = [w.cast.subject.id, w.cast.custB.id];
      const onlyA = { brands: [w.A], a: true, b: false };
      const both = { brands: [w.A, w.B].sort(), a: true, b: true };
      const expected = {
        adminA: onlyA,
        keyCustomersA: onlyA,
        adminB: { brands: [w.B], a: false, b: true },
        root: both,
        keyCustomers: both,
      };
      expect({ brands, a: ids.includes(a), b: ids.includes(b) }).toEqual(expected[caller as keyof typeof expected]);
    },
  },
  {
    name: 'customers (brandCode of A)',
    query: CustomerOps.customers,
    variables: (w) => ({ brandCode: w.A }),
    expect: { ...CUSTOMERS_READ, adminB: 'NOT_FOUND' },
    check: (d, _caller, w) => {
      const nodes: { id: string; brandCode: string }[] = d.customers.edges.map((e: { node: unknown }) => e.node);
      expect([...new Set(nodes.map((n) => n.brandCode))]).toEqual([w.A]);
      expect(nodes.map((n) => n.id)).toEqual(expect.arrayContaining([w.cast.subject.id, w.cast.coAdmin.id, w.cast.coBuyer.id]));
    },
  },
  {
    name: 'customers (brandCode of B)',
    query: CustomerOps.customers,
    variables: (w) => ({ brandCode: w.B }),
    expect: { ...CUSTOMERS_READ, adminA: 'NOT_FOUND', keyCustomersA: 'NOT_FOUND' },
    check: (d, _caller, w) => {
      const nodes: { id: string; brandCode: string }[] = d.customers.edges.map((e: { node: unknown }) => e.node);
      expect([...new Set(nodes.map((n) => n.brandCode))]).toEqual([w.B]);
      expect(nodes.map((n) => n.id)).toContain(w.cast.custB.id);
    },
  },
  {
    name: 'customers (segment PROSPECT, brandCode of A)',
    query: Insights.customersInSegment,
    variables: (w) => ({ b: w.A, s: 'PROSPECT' }),
    expect: { ...CUSTOMERS_READ, adminB: 'NOT_FOUND' },
    check: (d, _caller, w) => {
      const nodes: { id: string; segment: string }[] = d.customers.edges.map((e: { node: unknown }) => e.node);
      expect([...new Set(nodes.map((n) => n.segment))]).toEqual(['PROSPECT']);
      expect(nodes.map((n) => n.id)).toContain(w.cast.subject.id);
    },
  },
  {
    name: 'customerSegmentCounts',
    query: Insights.customerSegmentCounts,
    expect: CUSTOMERS_READ,
    check: async (d, caller, w) => {
      const total = d.customerSegmentCounts.reduce((n: number, c: { count: number }) => n + c.count, 0);
      const brands = { adminA: [w.A], keyCustomersA: [w.A], adminB: [w.B] }[caller as string] ?? null;
      const [{ n }] = await w.app.db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM customer c JOIN brand b ON b.id = c.brand_id
          WHERE c.erased_at IS NULL AND ($1::text[] IS NULL OR b.code = ANY($1::text[]))`,
        [brands],
      );
      expect(total).toBe(n);
    },
  },
  {
    name: 'customerSegmentCounts (brandCode of B)',
    query: Insights.customerSegmentCounts,
    variables: (w) => ({ b: w.B }),
    expect: { ...CUSTOMERS_READ, adminA: 'NOT_FOUND', keyCustomersA: 'NOT_FOUND' },
    check: async (d, _caller, w) => {
      const [{ n }] = await w.app.db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM customer c JOIN brand b ON b.id = c.brand_id WHERE c.erased_at IS NULL AND b.code = $1`,
        [w.B],
      );
      // No order was counted here (the worker is off): every live customer is a PROSPECT.
      expect(d.customerSegmentCounts.find((c: { segment: string }) => c.segment === 'PROSPECT').count).toBe(n);
    },
  },
  {
    name: "customer (A's customer)",
    query: CustomerOps.customer,
    variables: (w) => ({ id: w.cast.subject.id }),
    expect: CUSTOMERS_READ,
    check: (d, caller, w) => {
      if (caller === 'adminB') expect(d.customer).toBeNull();
      else
        expect(d.customer).toMatchObject({ id: w.cast.subject.id, brandCode: w.A, audience: 'B2C', email: w.cast.subject.email });
    },
  },
  {
    name: "customer (B's customer)",
    query: CustomerOps.customer,
    variables: (w) => ({ id: w.cast.custB.id }),
    expect: CUSTOMERS_READ,
    check: (d, caller, w) => {
      if (caller === 'adminA' || caller === 'keyCustomersA') expect(d.customer).toBeNull();
      else expect(d.customer).toMatchObject({ id: w.cast.custB.id, brandCode: w.B });
    },
  },
  {
    name: "approveCustomer (A's rejected customer)",
    query: CustomerOps.approveCustomer,
    variables: async () => ({ id: await rejectedCustomerOfA() }),
    expect: ON_BRAND_A,
    check: (d) => expect(d.approveCustomer).toMatchObject({ status: 'ACTIVE', rejectionReason: null }),
  },
  {
    name: "rejectCustomer (A's active customer)",
    query: CustomerOps.rejectCustomer,
    variables: async (w) => ({
      id: (await register(w.sfA.client, b2cInput({ email: emailFor(w.sfA) }))).id,
      reason: 'Not a reseller',
    }),
    expect: ON_BRAND_A,
    check: (d) => expect(d.rejectCustomer).toMatchObject({ status: 'REJECTED', rejectionReason: 'Not a reseller' }),
  },
  {
    name: "reverifyCustomer (A's company admin)",
    query: CustomerOps.reverifyCustomer,
    variables: (w) => ({ id: w.cast.coAdmin.id }),
    expect: ON_BRAND_A,
    check: async (d, _caller, w) => {
      expect(d.reverifyCustomer).toMatchObject({
        id: w.cast.coAdmin.id,
        brandCode: w.A,
        company: { vatNumber: expect.any(String) },
      });
      await recheckSettled(w.cast.coAdmin.id);
    },
  },
  {
    name: "eraseCustomer (A's customer)",
    query: CustomerOps.eraseCustomer,
    variables: async (w) => ({ id: (await register(w.sfA.client, b2cInput({ email: emailFor(w.sfA) }))).id }),
    expect: ON_BRAND_A,
    check: async (d, _caller, w, vars) => {
      expect(d.eraseCustomer).toBe(true);
      expect((await w.root.ok(CustomerOps.customer, { id: vars.id })).customer).toBeNull();
    },
  },
  /* Orders: reading needs an admin or ORDERS_READ (of the key's brands); shipping methods an admin of the brand. */
  {
    name: 'orders',
    query: OrderOps.orders,
    expect: ORDERS_READ,
    check: (d, caller, w) => {
      const numbers = d.orders.edges.map((e: { node: { number: string } }) => e.node.number);
      const seen = { a: numbers.includes(w.orders.a), b: numbers.includes(w.orders.b) };
      const expected = {
        root: { a: true, b: true },
        keyOrders: { a: true, b: true },
        adminA: { a: true, b: false },
        keyOrdersA: { a: true, b: false },
        adminB: { a: false, b: true },
      };
      expect(seen).toEqual(expected[caller as keyof typeof expected]);
    },
  },
  {
    name: 'orders (brandCode of B)',
    query: OrderOps.orders,
    variables: (w) => ({ brandCode: w.B }),
    expect: { ...ORDERS_READ, adminA: 'NOT_FOUND', keyOrdersA: 'NOT_FOUND' },
    check: (d, _caller, w) => {
      const numbers = d.orders.edges.map((e: { node: { number: string } }) => e.node.number);
      expect(numbers).toContain(w.orders.b);
      expect(numbers).not.toContain(w.orders.a);
    },
  },
  {
    name: "order (A's order)",
    query: OrderOps.order,
    variables: (w) => ({ n: w.orders.a }),
    expect: ORDERS_READ,
    check: (d, caller, w) => {
      if (caller === 'adminB') expect(d.order).toBeNull();
      else expect(d.order).toMatchObject({ number: w.orders.a, storefrontCode: w.sfA.code, customerId: w.cast.subject.id });
    },
  },
  {
    name: "order (B's order)",
    query: OrderOps.order,
    variables: (w) => ({ n: w.orders.b }),
    expect: ORDERS_READ,
    check: (d, caller, w) => {
      if (caller === 'adminA' || caller === 'keyOrdersA') expect(d.order).toBeNull();
      else expect(d.order).toMatchObject({ number: w.orders.b, storefrontCode: w.sfB.code });
    },
  },
  {
    name: 'shippingMethods',
    query: OrderOps.shippingMethods,
    expect: ANY_ADMIN,
    check: (d, caller, w) => {
      const storefronts = new Set(d.shippingMethods.map((m: { storefrontCode: string }) => m.storefrontCode));
      const seen = { a: storefronts.has(w.sfA.code), b: storefronts.has(w.sfB.code) };
      const expected = { root: { a: true, b: true }, adminA: { a: true, b: false }, adminB: { a: false, b: true } };
      expect(seen).toEqual(expected[caller as keyof typeof expected]);
    },
  },
  {
    name: "createShippingMethod (on A's storefront)",
    query: OrderOps.createShippingMethod,
    variables: (w) => ({
      i: { storefrontCode: w.sfA.code, code: `express${++shippingCodes}`, name: 'Express', price: '9.95', countries: ['NL'] },
    }),
    expect: ON_BRAND_A,
    check: (d, _caller, w) => expect(d.createShippingMethod.storefrontCode).toBe(w.sfA.code),
  },
  {
    name: "updateShippingMethod (A's standard method)",
    query: OrderOps.updateShippingMethod,
    variables: (w) => ({ sf: w.sfA.code, c: 'standard', i: { name: 'Standard' } }),
    expect: ON_BRAND_A,
    check: (d) => expect(d.updateShippingMethod).toMatchObject({ code: 'standard', name: 'Standard' }),
  },
  {
    name: 'recordPayment (a new unpaid order of A)',
    query: OrderOps.recordPayment,
    variables: async () => {
      const o = await unpaidOrderOfSfA();
      return { i: { orderNumber: o.n, provider: 'psp', reference: `ref-${o.n}`, amount: o.total } };
    },
    expect: ORDERS_WRITE_ON_A,
    check: (d) => expect(d.recordPayment.status).toBe('CONFIRMED'),
  },
  {
    name: 'createShipment (a new paid order of A)',
    query: OrderOps.createShipment,
    variables: async (w) => {
      const o = await unpaidOrderOfSfA();
      await w.root.ok(OrderOps.recordPayment, {
        i: { orderNumber: o.n, provider: 'psp', reference: `ref-${o.n}`, amount: o.total },
      });
      return {
        i: { orderNumber: o.n, warehouseCode: w.W1, carrier: 'PostNL', lines: [{ sku: w.catalog.onlyA.sku, quantity: 1 }] },
      };
    },
    expect: ORDERS_WRITE_ON_A,
    check: (d) => expect(d.createShipment.status).toBe('SHIPPED'),
  },
  {
    name: 'cancelOrder (a new unpaid order of A)',
    query: OrderOps.cancelOrder,
    variables: async () => ({ n: (await unpaidOrderOfSfA()).n, r: 'matrix' }),
    expect: ORDERS_WRITE_ON_A,
    check: (d) => expect(d.cancelOrder.status).toBe('CANCELLED'),
  },
];

const STOREFRONT_CALLERS = [
  'sfA',
  'sfB',
  'noHeaders',
  'adminBearerOnly',
  'apiKeyBearerOnly',
  'adminTokenAsStorefrontToken',
  'apiKeyAsStorefrontToken',
  'rotatedAwayToken',
  /** The A-B2C customer's access token without a storefront token. */
  'customerBearerOnly',
  /** The A-B2C customer (the cast's subject) on A's B2C storefront. */
  'customerA',
  /** The same customer on A's other B2C storefront (the same realm). */
  'customerAOnSibling',
  /** The same customer's access token on brand B's storefront (another realm). */
  'customerAOnB',
  /** The same customer's access token on brand A's B2B storefront (another audience: another realm). */
  'customerAOnAB2B',
  /** Another customer of realm A-B2C. */
  'otherCustomerA',
  /** A customer of realm B-B2C on B's storefront. */
  'customerB',
  /** The ADMIN and a BUYER of a company of realm A-B2B, on A's B2B storefront. */
  'companyAdmin',
  'companyBuyer',
  /** On A's B2C storefront, an access token of the A-B2C customer's session that was logged out. */
  'revokedSessionA',
  /** On A's B2C storefront, the root admin's token as the customer bearer. */
  'adminBearerOnSfA',
] as const;
type StorefrontCaller = (typeof STOREFRONT_CALLERS)[number];

/** What each caller may never see: the other brand's prefix. */
const FOREIGN_PREFIX: Partial<Record<AdminCaller | StorefrontCaller, string>> = {
  adminA: 'bravo',
  adminB: 'alpha',
  sfA: 'bravo',
  sfB: 'alpha',
  customerA: 'bravo',
  customerAOnSibling: 'bravo',
  customerAOnB: 'alpha',
  customerAOnAB2B: 'bravo',
  otherCustomerA: 'bravo',
  customerB: 'alpha',
  companyAdmin: 'bravo',
  companyBuyer: 'bravo',
  revokedSessionA: 'bravo',
  adminBearerOnSfA: 'bravo',
  keyCustomersA: 'bravo',
  keyOrdersA: 'bravo',
};

const NO_STOREFRONT = {
  noHeaders: 'STOREFRONT_TOKEN_REQUIRED',
  adminBearerOnly: 'STOREFRONT_TOKEN_REQUIRED',
  apiKeyBearerOnly: 'STOREFRONT_TOKEN_REQUIRED',
  customerBearerOnly: 'STOREFRONT_TOKEN_REQUIRED',
  adminTokenAsStorefrontToken: 'UNKNOWN_STOREFRONT',
  apiKeyAsStorefrontToken: 'UNKNOWN_STOREFRONT',
  rotatedAwayToken: 'UNKNOWN_STOREFRONT',
} as const;

/** The realm of the storefront each caller (with a valid storefront token) talks to. */
type Realm = 'A' | 'B' | 'AB2B';
const REALM_OF: Record<Exclude<StorefrontCaller, keyof typeof NO_STOREFRONT>, Realm> = {
  sfA: 'A',
  sfB: 'B',
  customerA: 'A',
  customerAOnSibling: 'A',
  customerAOnB: 'B',
  customerAOnAB2B: 'AB2B',
  otherCustomerA: 'A',
  customerB: 'B',
  companyAdmin: 'AB2B',
  companyBuyer: 'AB2B',
  revokedSessionA: 'A',
  adminBearerOnSfA: 'A',
};
/** An outcome per realm of the caller's storefront (operations that need no logged-in customer). */
function byRealm(outcome: (realm: Realm) => Outcome): Record<StorefrontCaller, Outcome> {
  const rows = Object.entries(REALM_OF).map(([caller, realm]) => [caller, outcome(realm)]);
  return { ...NO_STOREFRONT, ...Object.fromEntries(rows) } as Record<StorefrontCaller, Outcome>;
}
/** Any valid storefront token works; a customer token of another realm is ignored where no customer is needed. */
const ANY_STOREFRONT = byRealm(() => 'ok');
/** Operations of the logged-in customer on their own data: a token of another realm is UNAUTHENTICATED. */
const LOGGED_IN = {
  ...NO_STOREFRONT,
  sfA: 'UNAUTHENTICATED',
  sfB: 'UNAUTHENTICATED',
  customerAOnB: 'UNAUTHENTICATED',
  customerAOnAB2B: 'UNAUTHENTICATED',
  revokedSessionA: 'UNAUTHENTICATED',
  adminBearerOnSfA: 'UNAUTHENTICATED',
  customerA: 'ok',
  customerAOnSibling: 'ok',
  otherCustomerA: 'ok',
  customerB: 'ok',
  companyAdmin: 'ok',
  companyBuyer: 'ok',
} as const;
/** On an object of the A-B2C customer (by id): every other customer gets NOT_FOUND, whatever their realm. */
const ON_SUBJECTS_OBJECT = {
  ...LOGGED_IN,
  otherCustomerA: 'NOT_FOUND',
  customerB: 'NOT_FOUND',
  companyAdmin: 'NOT_FOUND',
  companyBuyer: 'NOT_FOUND',
} as const;
/** Company ADMIN only: a BUYER is FORBIDDEN; a customer without a company has none to find. */
const COMPANY_ADMIN_ONLY = {
  ...LOGGED_IN,
  customerA: 'NOT_FOUND',
  customerAOnSibling: 'NOT_FOUND',
  otherCustomerA: 'NOT_FOUND',
  customerB: 'NOT_FOUND',
  companyBuyer: 'FORBIDDEN',
} as const;

/** On an anonymous cart (or order) of A's B2C storefront: any caller on that storefront; every other storefront NOT_FOUND. */
const ON_SF_A_CART = {
  ...byRealm(() => 'NOT_FOUND'),
  sfA: 'ok',
  customerA: 'ok',
  otherCustomerA: 'ok',
  revokedSessionA: 'ok',
  adminBearerOnSfA: 'ok',
} as const;

/**
 * Fresh customers for each cell of a row that consumes them: `subject` a new A-B2C customer; `sessions`
 * also new sessions for the acting customer; `accounts` new accounts for the acting customer.
 */
type Fresh = 'subject' | 'sessions' | 'accounts';

/** One cell of the storefront matrix: who calls, as which customer, on which storefront. */
interface Cell {
  caller: StorefrontCaller;
  cast: Cast;
  /** The customer the caller acts as (none for the callers without a customer token). */
  actor?: Identity;
  /** The storefront the caller talks to (none for the callers without a valid storefront token). */
  home?: StorefrontFixture;
  client: ApiClient;
}

interface StorefrontRow {
  name: string;
  query: string;
  fresh?: Fresh;
  variables?: (w: World, cell: Cell) => Vars | Promise<Vars>;
  expect: Record<StorefrontCaller, Outcome>;
  check?: (data: any, cell: Cell, w: World, variables: Vars) => void | Promise<void>;
}

/** What is published on each realm's storefront (nothing on A's B2B storefront). */
const publishedOn = (home: StorefrontFixture | undefined) =>
  home === w.sfA ? [w.catalog.onlyA, w.catalog.both] : home === w.sfB ? [w.catalog.onlyB, w.catalog.both] : [];
const realmOf = (caller: StorefrontCaller): Realm | undefined => REALM_OF[caller as keyof typeof REALM_OF];

const STOREFRONT_ROWS: StorefrontRow[] = [
  {
    name: 'storefront',
    query: Ops.storefront,
    expect: ANY_STOREFRONT,
    check: (d, { home }) => expect(d.storefront).toMatchObject({ code: home!.code, brand: { code: home!.brandCode } }),
  },
  {
    name: 'products',
    query: Catalog.products,
    expect: ANY_STOREFRONT,
    check: (d, { home }, w) => {
      const slugs = d.products.edges.map((e: { node: { slug: string } }) => e.node.slug);
      const own = publishedOn(home).map((p) => p.slug);
      expect(slugs).toEqual(expect.arrayContaining(own));
      expect(slugs.filter((s: string) => Object.values(w.catalog).some((p) => p.slug === s) && !own.includes(s))).toEqual([]);
    },
  },
  {
    name: 'product (published on the other brand only)',
    query: Catalog.product,
    variables: (w, { home }) => ({ slug: home === w.sfB ? w.catalog.onlyA.slug : w.catalog.onlyB.slug }),
    expect: ANY_STOREFRONT,
    check: (d) => expect(d.product).toBeNull(),
  },
  {
    name: 'product (alsoBought of the product both brands sell)',
    query: Insights.alsoBought,
    variables: async (w) => {
      // Pairs as the insights worker keeps them: in A, `both` went with `onlyA`; in B, with `onlyB`.
      await w.app.db.query(
        `INSERT INTO product_pair (brand_id, product_id, other_id, orders)
         SELECT b.id, p.id, o.id, 1 FROM (VALUES ($1, $3), ($2, $4)) AS x(brand, other)
           JOIN brand b ON b.code = x.brand JOIN product p ON p.slug = $5 JOIN product o ON o.slug = x.other
         ON CONFLICT DO NOTHING`,
        [w.A, w.B, w.catalog.onlyA.slug, w.catalog.onlyB.slug, w.catalog.both.slug],
      );
      return { slug: w.catalog.both.slug };
    },
    expect: ANY_STOREFRONT,
    check: (d, { home }, w) => {
      if (home === w.sfA) expect(d.product.alsoBought).toEqual([{ slug: w.catalog.onlyA.slug }]);
      else if (home === w.sfB) expect(d.product.alsoBought).toEqual([{ slug: w.catalog.onlyB.slug }]);
      else if (d.product) expect(d.product.alsoBought).toEqual([]);
    },
  },
  {
    name: 'categories (each brand files products under its own "shelf")',
    query: Catalog.categories,
    expect: ANY_STOREFRONT,
    check: (d, { home }, w) => {
      const names = d.categories.map((c: { name: string }) => c.name);
      if (home === w.sfA) expect(names).toEqual(['alpha shelf']);
      else if (home === w.sfB) expect(names).toEqual(['bravo shelf']);
      else expect(names).toEqual([]); // nothing published on A's B2B storefront
    },
  },
  {
    name: 'category (a slug both brands use)',
    query: Catalog.category,
    variables: () => ({ s: 'shelf' }),
    expect: ANY_STOREFRONT,
    check: (d, { home }, w) => {
      const expected = home === w.sfA ? 'alpha shelf' : home === w.sfB ? 'bravo shelf' : null;
      expect(d.category?.name ?? null).toBe(expected);
    },
  },
  {
    name: 'products (filtered by a category slug both brands use)',
    query: Catalog.productsInCategory,
    variables: () => ({ s: 'shelf' }),
    expect: ANY_STOREFRONT,
    check: (d, { home }) => {
      const slugs = d.products.edges.map((e: { node: { slug: string } }) => e.node.slug).sort();
      expect(slugs).toEqual(
        publishedOn(home)
          .map((p) => p.slug)
          .sort(),
      );
    },
  },
  {
    name: 'products with facets and a sort (counts only what this storefront shows)',
    query: Catalog.facets,
    expect: ANY_STOREFRONT,
    check: (d, { home }, w) => {
      const own = publishedOn(home);
      const colour = (p: (typeof own)[number]) => (p === w.catalog.onlyB ? 'b' : 'a');
      const counts = new Map<string, number>();
      for (const p of own) counts.set(colour(p), (counts.get(colour(p)) ?? 0) + 1);
      const expected = [...counts].sort().map(([code, count]) => ({ code, count }));
      expect(d.products.facets).toEqual(expected.length ? [{ code: 'matrix_colour', values: expected }] : []);
      expect(d.products.edges.map((e: { node: { slug: string } }) => e.node.slug).sort()).toEqual(own.map((p) => p.slug).sort());
    },
  },
  {
    name: 'variants (of A only, of B only, of both)',
    query: Catalog.variants,
    variables: (w) => ({ skus: [w.catalog.onlyA.sku, w.catalog.onlyB.sku, w.catalog.both.sku] }),
    expect: ANY_STOREFRONT,
    check: (d, { home }, w) => {
      const own = publishedOn(home);
      expect(d.variants).toEqual(
        [w.catalog.onlyA, w.catalog.onlyB, w.catalog.both].map((p) => (own.includes(p) ? { sku: p.sku } : null)),
      );
    },
  },
  {
    name: 'me',
    query: CustomerOps.me,
    expect: { ...LOGGED_IN, sfA: 'ok', sfB: 'ok' },
    check: (d, { caller, actor }) => {
      if (!actor) return expect(d.me).toBeNull(); // an anonymous visitor
      const role = caller === 'companyAdmin' ? 'ADMIN' : caller === 'companyBuyer' ? 'BUYER' : null;
      expect(d.me).toEqual({ id: actor.id, email: actor.email, company: role ? { role } : null });
    },
  },
  {
    name: "registerCustomer (in the storefront's realm)",
    query: CustomerOps.registerCustomer,
    variables: (w, { home }) => ({ i: registrationFor(home ?? w.sfA) }),
    expect: ANY_STOREFRONT,
    check: async (d, { home }, w, vars) => {
      const c = d.registerCustomer;
      expect(c).toMatchObject({ email: (vars.i as { email: string }).email, status: 'ACTIVE' });
      expect(c.company?.role ?? null).toBe(home!.audience === 'B2B' ? 'ADMIN' : null);
      const seen = (await w.root.ok(CustomerOps.customer, { id: c.id })).customer;
      expect(seen).toMatchObject({ brandCode: home!.brandCode, audience: home!.audience });
    },
  },
  {
    name: "login (the A-B2C customer's e-mail and password)",
    query: CustomerOps.login,
    variables: (_w, { cast }) => ({ e: cast.subject.email, p: PASSWORD }),
    // An account of another realm answers exactly like an unknown e-mail address.
    expect: byRealm((realm) => (realm === 'A' ? 'ok' : 'INVALID_CREDENTIALS')),
    check: (d, { cast }) => expect(d.login.customer).toEqual({ id: cast.subject.id, email: cast.subject.email }),
  },
  {
    name: "refreshSession (a refresh token of the A-B2C customer's session)",
    query: CustomerOps.refreshSession,
    variables: async (w, { cast }) => ({ t: (await login(w.sfA.client, cast.subject.email)).refreshToken }),
    expect: byRealm((realm) => (realm === 'A' ? 'ok' : 'INVALID_REFRESH_TOKEN')),
    check: (d, { cast }, _w, vars) => {
      expect(d.refreshSession.customer.id).toBe(cast.subject.id);
      expect(d.refreshSession.refreshToken).not.toBe(vars.t);
    },
  },
  {
    name: 'logout',
    query: CustomerOps.logout,
    fresh: 'sessions',
    expect: LOGGED_IN,
    check: async (d, { client }) => {
      expect(d.logout).toBe(true);
      expect(await client.code(CustomerOps.me)).toBe('UNAUTHENTICATED');
    },
  },
  {
    name: "requestPasswordReset (the A-B2C customer's e-mail)",
    query: CustomerOps.requestPasswordReset,
    variables: (_w, { cast }) => ({ e: cast.subject.email }),
    expect: ANY_STOREFRONT, // always true: no enumeration
    check: (d) => expect(d.requestPasswordReset).toBe(true),
  },
  {
    name: "resetPassword (a reset token of the A-B2C customer's realm)",
    query: CustomerOps.resetPassword,
    fresh: 'subject',
    variables: async (w, { cast }) => {
      await w.sfA.client.ok(CustomerOps.requestPasswordReset, { e: cast.subject.email });
      const { token } = await latestEvent(w.app.db, 'customer.password_reset_requested', { customerId: cast.subject.id });
      return { t: token, p: NEW_PASSWORD };
    },
    // The token is valid only on the storefronts of its realm (elsewhere: as an unknown token).
    expect: byRealm((realm) => (realm === 'A' ? 'ok' : 'BAD_USER_INPUT')),
    check: async (d, { cast }, w) => {
      expect(d.resetPassword.customer.id).toBe(cast.subject.id);
      await login(w.sfA.client, cast.subject.email, NEW_PASSWORD);
    },
  },
  {
    name: 'updateMyProfile',
    query: CustomerOps.updateMyProfile,
    variables: (_w, { caller }) => ({ i: { firstName: `Renamed ${caller}`, phone: '+31 6 12345678' } }),
    expect: LOGGED_IN,
    check: (d, { caller, actor }) =>
      expect(d.updateMyProfile).toMatchObject({ id: actor!.id, firstName: `Renamed ${caller}`, phone: '+31612345678' }),
  },
  {
    name: 'addMyAddress',
    query: CustomerOps.addMyAddress,
    variables: () => ({ i: { ...HOME_ADDRESS, street: 'Dorpsweg', houseNumber: '3', postalCode: '3511ab' } }),
    expect: LOGGED_IN,
    check: async (d, { client }) => {
      expect(d.addMyAddress).toMatchObject({ street: 'Dorpsweg', postalCode: '3511 AB', defaultShipping: false });
      expect((await client.ok(CustomerOps.myAddresses)).me.addresses.map((a: { id: string }) => a.id)).toContain(
        d.addMyAddress.id,
      );
    },
  },
  {
    name: "updateMyAddress (the caller's own address)",
    query: CustomerOps.updateMyAddress,
    variables: (_w, { cast, actor }) => ({ id: (actor ?? cast.subject).addressId, i: { ...HOME_ADDRESS, city: 'Haarlem' } }),
    expect: LOGGED_IN,
    check: (d, { actor }) => expect(d.updateMyAddress).toMatchObject({ id: actor!.addressId, city: 'Haarlem' }),
  },
  {
    name: 'updateMyAddress (an address of the A-B2C customer)',
    query: CustomerOps.updateMyAddress,
    variables: (_w, { cast }) => ({ id: cast.subject.addressId, i: { ...HOME_ADDRESS, city: 'Utrecht' } }),
    expect: ON_SUBJECTS_OBJECT,
    check: (d, { cast }) => expect(d.updateMyAddress).toMatchObject({ id: cast.subject.addressId, city: 'Utrecht' }),
  },
  {
    name: "removeMyAddress (the caller's own address)",
    query: CustomerOps.removeMyAddress,
    variables: async (_w, { cast, actor }) => ({
      id: (await clientOf(actor ?? cast.subject).ok(CustomerOps.addMyAddress, { i: HOME_ADDRESS })).addMyAddress.id,
    }),
    expect: LOGGED_IN,
    check: async (d, { client }, _w, vars) => {
      expect(d.removeMyAddress).toBe(true);
      expect((await client.ok(CustomerOps.myAddresses)).me.addresses.map((a: { id: string }) => a.id)).not.toContain(vars.id);
    },
  },
  {
    name: 'removeMyAddress (an address of the A-B2C customer)',
    query: CustomerOps.removeMyAddress,
    variables: async (_w, { cast }) => ({
      id: (await clientOf(cast.subject).ok(CustomerOps.addMyAddress, { i: HOME_ADDRESS })).addMyAddress.id,
    }),
    expect: ON_SUBJECTS_OBJECT,
    check: (d) => expect(d.removeMyAddress).toBe(true),
  },
  {
    name: 'changeMyPassword',
    query: CustomerOps.changeMyPassword,
    fresh: 'accounts',
    variables: () => ({ c: PASSWORD, n: NEW_PASSWORD }),
    expect: LOGGED_IN,
    check: async (d, { actor }) => {
      expect(d.changeMyPassword).toBe(true);
      await login(actor!.sf.client, actor!.email, NEW_PASSWORD);
    },
  },
  {
    name: 'requestEmailChange',
    query: CustomerOps.requestEmailChange,
    variables: (w, { home }) => ({ e: emailFor(home ?? w.sfA), p: PASSWORD }),
    expect: LOGGED_IN,
    check: async (d, { actor }, w, vars) => {
      expect(d.requestEmailChange).toBe(true);
      const event = await latestEvent(w.app.db, 'customer.email_change_requested', { customerId: actor!.id });
      expect(event).toMatchObject({ newEmail: vars.e, token: expect.any(String) });
    },
  },
  {
    name: "confirmEmailChange (a token of the A-B2C customer's realm)",
    query: CustomerOps.confirmEmailChange,
    fresh: 'subject',
    variables: async (w, { cast }) => {
      await clientOf(cast.subject).ok(CustomerOps.requestEmailChange, { e: emailFor(w.sfA), p: PASSWORD });
      const { token } = await latestEvent(w.app.db, 'customer.email_change_requested', { customerId: cast.subject.id });
      return { t: token };
    },
    expect: byRealm((realm) => (realm === 'A' ? 'ok' : 'BAD_USER_INPUT')),
    check: (d, { cast }) =>
      expect(d.confirmEmailChange).toMatchObject({ id: cast.subject.id, email: expect.stringMatching(/^alpha-/) }),
  },
  {
    name: 'setMyConsents',
    query: CustomerOps.setMyConsents,
    variables: () => ({ i: [{ purpose: 'NEWSLETTER', granted: true, textVersion: 'v1' }] }),
    expect: LOGGED_IN,
    check: (d) =>
      expect(d.setMyConsents).toEqual(expect.arrayContaining([{ purpose: 'NEWSLETTER', granted: true, textVersion: 'v1' }])),
  },
  {
    name: 'updateMyCompany',
    query: CustomerOps.updateMyCompany,
    variables: (_w, { caller }) => ({ i: { name: `Voorbeeld B.V. (renamed by ${caller})` } }),
    expect: COMPANY_ADMIN_ONLY,
    check: (d, { caller }) =>
      expect(d.updateMyCompany).toMatchObject({ name: `Voorbeeld B.V. (renamed by ${caller})`, role: 'ADMIN' }),
  },
  {
    name: "inviteColleague (the e-mail of the A-B2C customer's account: another realm)",
    query: CustomerOps.inviteColleague,
    variables: (_w, { cast }) => ({ e: cast.subject.email }),
    expect: COMPANY_ADMIN_ONLY,
    check: async (d, { actor }, w, vars) => {
      expect(d.inviteColleague).toBe(true);
      expect(await latestEvent(w.app.db, 'customer.invited', { email: vars.e })).toMatchObject({ invitedBy: actor!.id });
    },
  },
  {
    name: "acceptCompanyInvitation (an invitation of A's B2B company)",
    query: CustomerOps.acceptCompanyInvitation,
    variables: async (w, { cast }) => {
      const email = emailFor(w.sfAB2B);
      await clientOf(cast.coAdmin).ok(CustomerOps.inviteColleague, { e: email });
      const { token } = await latestEvent(w.app.db, 'customer.invited', { email });
      return { i: { token, password: PASSWORD, firstName: 'Kees', lastName: 'Koper' }, email };
    },
    // The invitation is valid only on the storefronts of the company's realm.
    expect: byRealm((realm) => (realm === 'AB2B' ? 'ok' : 'BAD_USER_INPUT')),
    check: (d, _cell, _w, vars) =>
      expect(d.acceptCompanyInvitation).toMatchObject({ email: vars.email, status: 'ACTIVE', company: { role: 'BUYER' } }),
  },
  {
    name: 'exportMyData',
    query: CustomerOps.exportMyData,
    expect: LOGGED_IN,
    check: (d, { actor }) => {
      expect(d.exportMyData.profile).toMatchObject({ id: actor!.id, email: actor!.email, registeredAt: actor!.sf.code });
      expect(d.exportMyData.addresses.length).toBeGreaterThanOrEqual(1);
    },
  },
  {
    name: 'deleteMyAccount',
    query: CustomerOps.deleteMyAccount,
    fresh: 'accounts',
    variables: () => ({ p: PASSWORD }),
    expect: LOGGED_IN,
    check: async (d, { actor, client }, w) => {
      expect(d.deleteMyAccount).toBe(true);
      expect(await client.code(CustomerOps.me)).toBe('UNAUTHENTICATED');
      expect((await w.root.ok(CustomerOps.customer, { id: actor!.id })).customer).toBeNull();
    },
  },
  {
    name: 'requestEmailChange (to the e-mail of an account of another realm)',
    query: CustomerOps.requestEmailChange,
    variables: (_w, { caller, cast }) => ({ e: realmOf(caller) === 'A' ? cast.custB.email : cast.subject.email, p: PASSWORD }),
    expect: LOGGED_IN, // e-mail addresses are unique per realm only
    check: (d) => expect(d.requestEmailChange).toBe(true),
  },
  {
    name: 'registerCustomer (with the e-mail address of an account of realm A-B2C)',
    query: CustomerOps.registerCustomer,
    variables: async (w, { home }) => {
      // A neutral address (no brand prefix): it is to appear in other brands' answers.
      const email = `${uniqueCode('shared')}@example.nl`;
      await register(w.sfA.client, b2cInput({ email }));
      return { i: registrationFor(home ?? w.sfA, { email, password: 'another realm, another passphrase' }) };
    },
    // E-mail addresses are unique per realm only.
    expect: byRealm((realm) => (realm === 'A' ? 'EMAIL_ALREADY_REGISTERED' : 'ok')),
    check: async (d, { home }, w, vars) => {
      const { email } = vars.i as { email: string };
      expect(d.registerCustomer).toMatchObject({ email, status: 'ACTIVE' });
      const seen = (await w.root.ok(CustomerOps.customer, { id: d.registerCustomer.id })).customer;
      expect(seen).toMatchObject({ brandCode: home!.brandCode, audience: home!.audience });
    },
  },
  /* Carts and orders. Anonymous carts belong to their storefront; a customer's cart and orders to the customer. */
  {
    name: 'cart (an anonymous cart of sfA)',
    query: OrderOps.cart,
    variables: async () => ({ id: await anonymousCartOfSfA() }),
    expect: ANY_STOREFRONT,
    check: (d, { home }, w, vars) => (home === w.sfA ? expect(d.cart.id).toBe(vars.id) : expect(d.cart).toBeNull()),
  },
  {
    name: "cart (the A-B2C customer's cart)",
    query: OrderOps.cart,
    variables: async (_w, { cast }) => ({ id: await cartOf(cast.subject) }),
    expect: ANY_STOREFRONT,
    check: (d, { caller }, _w, vars) => (caller === 'customerA' ? expect(d.cart.id).toBe(vars.id) : expect(d.cart).toBeNull()),
  },
  {
    name: 'shippingMethods',
    query: OrderOps.storefrontShippingMethods,
    expect: ANY_STOREFRONT,
    check: (d, { home }, w) => {
      const codes = d.shippingMethods.map((m: { code: string }) => m.code);
      if (home === w.sfA || home === w.sfB) expect(codes).toContain('standard');
      else expect(codes).toEqual([]);
    },
  },
  {
    name: 'createCart',
    query: OrderOps.createCart,
    expect: ANY_STOREFRONT,
    check: (d) => expect(d.createCart.status).toBe('ACTIVE'),
  },
  {
    name: 'addToCart (an anonymous cart of sfA)',
    query: OrderOps.addToCart,
    variables: async (w) => ({ c: await anonymousCartOfSfA(), s: w.catalog.onlyA.sku, q: 2 }),
    expect: ON_SF_A_CART,
    check: (d, _cell, w) =>
      expect(d.addToCart.lines).toEqual([expect.objectContaining({ sku: w.catalog.onlyA.sku, quantity: 3 })]),
  },
  {
    name: "addToCart (the A-B2C customer's cart)",
    query: OrderOps.addToCart,
    variables: async (w, { cast }) => ({ c: await cartOf(cast.subject), s: w.catalog.both.sku, q: 1 }),
    expect: { ...byRealm(() => 'NOT_FOUND'), customerA: 'ok' },
  },
  {
    name: 'updateCartLine (an anonymous cart of sfA)',
    query: OrderOps.updateCartLine,
    variables: async (w) => ({ c: await anonymousCartOfSfA(), s: w.catalog.onlyA.sku, q: 5 }),
    expect: ON_SF_A_CART,
    check: (d) => expect(d.updateCartLine.lines[0].quantity).toBe(5),
  },
  {
    name: 'setCartDetails (an anonymous cart of sfA)',
    query: OrderOps.setCartDetails,
    variables: async () => ({ c: await anonymousCartOfSfA(), i: { email: 'someone@example.nl' } }),
    expect: ON_SF_A_CART,
    check: (d) => expect(d.setCartDetails.email).toBe('someone@example.nl'),
  },
  {
    name: 'mergeCart (an anonymous cart of sfA)',
    query: OrderOps.mergeCart,
    variables: async () => ({ c: await anonymousCartOfSfA() }),
    // Customers of another storefront do not see it; anonymous callers have no cart to merge into.
    expect: { ...ON_SUBJECTS_OBJECT, otherCustomerA: 'ok', customerAOnSibling: 'NOT_FOUND' },
    check: (d, _cell, w) =>
      expect(d.mergeCart.lines).toEqual(expect.arrayContaining([expect.objectContaining({ sku: w.catalog.onlyA.sku })])),
  },
  {
    name: "mergeCart (the A-B2C customer's cart)",
    query: OrderOps.mergeCart,
    variables: async (_w, { cast }) => ({ c: await cartOf(cast.subject) }),
    expect: { ...ON_SUBJECTS_OBJECT, customerAOnSibling: 'NOT_FOUND' },
  },
  {
    name: 'placeOrder (a complete anonymous cart of sfA)',
    query: OrderOps.placeOrder,
    variables: async () => ({ c: await anonymousCartOfSfA(true) }),
    // A logged-in customer merges an anonymous cart first.
    expect: { ...ON_SF_A_CART, customerA: 'BAD_USER_INPUT', otherCustomerA: 'BAD_USER_INPUT' },
    check: (d, _cell, w) =>
      expect(d.placeOrder).toMatchObject({ status: 'AWAITING_PAYMENT', storefrontCode: w.sfA.code, customerId: null }),
  },
  {
    name: "placeOrder (the A-B2C customer's complete cart)",
    query: OrderOps.placeOrder,
    fresh: 'subject',
    variables: async (_w, { cast }) => ({ c: await cartOf(cast.subject) }),
    expect: { ...byRealm(() => 'NOT_FOUND'), customerA: 'ok' },
    check: (d, { cast }) => expect(d.placeOrder.customerId).toBe(cast.subject.id),
  },
  {
    name: 'myOrders',
    query: OrderOps.myOrders,
    expect: LOGGED_IN,
    check: (d, { caller }, w) => {
      const numbers = d.myOrders.edges.map((e: { node: { number: string } }) => e.node.number);
      // The realm's orders of the customer, on any of its storefronts.
      expect(numbers.includes(w.orders.a)).toBe(caller === 'customerA' || caller === 'customerAOnSibling');
      expect(numbers.includes(w.orders.b)).toBe(caller === 'customerB');
    },
  },
  {
    name: 'myFrequentlyOrdered',
    query: Insights.myFrequentlyOrdered,
    variables: async (w) => {
      // An item as the insights worker keeps it, for the A-B2C customer.
      await w.app.db.query(
        `INSERT INTO buyer_item (brand_id, customer_id, sku, times_ordered, total_quantity, last_quantity, last_ordered_at)
         SELECT c.brand_id, c.id, $2, 1, 2, 2, now() FROM customer c WHERE c.id = $1 ON CONFLICT DO NOTHING`,
        [w.cast.subject.id, w.catalog.onlyA.sku],
      );
      return {};
    },
    expect: LOGGED_IN,
    check: (d, { caller }, w) => {
      const skus = d.myFrequentlyOrdered.map((i: { sku: string }) => i.sku);
      expect(skus).toEqual(caller === 'customerA' || caller === 'customerAOnSibling' ? [w.catalog.onlyA.sku] : []);
    },
  },
  {
    name: "myOrder (the A-B2C customer's order)",
    query: OrderOps.myOrder,
    variables: (w) => ({ n: w.orders.a }),
    expect: LOGGED_IN,
    check: (d, { caller }, w) =>
      caller === 'customerA' || caller === 'customerAOnSibling'
        ? expect(d.myOrder.number).toBe(w.orders.a)
        : expect(d.myOrder).toBeNull(),
  },
  {
    name: 'registerFromOrder (a guest order of sfA with its token)',
    query: OrderOps.registerFromOrder,
    variables: async () => ({ ...(await guestOrderOfSfA()), p: PASSWORD }),
    // Another storefront (also of the same realm) answers as for an unknown order; B2B storefronts take no guest orders.
    expect: {
      ...ON_SF_A_CART,
      customerAOnAB2B: 'BAD_USER_INPUT',
      companyAdmin: 'BAD_USER_INPUT',
      companyBuyer: 'BAD_USER_INPUT',
    },
    check: (d) => expect(d.registerFromOrder.customer.id).toMatch(/^[0-9a-f-]{36}$/),
  },
  {
    name: 'cancelMyOrder (a new order of the A-B2C customer)',
    query: OrderOps.cancelMyOrder,
    fresh: 'subject',
    variables: async (_w, { cast }) => {
      const placed = (await clientOf(cast.subject).ok(OrderOps.placeOrder, { c: await cartOf(cast.subject) })).placeOrder;
      return { n: placed.number };
    },
    expect: ON_SUBJECTS_OBJECT,
    check: (d) => expect(d.cancelMyOrder.status).toBe('CANCELLED'),
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
    const vies = await FakeVies.start();
    const app = await TestApp.start({
      env: {
        VIES_URL: vies.url,
        VIES_TIMEOUT_MS: '800',
        VIES_RETRY_BASE_MS: '300',
        VIES_RETRY_MAX_MS: '1000',
        JOB_POLL_MS: '100',
      },
    });
    const fx = await Fixtures.create(app);
    const root = fx.root;
    // Brand A sells B2B too: its VAT number is the requester of VIES checks.
    const A = await fx.brand(uniqueCode('alpha'), 'NL000099998B57');
    const B = await fx.brand(uniqueCode('bravo'));
    const W1 = await fx.warehouse(uniqueCode('wh-one'));
    const W2 = await fx.warehouse(uniqueCode('wh-two'));
    const sfA = await fx.storefront({ brandCode: A, audience: 'B2C', warehouseCodes: [W1], code: uniqueCode('alpha-sf') });
    const sfA2 = await fx.storefront({
      brandCode: A,
      audience: 'B2C',
      warehouseCodes: [W1],
      code: uniqueCode('alpha-be'),
      country: 'BE',
    });
    const sfARotating = await fx.storefront({
      brandCode: A,
      audience: 'B2B',
      warehouseCodes: [W1],
      code: uniqueCode('alpha-rot'),
    });
    const sfAB2B = await fx.storefront({ brandCode: A, audience: 'B2B', warehouseCodes: [W1], code: uniqueCode('alpha-b2b') });
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
    const keyCustomersA = await apiKeyNamed(app, root, 'alpha customers key', ['CUSTOMERS_READ'], { brandCodes: [A] });
    const keyOrders = await apiKeyNamed(app, root, 'matrix orders key', ['ORDERS_READ']);
    const keyOrdersA = await apiKeyNamed(app, root, 'alpha orders key', ['ORDERS_READ'], { brandCodes: [A] });
    const keyOrdersWriteA = await apiKeyNamed(app, root, 'alpha orders write key', ['ORDERS_WRITE'], { brandCodes: [A] });
    const keyRevoked = await apiKeyNamed(app, root, 'matrix revoked key', ['CATALOG_WRITE', 'CUSTOMERS_READ']);
    await root.ok(REVOKE_API_KEY, { id: keyRevoked.id });
    const product = (name: string) => ({ slug: uniqueCode(`prod-${name}`), sku: uniqueCode(`sku-${name}`) });
    const catalog = { onlyA: product('one'), onlyB: product('two'), both: product('three'), extra: product('four') };
    await upsertEnumAttribute(root, 'matrix_colour', 'Colour', { a: 'A', b: 'B' });
    await root.ok(Catalog.upsertProducts, {
      input: Object.values(catalog).map((p, i) => ({
        slug: p.slug,
        name: `Product ${i}`,
        attributes: [{ code: 'matrix_colour', values: [p === catalog.onlyB ? 'b' : 'a'] }],
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
    // Orders: stock of each brand's own product, and a shipping method on each B2C storefront.
    await root.ok(Catalog.pushStockLevels, {
      wh: W1,
      levels: [{ sku: catalog.onlyA.sku, onHand: 100000, sequence: nextSequence() }],
    });
    await root.ok(Catalog.pushStockLevels, {
      wh: W2,
      levels: [{ sku: catalog.onlyB.sku, onHand: 100000, sequence: nextSequence() }],
    });
    for (const sf of [sfA, sfB]) {
      await root.ok(OrderOps.createShippingMethod, {
        i: { storefrontCode: sf.code, code: 'standard', name: 'Standard', price: '4.95', countries: ['NL', 'BE'] },
      });
    }
    // Both brands have a category "shelf" (the slug is per brand), each filing what it publishes.
    for (const [brand, prefix, own] of [
      [A, 'alpha', catalog.onlyA],
      [B, 'bravo', catalog.onlyB],
    ] as const) {
      await root.ok(Catalog.upsertCategories, { b: brand, i: [{ slug: 'shelf', name: `${prefix} shelf` }] });
      await root.ok(Catalog.setProductCategories, {
        b: brand,
        i: [own, catalog.both].map((p) => ({ productSlug: p.slug, categorySlugs: ['shelf'] })),
      });
    }
    const rootToken = root.headers.authorization.replace(/^Bearer /, '');
    w = {
      app,
      vies,
      fx,
      root,
      A,
      B,
      W1,
      W2,
      sfA,
      sfA2,
      sfARotating,
      sfAB2B,
      sfB,
      rotatedAwayToken: sfBOld.token,
      adminA,
      adminB,
      keyA,
      keyB,
      catalog,
      secrets: { rootToken, keySecret: keyCatalog.secret, revokedCustomerToken: '' },
      callers: {
        anonymous: adminClient(app),
        root,
        adminA: adminA.client,
        adminB: adminB.client,
        keyInventoryW1: keyInventoryW1.client,
        keyCatalog: keyCatalog.client,
        keyCustomers: keyCustomers.client,
        keyCustomersA: keyCustomersA.client,
        keyOrders: keyOrders.client,
        keyOrdersA: keyOrdersA.client,
        keyOrdersWriteA: keyOrdersWriteA.client,
        keyRevoked: keyRevoked.client,
        storefrontTokenAsBearer: adminClient(app, sfA.token),
        storefrontTokenHeader: adminClient(app).with({ 'x-storefront-token': sfA.token }),
        customerTokenAsBearer: adminClient(app), // set once the cast exists
      },
      cast: undefined as unknown as Cast,
      orders: { a: '', b: '' },
    };
    const coAdmin = await signUp(sfAB2B);
    w.cast = {
      subject: await signUp(sfA),
      otherA: await signUp(sfA),
      custB: await signUp(sfB),
      coAdmin,
      coBuyer: await invitedBuyer(coAdmin),
    };
    w.callers.customerTokenAsBearer = adminClient(app, w.cast.subject.accessToken);
    w.orders.a = (await clientOf(w.cast.subject).ok(OrderOps.placeOrder, { c: await cartOf(w.cast.subject) })).placeOrder.number;
    const cartB = (await clientOf(w.cast.custB).ok(OrderOps.createCart)).createCart.id;
    await clientOf(w.cast.custB).ok(OrderOps.addToCart, { c: cartB, s: catalog.onlyB.sku, q: 1 });
    await clientOf(w.cast.custB).ok(OrderOps.setCartDetails, { c: cartB, i: { shippingMethodCode: 'standard' } });
    w.orders.b = (await clientOf(w.cast.custB).ok(OrderOps.placeOrder, { c: cartB })).placeOrder.number;
    const loggedOut = await login(sfA.client, w.cast.subject.email);
    await storefrontClient(app, sfA.token, loggedOut.accessToken).ok(CustomerOps.logout);
    w.secrets.revokedCustomerToken = loggedOut.accessToken;
  });
  afterAll(async () => {
    await w?.app.close();
    await w?.vies.stop();
  });

  /** The cast member a storefront caller acts as. */
  function roleOf(caller: StorefrontCaller): keyof Cast | undefined {
    switch (caller) {
      case 'customerBearerOnly':
      case 'customerA':
      case 'customerAOnSibling':
      case 'customerAOnB':
      case 'customerAOnAB2B':
        return 'subject';
      case 'otherCustomerA':
        return 'otherA';
      case 'customerB':
        return 'custB';
      case 'companyAdmin':
        return 'coAdmin';
      case 'companyBuyer':
        return 'coBuyer';
      default:
        return undefined;
    }
  }

  /** The customers of one cell: the shared cast, or fresh ones where the row consumes them. */
  async function castFor(fresh: Fresh | undefined, caller: StorefrontCaller): Promise<Cast> {
    if (!fresh) return w.cast;
    const cast: Cast = { ...w.cast, subject: await signUp(w.sfA) };
    const role = roleOf(caller);
    if (!role || role === 'subject' || fresh === 'subject') return cast;
    if (fresh === 'sessions') cast[role] = await withSession(w.cast[role]);
    else if (role === 'otherA') cast.otherA = await signUp(w.sfA);
    else if (role === 'custB') cast.custB = await signUp(w.sfB);
    else if (role === 'coAdmin') cast.coAdmin = await signUp(w.sfAB2B);
    else cast.coBuyer = await invitedBuyer(await signUp(w.sfAB2B));
    return cast;
  }

  /** The storefront a caller talks to (none without a valid storefront token). */
  function homeOf(caller: StorefrontCaller): StorefrontFixture | undefined {
    if (caller === 'customerAOnSibling') return w.sfA2;
    const realm = realmOf(caller);
    if (realm === 'A') return w.sfA;
    if (realm === 'B') return w.sfB;
    if (realm === 'AB2B') return w.sfAB2B;
    return undefined;
  }

  function storefrontCaller(caller: StorefrontCaller, cast: Cast): ApiClient {
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
      case 'customerBearerOnly':
        return storefrontClient(w.app, undefined, cast.subject.accessToken);
      case 'customerA':
        return storefrontClient(w.app, w.sfA.token, cast.subject.accessToken);
      case 'customerAOnSibling':
        return storefrontClient(w.app, w.sfA2.token, cast.subject.accessToken);
      case 'customerAOnB':
        return storefrontClient(w.app, w.sfB.token, cast.subject.accessToken);
      case 'customerAOnAB2B':
        return storefrontClient(w.app, w.sfAB2B.token, cast.subject.accessToken);
      case 'otherCustomerA':
        return clientOf(cast.otherA);
      case 'customerB':
        return clientOf(cast.custB);
      case 'companyAdmin':
        return clientOf(cast.coAdmin);
      case 'companyBuyer':
        return clientOf(cast.coBuyer);
      case 'revokedSessionA':
        return storefrontClient(w.app, w.sfA.token, w.secrets.revokedCustomerToken);
      case 'adminBearerOnSfA':
        return storefrontClient(w.app, w.sfA.token, w.secrets.rootToken);
    }
  }

  async function runCell(
    client: ApiClient,
    caller: AdminCaller | StorefrontCaller,
    query: string,
    outcome: Outcome,
    variables: Vars,
    check?: (data: any) => void | Promise<void>,
  ): Promise<void> {
    if (outcome !== 'ok') {
      await expectRefused(w.app, client, query, variables, { code: outcome });
      return;
    }
    const res = await client.raw(query, variables);
    expect({ errors: res.errors ?? null, hasData: res.data != null }).toEqual({ errors: null, hasData: true });
    const foreign = FOREIGN_PREFIX[caller];
    if (foreign) expect(JSON.stringify(res.data)).not.toContain(foreign);
    await check?.(res.data);
  }

  describe.each(ADMIN_ROWS)('Admin API: $name', (row) => {
    it.each(ADMIN_CALLERS.map((caller) => [caller, row.expect[caller]] as const))('%s → %s', async (caller, outcome) => {
      const variables = (await row.variables?.(w, caller)) ?? {};
      await runCell(w.callers[caller], caller, row.query, outcome, variables, (d) => row.check?.(d, caller, w, variables));
    });
  });

  describe.each(STOREFRONT_ROWS)('Storefront API: $name', (row) => {
    it.each(STOREFRONT_CALLERS.map((caller) => [caller, row.expect[caller]] as const))('%s → %s', async (caller, outcome) => {
      const cast = await castFor(row.fresh, caller);
      const role = roleOf(caller);
      const cell: Cell = {
        caller,
        cast,
        actor: role && cast[role],
        home: homeOf(caller),
        client: storefrontCaller(caller, cast),
      };
      const variables = (await row.variables?.(w, cell)) ?? {};
      await runCell(cell.client, caller, row.query, outcome, variables, (d) => row.check?.(d, cell, w, variables));
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

    it.each([
      ['approveCustomer', CustomerOps.approveCustomer, (id: string) => ({ id })],
      ['rejectCustomer', CustomerOps.rejectCustomer, (id: string) => ({ id, reason: 'x' })],
      ['reverifyCustomer', CustomerOps.reverifyCustomer, (id: string) => ({ id })],
      ['eraseCustomer', CustomerOps.eraseCustomer, (id: string) => ({ id })],
    ])("%s of A's customer answers brand B's admin exactly as for a customer that does not exist", async (_op, query, vars) => {
      const missing = '01936f3e-0000-7000-8000-00000000c0de';
      const foreign = await expectRefused(w.app, w.adminB.client, query, vars(w.cast.coAdmin.id), { code: 'NOT_FOUND' });
      const absent = await expectRefused(w.app, w.adminB.client, query, vars(missing), { code: 'NOT_FOUND' });
      expect(normalise(foreign, w.cast.coAdmin.id)).toEqual(normalise(absent, missing));
    });

    it("customer(id) of A's customer answers brand B's admin exactly as for a customer that does not exist", async () => {
      const missing = '01936f3e-0000-7000-8000-00000000c0de';
      const foreign = await w.adminB.client.raw(CustomerOps.customer, { id: w.cast.subject.id });
      const absent = await w.adminB.client.raw(CustomerOps.customer, { id: missing });
      expect({ status: foreign.status, data: foreign.data }).toEqual({ status: 200, data: { customer: null } });
      expect(absent).toEqual(foreign);
    });

    it.each([
      ['updateMyAddress', CustomerOps.updateMyAddress, (id: string) => ({ id, i: HOME_ADDRESS })],
      ['removeMyAddress', CustomerOps.removeMyAddress, (id: string) => ({ id })],
    ])(
      "%s with the A-B2C customer's address answers another realm's customer exactly as for an address that does not exist",
      async (_op, query, vars) => {
        const missing = '01936f3e-0000-7000-8000-0000000add00';
        const asB = clientOf(w.cast.custB);
        const foreign = await expectRefused(w.app, asB, query, vars(w.cast.subject.addressId), { code: 'NOT_FOUND' });
        const absent = await expectRefused(w.app, asB, query, vars(missing), { code: 'NOT_FOUND' });
        expect(normalise(foreign, w.cast.subject.addressId)).toEqual(normalise(absent, missing));
      },
    );
  });

  describe('afterwards', () => {
    it("after every refused attempt, A's storefront token and key still work", async () => {
      expect((await w.sfA.client.ok(Ops.storefront)).storefront).toMatchObject({ code: w.sfA.code, brand: { code: w.A } });
      const keys = (await w.adminA.client.ok(Ops.apiKeys)).apiKeys;
      expect(keys.find((k: { id: string }) => k.id === w.keyA.id).revokedAt).toBeNull();
      await expectRefused(w.app, w.keyA.client, Ops.brands, {}, { code: 'FORBIDDEN' }); // authenticated, not revoked
    });

    it('after every attempt of other customers, the A-B2C customer still has their account, session and address', async () => {
      const { subject } = w.cast;
      const me = (await clientOf(subject).ok(`{ me { id email addresses { id } } }`)).me;
      expect(me).toEqual({
        id: subject.id,
        email: subject.email,
        addresses: expect.arrayContaining([{ id: subject.addressId }]),
      });
      expect((await login(w.sfA.client, subject.email)).customer.id).toBe(subject.id);
    });
  });
});
