import { Client } from 'pg';
import type { GraphQLResponse, TestApp, TestDatabase } from './app';
import { type ApiClient, adminClient, adminLogin } from './clients';

export type Vars = Record<string, unknown>;

/** The parts of a GraphQL answer that an expectation is made on (readable in a failed assertion's diff). */
export interface ErrorSummary {
  code: string | undefined;
  fieldErrorPaths: string[];
  message: string | undefined;
  data: unknown;
}

export function summarize(res: GraphQLResponse): ErrorSummary {
  const e = res.errors?.[0];
  return {
    code: e?.extensions?.code,
    fieldErrorPaths: (e?.extensions?.fieldErrors ?? []).map((f) => f.path),
    message: e?.message,
    // A refused nullable root field answers `data: { field: null }`: that is no data either.
    data: res.data && Object.values(res.data).some((v) => v !== null) ? res.data : null,
  };
}

/** `path` names the field, or (for list inputs) an item of it: `warehouseCodes` matches `warehouseCodes.1`. */
export function hasFieldError(res: GraphQLResponse, path: string): boolean {
  return (res.errors?.[0]?.extensions?.fieldErrors ?? []).some(
    (f) => typeof f.message === 'string' && f.message.length > 0 && (f.path === path || f.path.startsWith(`${path}.`)),
  );
}

export interface Refusal {
  code: string;
  /** The `extensions.fieldErrors[].path` that must name the offending input. */
  path?: string;
}

/**
 * Runs an operation that must be refused: asserts the error code, the field error's path, no data, no
 * internals in the answer, and an unchanged database (CONTRACT §5: failing operations change nothing).
 */
export async function expectRefused(
  app: TestApp,
  client: ApiClient,
  query: string,
  variables: Vars,
  refusal: Refusal,
): Promise<GraphQLResponse> {
  const before = await snapshot(app.db);
  const res = await client.raw(query, variables);
  const after = await snapshot(app.db);
  const s = summarize(res);
  const changedTables = Object.keys({ ...before, ...after }).filter((t) => before[t] !== after[t]);
  // One assertion over every facet, so that a failure shows all of them at once.
  expect({
    code: s.code,
    fieldErrorPaths: s.fieldErrorPaths,
    pathNamed: refusal.path ? hasFieldError(res, refusal.path) : true,
    data: s.data,
    internalsShown: /node_modules|\bat .*\.js:\d+|QueryFailedError|violates|duplicate key/.test(JSON.stringify(res.errors ?? [])),
    changedTables,
  }).toEqual({
    code: refusal.code,
    fieldErrorPaths: s.fieldErrorPaths,
    pathNamed: true,
    data: null,
    internalsShown: false,
    changedTables: [],
  });
  expect(after).toEqual(before);
  return res;
}

/** Runs `work` on one connection to the test database (a new connection per statement is slow on real PostgreSQL). */
async function withConnection<T>(db: TestDatabase, work: (c: Client) => Promise<T>): Promise<T> {
  const c = new Client({ connectionString: db.url });
  await c.connect();
  try {
    return await work(c);
  } finally {
    await c.end();
  }
}

const PUBLIC_TABLES = `SELECT table_name AS t FROM information_schema.tables
  WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1`;

/**
 * Exactly `TestDatabase#snapshot()` (row count and content hash of every table), computed over one
 * connection: the matrix takes hundreds of snapshots, and a connection per table made that take ten
 * minutes on real PostgreSQL.
 */
export function snapshot(db: TestDatabase): Promise<Record<string, string>> {
  return withConnection(db, async (c) => {
    const out: Record<string, string> = {};
    for (const { t } of (await c.query<{ t: string }>(PUBLIC_TABLES)).rows) {
      const {
        rows: [row],
      } = await c.query<{ n: string; h: string }>(
        `SELECT count(*) AS n, md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) AS h FROM "${t}" x`,
      );
      out[t] = `${row.n}:${row.h}`;
    }
    return out;
  });
}

/** Every table with a row whose text contains `needle`: a secret that is stored only as a hash is in none. */
export function tablesContaining(db: TestDatabase, needle: string): Promise<string[]> {
  return withConnection(db, async (c) => {
    const hits: string[] = [];
    for (const { t } of (await c.query<{ t: string }>(PUBLIC_TABLES)).rows) {
      const {
        rows: [row],
      } = await c.query<{ n: string }>(`SELECT count(*) AS n FROM "${t}" x WHERE strpos(x::text, $1) > 0`, [needle]);
      if (Number(row.n) > 0) hits.push(t);
    }
    return hits;
  });
}

