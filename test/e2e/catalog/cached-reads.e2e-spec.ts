/**
 * The cached-read fast path (docs/PERFORMANCE.md): an anonymous catalog answer is computed by Apollo, kept from
 * its second request on (an answer asked for once is not kept), then served from the response cache before Apollo's
 * pipeline — the same data, charged the same cost to the same
 * buckets, dropped by any change, never for a caller with a customer token, refused like any request when the
 * buckets are empty. A hit is recognisable here because it carries no `sqlStatements` (with DEBUG_SQL_COUNT every
 * executed answer reports its statements, on Apollo's path and on the fast path alike; a hit executes nothing).
 */
import { createHash } from 'node:crypto';
import { TestApp } from '../../support/app';
import { publish, setPrices, upsertProducts } from '../../support/catalog-fixtures';
import { b2cInput, login, register } from '../../support/customer-fixtures';
import { Fixtures, type StorefrontFixture } from '../../support/fixtures';

const QUERY = `query($first: Int) { products(first: $first) { totalCount edges { node { slug variants { sku price { amount } } } } } }`;

describe('cached anonymous reads skip the GraphQL pipeline', () => {
  let app: TestApp;
  let fx: Fixtures;
  let sf: StorefrontFixture;
  let ipSeq = 10;
  const freshIp = () => `198.51.100.${ipSeq++}`;

  beforeAll(async () => {
    app = await TestApp.start({
      env: {
        DEBUG_SQL_COUNT: 'true',
        RATE_LIMITS: 'on',
        RATE_LIMIT_IP_POINTS: '2000',
        RATE_LIMIT_IP_RESTORE: '1',
        RATE_LIMIT_STOREFRONT_POINTS: '100000',
        READ_CACHE_TTL_MS: '60000',
      },
    });
    fx = await Fixtures.create(app);
    const brand = await fx.brand();
    const wh = await fx.warehouse();
    sf = await fx.storefront({ brandCode: brand, audience: 'B2C', warehouseCodes: [wh] });
    await upsertProducts(fx.root, [{ slug: 'cached-hammer', name: 'Hammer', variants: [{ sku: 'CR-HAM', name: 'x' }] }]);
    await publish(fx.root, sf.code, ['cached-hammer']);
    await setPrices(fx.root, [{ storefrontCode: sf.code, sku: 'CR-HAM', amount: '10.00' }]);
  });
  afterAll(() => app?.close());

  async function ask(variables: Record<string, unknown>, ip: string, extra: Record<string, string> = {}) {
    const res = await fetch(`${app.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-storefront-token': sf.token, 'x-forwarded-for': ip, ...extra },
      body: JSON.stringify({ query: QUERY, variables }),
    });
    return { status: res.status, type: res.headers.get('content-type'), body: (await res.json()) as any };
  }

  it('keeps an answer from its second request on, then answers it from the cache, charging its cost each time', async () => {
    const ip = freshIp();
    const miss = await ask({ first: 5 }, ip);
    expect(miss.status).toBe(200);
    expect(miss.body.extensions.sqlStatements).toBeGreaterThan(0);
    // asked once before: executed again (an answer asked for once — most searches — is never kept), and now kept
    const second = await ask({ first: 5 }, ip);
    expect(second.body.extensions.sqlStatements).toBeGreaterThan(0);
    expect(second.body.data).toEqual(miss.body.data);
    const hit = await ask({ first: 5 }, ip);
    expect(hit.status).toBe(200);
    expect(hit.type).toMatch(/^application\/json/);
    expect(hit.body.extensions.sqlStatements).toBeUndefined(); // no GraphQL execution at all
    expect(hit.body.data).toEqual(miss.body.data);
    const { requested } = miss.body.extensions.cost;
    expect(hit.body.extensions.cost).toEqual({
      requested,
      maximum: 5000,
      throttleStatus: {
        maximumAvailable: 2000,
        currentlyAvailable: second.body.extensions.cost.throttleStatus.currentlyAvailable - requested,
        restoreRate: 1,
      },
    });
  });

  it('keeps variables apart, and serves nothing stale after a change', async () => {
    const ip = freshIp();
    await ask({ first: 3 }, ip);
    const other = await ask({ first: 2 }, ip);
    expect(other.body.extensions.sqlStatements).toBeGreaterThan(0);
    await setPrices(fx.root, [{ storefrontCode: sf.code, sku: 'CR-HAM', amount: '12.50' }]);
    const after = await ask({ first: 3 }, ip);
    expect(after.body.extensions.sqlStatements).toBeGreaterThan(0);
    expect(after.body.data.products.edges[0].node.variants[0].price.amount).toBe('12.50');
  });

  it('refuses a cached query like any other when the address has no points left (429, RATE_LIMITED)', async () => {
    const ip = freshIp();
    const first = await ask({ first: 20 }, ip);
    const cost = first.body.extensions.cost.requested as number;
    let last = first;
    for (let i = 0; i < Math.ceil(2000 / cost) + 1 && last.status === 200; i++) last = await ask({ first: 20 }, ip);
    expect(last.status).toBe(429);
    expect(last.body.errors[0].extensions.code).toBe('RATE_LIMITED');
    expect(last.body.data ?? null).toBeNull();
  });

  it('serves a logged-in customer without a company from the shared catalog answers; a logged-out token never', async () => {
    const ip = freshIp();
    const input = b2cInput();
    await register(sf.client, input);
    const { accessToken } = await login(sf.client, input.email);
    const bearer = { authorization: `Bearer ${accessToken}` };
    const first = await ask({ first: 7 }, ip, bearer);
    expect(first.body.extensions.sqlStatements).toBeDefined();
    expect((await ask({ first: 7 }, ip, bearer)).body.extensions.sqlStatements).toBeDefined(); // kept from now on
    const again = await ask({ first: 7 }, ip, bearer);
    expect(again.body.extensions.sqlStatements).toBeUndefined(); // from the cache
    expect(again.body.data).toEqual(first.body.data);
    expect((await ask({ first: 7 }, ip)).body.extensions.sqlStatements).toBeUndefined(); // anonymous: the same answer
    await sf.client.with(bearer).ok('mutation { logout }');
    await new Promise((r) => setTimeout(r, 1100)); // the session cache holds a verdict for a second
    const afterLogout = await ask({ first: 7 }, ip, bearer);
    expect(afterLogout.body.extensions.sqlStatements).toBeDefined(); // a dead session is never served from the cache
  });

  it('never answers a request with a customer token from the cache', async () => {
    const ip = freshIp();
    await ask({ first: 4 }, ip);
    await ask({ first: 4 }, ip);
    const cached = await ask({ first: 4 }, ip);
    expect(cached.body.extensions.sqlStatements).toBeUndefined();
    const withToken = await ask({ first: 4 }, ip, { authorization: 'Bearer not-a-real-token' });
    expect(withToken.body.extensions.sqlStatements).toBeDefined(); // executed by GraphQL, not taken from the cache
  });

  it('does not serve one storefront token the cached answer of another', async () => {
    const ip = freshIp();
    await ask({ first: 6 }, ip);
    await ask({ first: 6 }, ip);
    expect((await ask({ first: 6 }, ip)).body.extensions.sqlStatements).toBeUndefined(); // kept for this token
    const res = await fetch(`${app.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-storefront-token': `${sf.token}x`, 'x-forwarded-for': ip },
      body: JSON.stringify({ query: QUERY, variables: { first: 6 } }),
    });
    expect(((await res.json()) as any).errors[0].extensions.code).toBe('UNKNOWN_STOREFRONT');
  });
});

