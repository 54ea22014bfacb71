/**
 * The storefront fast path (src/core/graphql/storefront.fast-path.ts, docs/PERFORMANCE.md): once Apollo has
 * validated a query text, a POST of a catalog read with it runs before Apollo's pipeline, compiled by graphql-jit.
 * Its answers must be Apollo's: the same data, the same cost charged once to the same buckets, the same content
 * type; anything it does not answer itself (errors, refusals, mutations, another operation) Apollo answers as
 * before. With DEBUG_SQL_COUNT the fast path marks its answers `extensions.fastPath`, so every test here can tell
 * which path answered.
 */
import { TestApp } from '../../support/app';
import { publish, setPrices, upsertProducts } from '../../support/catalog-fixtures';
import { Fixtures, type StorefrontFixture } from '../../support/fixtures';

const PAGE = `query Page($first: Int, $after: String, $s: String) {
  products(first: $first, after: $after, sort: PRICE_ASC, filter: { search: $s }) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { cursor node { slug name variants { sku price { amount } availability { quantity } } } }
  }
}`;

describe('the storefront fast path answers as Apollo does', () => {
  let app: TestApp;
  let fx: Fixtures;
  let a: StorefrontFixture;
  let b: StorefrontFixture;
  let ipSeq = 10;
  const freshIp = () => `203.0.113.${ipSeq++}`;

  beforeAll(async () => {
    app = await TestApp.start({
      env: {
        DEBUG_SQL_COUNT: 'true',
        RATE_LIMITS: 'on',
        RATE_LIMIT_IP_POINTS: '100000',
        RATE_LIMIT_IP_RESTORE: '1',
        RATE_LIMIT_STOREFRONT_POINTS: '1000000',
      },
    });
    fx = await Fixtures.create(app);
    const brand = await fx.brand();
    const wh = await fx.warehouse();
    a = await fx.storefront({ brandCode: brand, audience: 'B2C', warehouseCodes: [wh] });
    b = await fx.storefront({ brandCode: brand, audience: 'B2C', warehouseCodes: [wh] });
    await upsertProducts(
      fx.root,
      ['drill', 'saw', 'plane', 'chisel'].map((n, i) => ({
        slug: `fp-${n}`,
        name: `Fast ${n}`,
        variants: [{ sku: `FP-${n.toUpperCase()}`, name: n }],
        description: `tool number ${i}`,
      })),
    );
    await publish(fx.root, a.code, ['fp-drill', 'fp-saw', 'fp-plane']);
    await publish(fx.root, b.code, ['fp-chisel']);
    await setPrices(fx.root, [
      { storefrontCode: a.code, sku: 'FP-DRILL', amount: '30.00' },
      { storefrontCode: a.code, sku: 'FP-SAW', amount: '10.00' },
      { storefrontCode: a.code, sku: 'FP-PLANE', amount: '20.00' },
      { storefrontCode: b.code, sku: 'FP-CHISEL', amount: '5.00' },
    ]);
  });
  afterAll(() => app?.close());

  async function post(
    sf: StorefrontFixture,
    body: Record<string, unknown>,
    ip: string,
    headers: Record<string, string> = {},
  ): Promise<{ status: number; type: string | null; body: any }> {
    const res = await fetch(`${app.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-storefront-token': sf.token, 'x-forwarded-for': ip, ...headers },
      body: JSON.stringify(body),
    });
    return { status: res.status, type: res.headers.get('content-type'), body: (await res.json()) as any };
  }
  const available = (r: { body: any }) => r.body.extensions.cost.throttleStatus.currentlyAvailable as number;
  /** An answer without the markers of who answered (the fast path's flag, the statement count). */
  const comparable = (r: { status: number; type: string | null; body: any }) => {
    const { fastPath: _f, sqlStatements: _s, cost, ...extensions } = r.body.extensions ?? {};
    return { status: r.status, type: r.type, data: r.body.data, errors: r.body.errors, extensions, requested: cost?.requested };
  };

  it('runs a query text Apollo has validated on the fast path, with the same answer and the same cost', async () => {
    const ip = freshIp();
    const first = await post(a, { query: PAGE, variables: { first: 2 } }, ip);
    expect(first.status).toBe(200);
    expect(first.body.extensions.fastPath).toBeUndefined(); // a new text: Apollo parses and validates it
    const second = await post(a, { query: PAGE, variables: { first: 2 } }, ip);
    expect(second.body.extensions.fastPath).toBe(true);
    expect(second.body.extensions.sqlStatements).toBeGreaterThan(0); // executed, not taken from a cache
    expect(comparable(second)).toEqual(comparable(first));
    expect(second.body.data.products.edges.map((e: any) => e.node.slug)).toEqual(['fp-saw', 'fp-plane']);
    expect(second.body.data.products.totalCount).toBe(3);
    expect(available(second)).toBe(available(first) - first.body.extensions.cost.requested);
    // the next page through the cursor the fast path gave
    const next = await post(a, { query: PAGE, variables: { first: 2, after: second.body.data.products.pageInfo.endCursor } }, ip);
    expect(next.body.extensions.fastPath).toBe(true);
    expect(next.body.data.products.edges.map((e: any) => e.node.slug)).toEqual(['fp-drill']);
    expect(next.body.data.products.pageInfo.hasNextPage).toBe(false);
  });

  it("answers each storefront with its own catalog from one known text (never another storefront's)", async () => {
    const ip = freshIp();
    await post(a, { query: PAGE, variables: { first: 10, s: 'fast' } }, ip);
    const fromA = await post(a, { query: PAGE, variables: { first: 10, s: 'fast' } }, ip);
    const fromB = await post(b, { query: PAGE, variables: { first: 10, s: 'fast' } }, ip);
    expect(fromA.body.extensions.fastPath).toBe(true);
    expect(fromB.body.extensions.fastPath).toBe(true);
    expect(fromA.body.data.products.edges.map((e: any) => e.node.slug).sort()).toEqual(['fp-drill', 'fp-plane', 'fp-saw']);
    expect(fromB.body.data.products.edges.map((e: any) => e.node.slug)).toEqual(['fp-chisel']);
    expect(fromB.body.data.products.edges[0].node.variants[0].price.amount).toBe('5.00');
  });

  it('hands an answer with errors to Apollo, which answers it in its shape, charging the cost once', async () => {
    const ip = freshIp();
    const ok = await post(a, { query: PAGE, variables: { first: 1 } }, ip);
    const bad = await post(a, { query: PAGE, variables: { first: 1, after: 'not-a-cursor' } }, ip);
    expect(bad.status).toBe(200);
    expect(bad.body.extensions.fastPath).toBeUndefined();
    expect(bad.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(bad.body.errors[0].extensions.fieldErrors).toEqual([{ path: 'after', message: 'is not a cursor of this list' }]);
    expect(bad.body.data).toBeNull();
    const requested = ok.body.extensions.cost.requested as number;
    expect(bad.body.extensions.cost.requested).toBe(requested);
    const after = await post(a, { query: PAGE, variables: { first: 1 } }, ip);
    expect(after.body.extensions.fastPath).toBe(true);
    // ok → bad → after: each charged once (a double charge would show as one more `requested` gone)
    expect(available(bad)).toBe(available(ok) - requested);
    expect(available(after)).toBe(available(bad) - requested);
  });

  it.each([
    ['a variable of the wrong type', { first: 'many' }, 'BAD_USER_INPUT'],
    ['a NUL character in a variable', { first: 1, s: 'fast\u0000' }, 'BAD_USER_INPUT'],
    ['a page above the cost limit', { first: 5000 }, 'QUERY_TOO_COMPLEX'],
    ['an injection string', { first: 1, s: "'; DROP TABLE product; --" }, null],
  ])('answers %s as Apollo answers it under a text it has never seen', async (_name, variables, code) => {
    const ip = freshIp();
    await post(a, { query: PAGE, variables: { first: 1 } }, ip); // the text is known from here on
    const known = await post(a, { query: PAGE, variables }, ip);
    // the same operation under a text Apollo has never seen (a comment added) can only be answered by Apollo
    const fresh = await post(a, { query: `${PAGE}\n# ${_name}`, variables }, ip);
    expect(fresh.body.extensions?.fastPath).toBeUndefined();
    expect(comparable(known)).toEqual(comparable(fresh));
    if (code) {
      expect(known.body.extensions?.fastPath).toBeUndefined();
      expect(known.body.errors[0].extensions.code).toBe(code);
    } else {
      expect(known.body.extensions.fastPath).toBe(true);
      expect(known.body.data.products.totalCount).toBe(0);
    }
    const stillThree = await post(a, { query: PAGE, variables: { first: 10 } }, ip);
    expect(stillThree.body.data.products.totalCount).toBe(3); // nothing changed
  });

  it('answers the content type the client accepts, as Apollo does, and leaves an unacceptable one to Apollo', async () => {
    const ip = freshIp();
    const accept = { accept: 'application/graphql-response+json, application/json;q=0.9' };
    // variables of their own: an answer the response cache holds would come from there
    const first = await post(a, { query: PAGE, variables: { first: 2, s: 'plane' } }, ip, accept);
    const second = await post(a, { query: PAGE, variables: { first: 2, s: 'plane' } }, ip, accept);
    expect(second.body.extensions.fastPath).toBe(true);
    expect(second.type).toBe('application/graphql-response+json; charset=utf-8');
    expect(second.type).toBe(first.type);
    const html = await fetch(`${app.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-storefront-token': a.token, 'x-forwarded-for': ip, accept: 'text/html' },
      body: JSON.stringify({ query: PAGE, variables: { first: 1 } }),
    });
    expect(html.status).toBe(406);
  });

  it('picks the named operation of a document; a mutation, a missing name or an unknown one go to Apollo', async () => {
    const ip = freshIp();
    const doc = `query One { products(first: 1) { totalCount } } query Two { storefront { code } } mutation Three { createCart { id } }`;
    const one = await post(a, { query: doc, operationName: 'One' }, ip);
    expect(one.body.data).toEqual({ products: { totalCount: 3 } });
    const two = await post(a, { query: doc, operationName: 'Two' }, ip);
    expect(two.body.extensions.fastPath).toBe(true);
    expect(two.body.data).toEqual({ storefront: { code: a.code } });
    const three = await post(a, { query: doc, operationName: 'Three' }, ip);
    expect(three.body.extensions.fastPath).toBeUndefined(); // a mutation: always Apollo
    expect(three.body.data.createCart.id).toEqual(expect.any(String));
    const none = await post(a, { query: doc }, ip);
    expect(none.status).toBe(400);
    expect(none.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    const unknown = await post(a, { query: doc, operationName: 'Four' }, ip);
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
  });

  it('leaves a request that only a logged-in customer may make, and one with a bad token, to Apollo', async () => {
    const ip = freshIp();
    const me = '{ me { email } }';
    const first = await post(a, { query: me }, ip);
    const again = await post(a, { query: me }, ip);
    expect(again.body.extensions?.fastPath).toBeUndefined(); // not a catalog read
    expect(comparable(again)).toEqual(comparable(first));
    await post(a, { query: PAGE, variables: { first: 1 } }, ip);
    const badToken = await post({ ...a, token: `${a.token}x` }, { query: PAGE, variables: { first: 1 } }, ip);
    expect(badToken.body.extensions?.fastPath).toBeUndefined();
    expect(badToken.body.errors[0].extensions.code).toBe('UNKNOWN_STOREFRONT');
  });
});