export const CREATE_ADMIN = `mutation($i: CreateAdminInput!) { createAdmin(input: $i) { id email role brandCodes } }`;
export const CREATE_API_KEY = `mutation($i: CreateApiKeyInput!) {
  createApiKey(input: $i) { secret apiKey { id name prefix scopes warehouseCodes brandCodes createdAt revokedAt } } }`;
export const REVOKE_API_KEY = `mutation($id: ID!) { revokeApiKey(id: $id) }`;

/** A BRAND_ADMIN with a chosen e-mail address (so a test can recognise it in lists), logged in. */
export async function brandAdminWithEmail(
  app: TestApp,
  root: ApiClient,
  email: string,
  brandCodes: string[],
  password = 'brand-admin-password-1',
): Promise<{ id: string; email: string; client: ApiClient }> {
  const data = await root.ok<{ createAdmin: { id: string } }>(CREATE_ADMIN, {
    i: { email, password, role: 'BRAND_ADMIN', brandCodes },
  });
  return { id: data.createAdmin.id, email, client: await adminLogin(app, email, password) };
}

export interface KeyFixture {
  id: string;
  secret: string;
  client: ApiClient;
}

/** An API key with a chosen name (so a test can recognise it in lists), created by `by`. */
export async function apiKeyNamed(
  app: TestApp,
  by: ApiClient,
  name: string,
  scopes: string[],
  opts: { warehouseCodes?: string[]; brandCodes?: string[] } = {},
): Promise<KeyFixture> {
  const data = await by.ok<{ createApiKey: { apiKey: { id: string }; secret: string } }>(CREATE_API_KEY, {
    i: { name, scopes, warehouseCodes: opts.warehouseCodes, brandCodes: opts.brandCodes },
  });
  return {
    id: data.createApiKey.apiKey.id,
    secret: data.createApiKey.secret,
    client: adminClient(app, data.createApiKey.secret),
  };
}

const STOREFRONT_FIELDS = `id code name brand { code name } audience currency country locale pricesIncludeTax stockDisplay
  lowStockThreshold approvalPolicy warehouseCodes tokenRotatedAt`;

/** Operation documents of the Admin API (schema/admin.graphql) and the Storefront API, shared by the e2e specs. */
export const Ops = {
  adminLogin: `mutation($e: String!, $p: String!) {
    adminLogin(email: $e, password: $p) { accessToken expiresIn admin { id email role brandCodes } } }`,
  adminMe: `{ adminMe { id email role brandCodes } }`,
  admins: `{ admins { id email role brandCodes } }`,
  createAdmin: CREATE_ADMIN,
  brands: `{ brands { id code name vatNumber createdAt } }`,
  createBrand: `mutation($i: CreateBrandInput!) { createBrand(input: $i) { id code name vatNumber createdAt } }`,
  warehouses: `{ warehouses { id code name } }`,
  createWarehouse: `mutation($i: CreateWarehouseInput!) { createWarehouse(input: $i) { id code name } }`,
  storefronts: `{ storefronts { ${STOREFRONT_FIELDS} } }`,
  createStorefront: `mutation($i: CreateStorefrontInput!) { createStorefront(input: $i) { token storefront { ${STOREFRONT_FIELDS} } } }`,
  updateStorefront: `mutation($code: String!, $i: UpdateStorefrontInput!) { updateStorefront(code: $code, input: $i) { ${STOREFRONT_FIELDS} } }`,
  rotateStorefrontToken: `mutation($code: String!) { rotateStorefrontToken(code: $code) { token storefront { ${STOREFRONT_FIELDS} } } }`,
  apiKeys: `{ apiKeys { id name prefix scopes warehouseCodes brandCodes createdAt revokedAt } }`,
  createApiKey: CREATE_API_KEY,
  revokeApiKey: REVOKE_API_KEY,
  /** Storefront API. */
  storefront: `{ storefront { code name brand { code name } audience currency country locale pricesIncludeTax stockDisplay lowStockThreshold } }`,
} as const;

const CUSTOMER_ADDRESS_FIELDS =
  'id fullName street houseNumber houseNumberAddition postalCode city country defaultShipping defaultBilling';