describe('automatic persisted queries over GET, for CDNs and browsers', () => {
  let app: TestApp;
  let fx: Fixtures;
  let sf: StorefrontFixture;
  const QUERY_TEXT = '{ products(first: 5) { totalCount edges { node { slug variants { sku price { amount } } } } } }';
  const HASH = createHash('sha256').update(QUERY_TEXT).digest('hex');
  const extensions = encodeURIComponent(JSON.stringify({ persistedQuery: { version: 1, sha256Hash: HASH } }));

  beforeAll(async () => {
    app = await TestApp.start({ env: { DEBUG_SQL_COUNT: 'true' } });
    fx = await Fixtures.create(app);
    const brand = await fx.brand();
    const wh = await fx.warehouse();
    sf = await fx.storefront({ brandCode: brand, audience: 'B2C', warehouseCodes: [wh] });
    await upsertProducts(fx.root, [{ slug: 'apq-hammer', name: 'Hammer', variants: [{ sku: 'APQ-HAM', name: 'x' }] }]);
    await publish(fx.root, sf.code, ['apq-hammer']);
    await setPrices(fx.root, [{ storefrontCode: sf.code, sku: 'APQ-HAM', amount: '10.00' }]);
  });
  afterAll(() => app?.close());

  const get = async (headers: Record<string, string> = {}) => {
    const res = await fetch(`${app.url}/graphql?extensions=${extensions}`, {
      headers: { 'x-storefront-token': sf.token, ...headers },
    });
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: text ? (JSON.parse(text) as any) : null };
  };

  it('answers an unknown hash with PERSISTED_QUERY_NOT_FOUND, then by hash once the query was sent', async () => {
    expect((await get()).body.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    const register = await fetch(`${app.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-storefront-token': sf.token },
      body: JSON.stringify({ query: QUERY_TEXT, extensions: { persistedQuery: { version: 1, sha256Hash: HASH } } }),
    });
    const registered = (await register.json()) as any;
    const first = await get();
    expect(first.status).toBe(200);
    expect(first.body.data).toEqual(registered.data);
    expect(first.headers.get('cache-control')).toBe('public, max-age=0, must-revalidate');
    expect(first.headers.get('vary')).toBe('x-storefront-token, authorization');
    expect(first.headers.get('etag')).toMatch(/^"[A-Za-z0-9_-]{20,}"$/);
  });

  it('revalidates: the same ETag gets 304 without a body; after a change, 200 with the new data and ETag', async () => {
    const first = await get();
    const etag = first.headers.get('etag')!;
    const again = await get({ 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(again.body).toBeNull();
    await setPrices(fx.root, [{ storefrontCode: sf.code, sku: 'APQ-HAM', amount: '11.00' }]);
    const changed = await get({ 'if-none-match': etag });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(etag);
    expect(changed.body.data.products.edges[0].node.variants[0].price.amount).toBe('11.00');
  });

  it('keeps POST answers out of HTTP caches, and refuses a GET without a storefront token (CSRF)', async () => {
    const post = await fetch(`${app.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-storefront-token': sf.token },
      body: JSON.stringify({ query: QUERY_TEXT }),
    });
    expect(post.headers.get('cache-control')).toBe('no-store');
    const bare = await fetch(`${app.url}/graphql?query=${encodeURIComponent('{ __typename }')}`);
    expect(bare.status).toBe(400);
  });
});
