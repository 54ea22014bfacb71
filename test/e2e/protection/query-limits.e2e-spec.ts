import { TestApp } from '../../support/app';
import { adminLogin } from '../../support/clients';
import { Fixtures } from '../../support/fixtures';

/**
 * Hostile documents (issue 10, item 1): each is refused before anything runs, with its code, and fast —
 * the fastest of five tries within 50 ms of the fastest trivial request (an exponential walk takes seconds;
 * minimum and baseline filter out a busy machine's noise). Both schemas, both databases.
 */
describe('query limits', () => {
  let app: TestApp;
  let token: string;
  let adminToken: string;

  beforeAll(async () => {
    app = await TestApp.start();
    const fx = await Fixtures.create(app);
    const brand = await fx.brand();
    const wh = await fx.warehouse();
    ({ token } = await fx.storefront({ brandCode: brand, audience: 'B2C', warehouseCodes: [wh] }));
    adminToken = (await adminLogin(app)).headers.authorization;
  });
  afterAll(() => app?.close());

  async function post(path: string, body: string, headers: Record<string, string>) {
    const started = performance.now();
    const res = await fetch(`${app.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body,
    });
    const json = (await res.json()) as { data?: unknown; errors?: Array<{ message: string; extensions?: Record<string, any> }> };
    return { status: res.status, json, ms: performance.now() - started };
  }

  const fanOut = (() => {
    let doc = '{ ...F0 } ';
    for (let i = 0; i < 25; i++) doc += `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} } `;
    return `${doc}fragment F25 on Query { __typename }`;
  })();
  const nested = (levels: number) => {
    let sel = '__typename';
    for (let i = 0; i < levels; i++) sel = `ofType { ${sel} }`;
    return `{ __type(name: "Query") { fields { type { ${sel} } } } }`;
  };
  const costly = `{ ${Array.from(
    { length: 12 },
    (_, i) =>
      `a${i}: products(first: 100, filter: { search: "s${i}" }) { edges { node { name variants { sku price { amount } availability { status quantity } } } } }`,
  ).join(' ')} }`;
  const deepVariables = `{"query":"mutation($i: RegisterCustomerInput!) { registerCustomer(input: $i) { id } }","variables":{"i":${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}}}`;

  const table: Array<{ name: string; body: string; status: number; code: string; limit?: string; admin?: boolean }> = [
    {
      name: 'fragment fan-out (2^25 expansions)',
      body: JSON.stringify({ query: fanOut }),
      status: 400,
      code: 'QUERY_TOO_COMPLEX',
      limit: 'selections',
    },
    {
      name: 'fragment fan-out on the admin schema',
      body: JSON.stringify({ query: fanOut }),
      status: 400,
      code: 'QUERY_TOO_COMPLEX',
      limit: 'selections',
      admin: true,
    },
    { name: 'depth 19', body: JSON.stringify({ query: nested(15) }), status: 400, code: 'QUERY_TOO_COMPLEX', limit: 'depth' },
    {
      name: 'depth on the admin schema',
      body: JSON.stringify({ query: nested(15) }),
      status: 400,
      code: 'QUERY_TOO_COMPLEX',
      limit: 'depth',
      admin: true,
    },
    {
      name: '40 aliases',
      body: JSON.stringify({ query: `{ ${Array.from({ length: 40 }, (_, i) => `a${i}: storefront { code }`).join(' ')} }` }),
      status: 400,
      code: 'QUERY_TOO_COMPLEX',
      limit: 'aliases',
    },
    {
      name: 'field duplication (990 times one field)',
      body: JSON.stringify({ query: `{ storefront { ${'code '.repeat(990)}} }` }),
      status: 400,
      code: 'QUERY_TOO_COMPLEX',
      limit: 'validation',
    },
    {
      name: 'more tokens than allowed',
      body: JSON.stringify({ query: `{ storefront { ${'code '.repeat(1500)}} }` }),
      status: 400,
      code: 'QUERY_TOO_COMPLEX',
      limit: 'tokens',
    },
    {
      name: '60 directives',
      body: JSON.stringify({
        query: `{ ${Array.from({ length: 60 }, () => '... on Query @include(if: true) { storefront { code } }').join(' ')} }`,
      }),
      status: 400,
      code: 'QUERY_TOO_COMPLEX',
      limit: 'directives',
    },
    {
      name: 'six mutations in one document',
      body: JSON.stringify({
        query: `mutation { ${Array.from({ length: 6 }, (_, i) => `a${i}: requestPasswordReset(email: "x${i}@example.com")`).join(' ')} }`,
      }),
      status: 400,
      code: 'QUERY_TOO_COMPLEX',
      limit: 'mutations',
    },
    {
      name: 'six admin logins in one document',
      body: JSON.stringify({
        query: `mutation { ${Array.from({ length: 6 }, (_, i) => `a${i}: adminLogin(email: "a${i}@example.com", password: "x") { accessToken }`).join(' ')} }`,
      }),
      status: 400,
      code: 'QUERY_TOO_COMPLEX',
      limit: 'mutations',
      admin: true,
    },
    {
      name: 'huge page (first: 100000)',
      body: JSON.stringify({ query: '{ products(first: 100000) { edges { node { name } } } }' }),
      status: 400,
      code: 'QUERY_TOO_COMPLEX',
    },
    {
      name: '12 aliased costly searches (first: 100 each)',
      body: JSON.stringify({ query: costly }),
      status: 400,
      code: 'QUERY_TOO_COMPLEX',
    },
    { name: 'variables nested 5,000 deep', body: deepVariables, status: 400, code: 'BAD_USER_INPUT' },
    {
      name: 'a 100 kB storefront body',
      body: JSON.stringify({ query: '{ storefront { code } }', variables: { pad: 'x'.repeat(100_000) } }),
      status: 413,
      code: 'BAD_USER_INPUT',
    },
  ];

  it.each(table)('refuses $name with its code, fast, changing nothing', async ({ body, status, code, limit, admin }) => {
    const before = await app.db.snapshot();
    const headers: Record<string, string> = admin ? { authorization: adminToken } : { 'x-storefront-token': token };
    const path = admin ? '/admin/graphql' : '/graphql';
    const tries = [];
    for (let i = 0; i < 5; i++) tries.push(await post(path, body, headers));
    // What the machine needs for a trivial request right now (HTTP, JSON, a busy CPU): not the document's doing.
    const trivial = [];
    for (let i = 0; i < 5; i++) trivial.push(await post(path, JSON.stringify({ query: '{ __typename }' }), headers));
    for (const t of tries) {
      expect({ status: t.status, code: t.json.errors?.[0]?.extensions?.code, data: t.json.data ?? null }).toEqual({
        status,
        code,
        data: null,
      });
      if (limit) expect(t.json.errors?.[0]?.extensions?.limit).toBe(limit);
    }
    const overhead = Math.min(...trivial.map((t) => t.ms));
    expect(Math.min(...tries.map((t) => t.ms)) - overhead).toBeLessThan(50);
    expect(await app.db.snapshot()).toEqual(before);
  });

  it('reports the cost and the maximum when a query costs too much', async () => {
    const res = await post('/graphql', JSON.stringify({ query: costly }), { 'x-storefront-token': token });
    expect(res.json.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', cost: { maximum: 5000 } });
    expect(res.json.errors?.[0]?.extensions?.cost.requested).toBeGreaterThan(5000);
  });

  it('a health probe answers while hostile documents are refused', async () => {
    const floods = Array.from({ length: 20 }, () =>
      post('/graphql', JSON.stringify({ query: fanOut }), { 'x-storefront-token': token }),
    );
    const live = await fetch(`${app.url}/health/live`);
    expect(live.status).toBe(200);
    for (const r of await Promise.all(floods)) expect(r.json.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
  });

  it('admits ordinary queries and tells their cost (first × selection, lists counted)', async () => {
    const small = await post('/graphql', JSON.stringify({ query: '{ storefront { code } }' }), { 'x-storefront-token': token });
    expect(small.status).toBe(200);
    expect(small.json).toMatchObject({ data: { storefront: {} } });
    expect((small.json as any).extensions.cost).toEqual({ requested: 1, maximum: 5000 });
    const page = await post(
      '/graphql',
      JSON.stringify({ query: '{ products(first: 10) { edges { node { name variants { sku price { amount } } } } } }' }),
      { 'x-storefront-token': token },
    );
    expect(page.status).toBe(200);
    // products: 1 + 10 × (edges 1 + node 1 + variants (1 + 10 × price 1)) = 1 + 10 × 13 = 131
    expect((page.json as any).extensions.cost.requested).toBe(131);
  });

  it('an admin stock push of 5,000 levels fits the admin body and cost limits', async () => {
    const levels = Array.from({ length: 5000 }, (_, i) => ({
      sku: `SKU-LONG-NAME-${i}`,
      onHand: 100000,
      sequence: '1764000000000',
    }));
    const body = JSON.stringify({
      query: 'mutation($l: [StockLevelInput!]!) { pushStockLevels(warehouseCode: "nowhere", levels: $l) { applied stale } }',
      variables: { l: levels },
    });
    const res = await post('/admin/graphql', body, { authorization: adminToken });
    expect(res.status).not.toBe(413);
    expect(res.json.errors?.[0]?.extensions?.code).not.toBe('QUERY_TOO_COMPLEX');
  });
});