const ADMIN_CUSTOMER_FIELDS =
  'id brandCode audience email firstName lastName status rejectionReason company { name vatNumber vatStatus }';

/** Customer operations of the Storefront API (schema/storefront.graphql) and of the Admin API (schema/admin.graphql). */
export const CustomerOps = {
  registerCustomer: `mutation($i: RegisterCustomerInput!) { registerCustomer(input: $i) { id email status company { role vatNumber } } }`,
  login: `mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken refreshToken expiresIn customer { id email } } }`,
  refreshSession: `mutation($t: String!) { refreshSession(refreshToken: $t) { accessToken refreshToken customer { id } } }`,
  logout: `mutation { logout }`,
  requestPasswordReset: `mutation($e: String!) { requestPasswordReset(email: $e) }`,
  resetPassword: `mutation($t: String!, $p: String!) { resetPassword(token: $t, newPassword: $p) { accessToken customer { id } } }`,
  me: `{ me { id email company { role } } }`,
  updateMyProfile: `mutation($i: UpdateProfileInput!) { updateMyProfile(input: $i) { id firstName lastName phone } }`,
  addMyAddress: `mutation($i: AddressInput!) { addMyAddress(input: $i) { ${CUSTOMER_ADDRESS_FIELDS} } }`,
  updateMyAddress: `mutation($id: ID!, $i: AddressInput!) { updateMyAddress(id: $id, input: $i) { ${CUSTOMER_ADDRESS_FIELDS} } }`,
  removeMyAddress: `mutation($id: ID!) { removeMyAddress(id: $id) }`,
  myAddresses: `{ me { addresses { id } } }`,
  changeMyPassword: `mutation($c: String!, $n: String!) { changeMyPassword(currentPassword: $c, newPassword: $n) }`,
  requestEmailChange: `mutation($e: String!, $p: String!) { requestEmailChange(newEmail: $e, password: $p) }`,
  confirmEmailChange: `mutation($t: String!) { confirmEmailChange(token: $t) { id email } }`,
  setMyConsents: `mutation($i: [ConsentInput!]!) { setMyConsents(input: $i) { purpose granted textVersion } }`,
  updateMyCompany: `mutation($i: UpdateCompanyInput!) { updateMyCompany(input: $i) { name vatNumber role } }`,
  inviteColleague: `mutation($e: String!) { inviteColleague(email: $e) }`,
  acceptCompanyInvitation: `mutation($i: AcceptCompanyInvitationInput!) {
    acceptCompanyInvitation(input: $i) { id email status company { role vatNumber } } }`,
  exportMyData: `mutation { exportMyData }`,
  deleteMyAccount: `mutation($p: String!) { deleteMyAccount(password: $p) }`,
  /** Admin API. */
  customers: `query($brandCode: String) { customers(brandCode: $brandCode, first: 100) {
    totalCount edges { node { ${ADMIN_CUSTOMER_FIELDS} } } } }`,
  customer: `query($id: ID!) { customer(id: $id) { ${ADMIN_CUSTOMER_FIELDS} } }`,
  approveCustomer: `mutation($id: ID!) { approveCustomer(id: $id) { ${ADMIN_CUSTOMER_FIELDS} } }`,
  rejectCustomer: `mutation($id: ID!, $reason: String!) { rejectCustomer(id: $id, reason: $reason) { ${ADMIN_CUSTOMER_FIELDS} } }`,
  reverifyCustomer: `mutation($id: ID!) { reverifyCustomer(id: $id) { ${ADMIN_CUSTOMER_FIELDS} } }`,
  eraseCustomer: `mutation($id: ID!) { eraseCustomer(id: $id) }`,
} as const;

/**
 * The payload of the newest outbox event of `type` whose payload contains `match` (e.g. the token of a
 * password reset, an e-mail change or an invitation, which reaches the customer through the e-mail software).
 */
export async function latestEvent(db: TestDatabase, type: string, match: Record<string, unknown>): Promise<Record<string, any>> {
  const [row] = await withConnection(db, (c) =>
    c
      .query<{ payload: Record<string, any> }>(
        `SELECT payload FROM outbox_event WHERE type = $1 AND payload @> $2::jsonb ORDER BY position DESC LIMIT 1`,
        [type, JSON.stringify(match)],
      )
      .then((r) => r.rows),
  );
  if (!row) throw new Error(`no ${type} event with ${JSON.stringify(match)}`);
  return row.payload;
}
