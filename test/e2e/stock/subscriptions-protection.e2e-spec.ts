import { TestApp, withTwoInstances } from '../../support/app';
import { storefrontClient } from '../../support/clients';
import { publish, push, setPrices, upsertProducts } from '../../support/catalog-fixtures';
import { b2cInput, login, register } from '../../support/customer-fixtures';
import { Fixtures, type StorefrontFixture } from '../../support/fixtures';
import { RawSocket } from '../../support/ws';

const SUB = `subscription($skus: [String!]) { stockChanged(skus: $skus) { sku availability { status quantity } } }`;
const ROTATE = `mutation($code: String!) { rotateStorefrontToken(code: $code) { token } }`;
const MAX_SUBSCRIPTIONS = 3;
const MAX_SOCKETS = 4;
const MAX_PAYLOAD = 4096;

/** A pause for sockets closed by the client to be closed on the server too (no assertion on time). */
const settle = () => new Promise((r) => setTimeout(r, 300));

describe('graphql-ws protection on /graphql', () => {
  let app: TestApp;
  let fx: Fixtures;
  let sf: StorefrontFixture;
  let wh: string;
  const open: RawSocket[] = [];

  const connect = async (params: Record<string, unknown> | undefined) => {
    const s = await RawSocket.connect(app, params);
    open.push(s);
    return s;
  };
  const connected = async (token = sf.token, extra: Record<string, unknown> = {}) => {
    const s = await connect({ 'x-storefront-token': token, ...extra });
    expect(s.messages.map((m) => m.type)).toEqual(['connection_ack']);
    return s;
  };

  beforeAll(async () => {
    app = await TestApp.start({
      env: {
        WS_MAX_SUBSCRIPTIONS_PER_SOCKET: String(MAX_SUBSCRIPTIONS),
        WS_MAX_SOCKETS_PER_IP: String(MAX_SOCKETS),
        WS_MAX_PAYLOAD_BYTES: String(MAX_PAYLOAD),
        WS_CONNECTION_INIT_TIMEOUT_MS: '1000',
      },
    });
    fx = await Fixtures.create(app);
    const brand = await fx.brand();
    wh = await fx.warehouse();
    sf = await fx.storefront({ brandCode: brand, audience: 'B2C', warehouseCodes: [wh], stockDisplay: 'EXACT' });
    await upsertProducts(fx.root, [{ slug: 'ws-item', name: 'W', variants: [{ sku: 'WS-1', name: 'x' }] }]);
    await publish(fx.root, sf.code, ['ws-item']);
    await setPrices(fx.root, [{ storefrontCode: sf.code, sku: 'WS-1', amount: '1' }]);
  });
  afterEach(async () => {
    for (const s of open.splice(0)) s.close();
    await settle();
  });
  afterAll(() => app?.close());

  describe('connection_init', () => {
    it.each([
      ['no payload', undefined, /^STOREFRONT_TOKEN_REQUIRED: /],
      ['no token', {}, /^STOREFRONT_TOKEN_REQUIRED: /],
      ['a token that is not a string', { 'x-storefront-token': 42 }, /^STOREFRONT_TOKEN_REQUIRED: /],
      ['an unknown token', { 'x-storefront-token': 'sft_bogus' }, /^UNKNOWN_STOREFRONT: /],
    ])('with %s is closed with 4403 and never acknowledged', async (_name, params, reason) => {
      const s = await connect(params);
      expect(await s.closed).toEqual({ code: 4403, reason: expect.stringMatching(reason) });
      expect(s.messages).toEqual([]);
    });

    it('with an invalid customer access token is closed with 4403 UNAUTHENTICATED', async () => {
      for (const authorization of ['Bearer not-a-jwt', 'Bearer eyJhbGciOiJIUzI1NiJ9.e30.x']) {
        const s = await connect({ 'x-storefront-token': sf.token, authorization });
        expect(await s.closed).toEqual({ code: 4403, reason: expect.stringMatching(/^UNAUTHENTICATED: /) });
        expect(s.messages).toEqual([]);
      }
    });

    it('is accepted once: a second connection_init closes the socket with 4429', async () => {
      const s = await connected();
      s.send({ type: 'connection_init', payload: { 'x-storefront-token': sf.token } });
      expect((await s.closed).code).toBe(4429);
    });

    it('must come within the init timeout (4408), and a subscribe before it is refused (4401)', async () => {
      const idle = await RawSocket.open(app);
      open.push(idle);
      expect((await idle.closed).code).toBe(4408);
      const eager = await RawSocket.open(app);
      open.push(eager);
      eager.subscribe('1', SUB);
      expect((await eager.closed).code).toBe(4401);
    });
  });

  it(`refuses subscription number ${MAX_SUBSCRIPTIONS + 1} on one socket with RATE_LIMITED, and accepts one again after a complete`, async () => {
    const s = await connected();
    for (let i = 1; i <= MAX_SUBSCRIPTIONS; i++) s.subscribe(String(i), SUB, { skus: ['WS-1'] });
    s.subscribe('over', SUB, { skus: ['WS-1'] });
    const refused = await s.next((m) => m.id === 'over');
    expect(refused).toEqual({
      id: 'over',
      type: 'error',
      payload: [expect.objectContaining({ extensions: { code: 'RATE_LIMITED', limit: MAX_SUBSCRIPTIONS } })],
    });
    expect(s.isOpen).toBe(true);
    s.send({ id: '1', type: 'complete' });
    s.subscribe('again', SUB, { skus: ['WS-1'] });
    await settle();
    await push(fx.root, wh, [{ sku: 'WS-1', onHand: 50, sequence: String(Date.now()) }]);
    for (const id of ['2', '3', 'again']) {
      expect(await s.next((m) => m.id === id && m.type === 'next')).toMatchObject({
        payload: { data: { stockChanged: { sku: 'WS-1', availability: { status: 'IN_STOCK', quantity: 50 } } } },
      });
    }
    expect(s.messages.filter((m) => m.id === '1' || m.id === 'over').map((m) => m.type)).toEqual(['error']);
  });

  it(`closes socket number ${MAX_SOCKETS + 1} from one address with 1013, and admits one again after a close`, async () => {
    const sockets = [];
    for (let i = 0; i < MAX_SOCKETS; i++) sockets.push(await connected());
    const over = await RawSocket.open(app);
    open.push(over);
    expect(await over.closed).toEqual({ code: 1013, reason: expect.stringMatching(/^RATE_LIMITED: /) });
    expect(sockets.every((s) => s.isOpen)).toBe(true);
    sockets[0].close();
    await sockets[0].closed;
    await settle();
    await connected();
  });

  it('closes a socket that sends a frame above the payload limit with 1009', async () => {
    const s = await connected();
    s.subscribe('big', `subscription { stockChanged(skus: ["${'X'.repeat(MAX_PAYLOAD)}"]) { sku } }`);
    expect((await s.closed).code).toBe(1009);
  });

  describe('errors carry extensions.code', () => {
    const aliases = Array.from({ length: 31 }, (_, i) => `a${i}: sku`).join(' ');
    const fanOut =
      Array.from({ length: 30 }, (_, i) => `fragment F${i} on StockChange { ...F${i + 1} ...F${i + 1} }`).join(' ') +
      ' fragment F30 on StockChange { x: sku }';
    it.each([
      ['a syntax error', 'subscription { stockChanged { sku ', 'BAD_USER_INPUT'],
      ['an unknown field', 'subscription { stockChanged { nope } }', 'BAD_USER_INPUT'],
      ['a wrong argument type', 'subscription { stockChanged(skus: 5) { sku } }', 'BAD_USER_INPUT'],
      ['a query (only subscriptions over WebSocket)', '{ storefront { code } }', 'BAD_USER_INPUT'],
      ['a mutation', 'mutation { logout }', 'BAD_USER_INPUT'],
      ['too many aliases', `subscription { stockChanged { ${aliases} } }`, 'QUERY_TOO_COMPLEX'],
      ['fragments spread 2^30 times', `subscription { stockChanged { ...F0 } } ${fanOut}`, 'QUERY_TOO_COMPLEX'],
      ['too many tokens', `subscription { stockChanged { ${'a{'.repeat(1100)} } }`, 'QUERY_TOO_COMPLEX'],
      ['a literal nested 2,000 deep', `subscription { stockChanged(skus: ${'['.repeat(2000)}) { sku } }`, 'QUERY_TOO_COMPLEX'],
    ])('%s → an error message with its code', async (_name, query, code) => {
      const s = await connected();
      s.subscribe('x', query);
      const m = await s.next((msg) => msg.id === 'x');
      expect(m).toMatchObject({
        type: 'error',
        payload: [expect.objectContaining({ extensions: expect.objectContaining({ code }) })],
      });
      expect(s.isOpen).toBe(true);
    });

    it('an error of the resolver → a next message with the coded error, then complete', async () => {
      const s = await connected();
      s.subscribe('x', 'subscription { stockChanged(skus: []) { sku } }');
      const m = await s.next((msg) => msg.id === 'x');
      expect(m.type).toBe('next');
      expect(m.payload.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fieldErrors: [{ path: 'skus' }] });
      expect(await s.next((msg) => msg.id === 'x' && msg.type === 'complete')).toBeDefined();
    });
  });

  it('closes the sockets of a rotated storefront token with 4403, and only those', async () => {
    const other = await fx.storefront({ brandCode: sf.brandCode, audience: 'B2B', warehouseCodes: [wh] });
    const doomed = await connected(other.token);
    const bystander = await connected();
    await fx.root.ok(ROTATE, { code: other.code });
    expect(await doomed.closedWithin(3000)).toEqual({ code: 4403, reason: expect.stringMatching(/^UNKNOWN_STOREFRONT: /) });
    expect(bystander.isOpen).toBe(true);
  });

  it("closes a customer's sockets with 4403 when the session ends (logout), and only those", async () => {
    const me = await register(sf.client, b2cInput());
    const { accessToken } = await login(sf.client, me.email);
    const mine = await connected(sf.token, { authorization: `Bearer ${accessToken}` });
    const anonymous = await connected();
    mine.subscribe('1', SUB);
    await storefrontClient(app, sf.token, accessToken).ok('mutation { logout }');
    expect(await mine.closedWithin(4000)).toEqual({ code: 4403, reason: expect.stringMatching(/^UNAUTHENTICATED: /) });
    expect(anonymous.isOpen).toBe(true);
    // The ended session cannot open a socket either.
    const again = await connect({ 'x-storefront-token': sf.token, authorization: `Bearer ${accessToken}` });
    expect((await again.closed).code).toBe(4403);
  });
});

const REDIS_URL = process.env.E2E_REDIS_URL;
const REAL_PG = process.env.E2E_DATABASE_URL;
// Two instances share one database: only possible on a real PostgreSQL server (PGlite is single-process).
(REDIS_URL && REAL_PG ? describe : describe.skip)('two instances with Redis', () => {
  it('a token rotated on one instance closes its sockets on the other', async () => {
    await withTwoInstances(REDIS_URL!, async (a, b) => {
      const fx = await Fixtures.create(a);
      const sf = await fx.storefront({ brandCode: await fx.brand(), audience: 'B2C', warehouseCodes: [await fx.warehouse()] });
      const s = await RawSocket.connect(b, { 'x-storefront-token': sf.token });
      try {
        expect(s.messages.map((m) => m.type)).toEqual(['connection_ack']);
        await fx.root.ok(ROTATE, { code: sf.code });
        expect(await s.closedWithin(5000)).toEqual({ code: 4403, reason: expect.stringMatching(/^UNKNOWN_STOREFRONT: /) });
      } finally {
        s.close();
      }
    });
  });
});
