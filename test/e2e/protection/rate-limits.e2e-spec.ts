import { TestApp, withTwoInstances } from '../../support/app';
import { storefrontClient } from '../../support/clients';
import { b2cInput, REGISTER } from '../../support/customer-fixtures';
import { Fixtures } from '../../support/fixtures';

const SECRET = 'trusted-backend-secret-0123456789abcdef';

/**
 * Request-rate limits (issue 10, item 2): token buckets counted by operation cost, per client IP and per
 * storefront token; per-hour counts for registrations and e-mail-sending operations; 429 + Retry-After.
 * Small buckets here so that a handful of requests empties them; restore is slow (1 point/s).
 */
describe('rate limits', () => {
  let app: TestApp;
  let fx: Fixtures;
  let a: { token: string };
  let b: { token: string };

  beforeAll(async () => {
    app = await TestApp.start({
      env: {
        RATE_LIMITS: 'on',
        RATE_LIMIT_IP_POINTS: '40',
        RATE_LIMIT_IP_RESTORE: '1',
        RATE_LIMIT_STOREFRONT_POINTS: '100',
        RATE_LIMIT_STOREFRONT_RESTORE: '1',
        RATE_LIMIT_ADMIN_POINTS: '100000',
        RATE_LIMIT_REGISTRATIONS_PER_IP: '3',
        RATE_LIMIT_REGISTRATIONS_PER_STOREFRONT: '5',
        RATE_LIMIT_EMAILS_PER_IP: '2',
        TRUSTED_CLIENT_IP_SECRET: SECRET,
      },
    });
    fx = await Fixtures.create(app);
    const brand = await fx.brand();
    const wh = await fx.warehouse();
    a = await fx.storefront({ brandCode: brand, audience: 'B2C', warehouseCodes: [wh] });
    b = await fx.storefront({ brandCode: brand, audience: 'B2C', warehouseCodes: [wh] });
  });
  afterAll(() => app?.close());

  let ipSeq = 10;
  const freshIp = () => `198.51.100.${ipSeq++}`;

  async function ask(token: string, ip: string, query = '{ storefront { code } }', extra: Record<string, string> = {}) {
    const res = await fetch(`${app.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-storefront-token': token, 'x-forwarded-for': ip, ...extra },
      body: JSON.stringify({ query }),
    });
    return { status: res.status, retryAfter: res.headers.get('retry-after'), body: (await res.json()) as any };
  }

  it('counts cost per client IP: a costly query drains the bucket faster, then 429 with Retry-After', async () => {
    const ip = freshIp();
    const first = await ask(a.token, ip);
    expect(first.status).toBe(200);
    expect(first.body.extensions.cost).toEqual({
      requested: 1,
      maximum: 5000,
      throttleStatus: { maximumAvailable: 40, currentlyAvailable: 39, restoreRate: 1 },
    });
    // 31 points: products 1 + 10 × (edges 1 + node 1 + name 0) + 0 … (first: 10 × 3 = 31)
    const costly = await ask(a.token, ip, '{ products(first: 10) { edges { node { name slug } } } }');
    expect(costly.status).toBe(200);
    expect(costly.body.extensions.cost.requested).toBe(21);
    const refused = await ask(a.token, ip, '{ products(first: 10) { edges { node { name slug } } } }');
    expect(refused.status).toBe(429);
    expect(Number(refused.retryAfter)).toBeGreaterThanOrEqual(1);
    expect(refused.body.errors[0].extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfter: Number(refused.retryAfter) });
    expect(refused.body.data ?? null).toBeNull();
    // Another address is not affected.
    expect((await ask(a.token, freshIp())).status).toBe(200);
  });

  /** Empties the address's bucket: 31 points twice from 40, the second refused with a wait of ~22 s. */
  async function drain(token: string, ip: string) {
    const costly = '{ products(first: 15) { edges { node { name slug } } } }';
    expect((await ask(token, ip, costly)).status).toBe(200);
    const refused = await ask(token, ip, costly);
    expect(refused.status).toBe(429);
    expect(Number(refused.retryAfter)).toBeGreaterThan(10);
  }

  it('once refused, the same address is answered 429 before its body is even parsed, after a pause', async () => {
    const ip = freshIp();
    await drain(a.token, ip);
    const started = Date.now();
    const garbage = await fetch(`${app.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-storefront-token': a.token, 'x-forwarded-for': ip },
      body: '{ this is not json',
    });
    expect(garbage.status).toBe(429);
    expect(((await garbage.json()) as any).errors[0].extensions.code).toBe('RATE_LIMITED');
    expect(garbage.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900); // the tarpit (RATE_LIMIT_TARPIT_MS, 1 s)
  });

  it('counts per storefront token across addresses, and one storefront flooding does not limit another', async () => {
    const flood = await fx.storefront({ brandCode: await fx.brand(), audience: 'B2C', warehouseCodes: [await fx.warehouse()] });
    let refused: Awaited<ReturnType<typeof ask>> | undefined;
    for (let i = 0; i < 60 && !refused; i++) {
      const r = await ask(flood.token, freshIp(), '{ products(first: 1) { edges { node { name } } } }'); // 3 points each
      if (r.status === 429) refused = r;
    }
    expect(refused?.body.errors[0].extensions.code).toBe('RATE_LIMITED');
    expect(refused?.body.errors[0].message).toMatch(/credential/);
    const other = await ask(b.token, freshIp());
    expect(other.status).toBe(200);
  });

  it('a trusted backend names its buyer with the secret; without it the header is ignored', async () => {
    const backend = freshIp();
    const buyer = freshIp();
    // The backend's own address is drained …
    await drain(b.token, backend);
    expect((await ask(b.token, backend)).status).toBe(429);
    // … yet its buyers are counted on their own addresses when it proves itself.
    const trusted = await ask(b.token, backend, '{ storefront { code } }', {
      'x-client-ip': buyer,
      'x-client-ip-secret': SECRET,
    });
    expect(trusted.status).toBe(200);
    const forged = await ask(b.token, backend, '{ storefront { code } }', {
      'x-client-ip': freshIp(),
      'x-client-ip-secret': 'wrong',
    });
    expect(forged.status).toBe(429);
  });

  it('limits registrations per address, and per storefront across addresses', async () => {
    const sf = await fx.storefront({ brandCode: await fx.brand(), audience: 'B2C', warehouseCodes: [await fx.warehouse()] });
    const ip = freshIp();
    const reg = (from: string) =>
      storefrontClient(app, sf.token).with({ 'x-forwarded-for': from }).raw(REGISTER, { i: b2cInput() });
    for (let i = 0; i < 3; i++) expect((await reg(ip)).errors).toBeUndefined();
    const before = await app.db.snapshot();
    const fourth = await reg(ip);
    expect(fourth.status).toBe(429);
    expect(fourth.errors?.[0].extensions).toMatchObject({ code: 'RATE_LIMITED' });
    expect(await app.db.snapshot()).toEqual(before);
    // Two more from other addresses fill the storefront's hourly budget of 5; the sixth is refused from anywhere.
    expect((await reg(freshIp())).errors).toBeUndefined();
    expect((await reg(freshIp())).errors).toBeUndefined();
    expect((await reg(freshIp())).errors?.[0].extensions?.code).toBe('RATE_LIMITED');
  });

  it('limits e-mail-sending requests (password reset) per address', async () => {
    const ip = freshIp();
    const sf = storefrontClient(app, a.token).with({ 'x-forwarded-for': ip });
    const reset = (email: string) => sf.raw(`mutation($e: String!) { requestPasswordReset(email: $e) }`, { e: email });
    expect((await reset('one@example.com')).data).toEqual({ requestPasswordReset: true });
    expect((await reset('two@example.com')).data).toEqual({ requestPasswordReset: true });
    const third = await reset('three@example.com');
    expect(third.status).toBe(429);
    expect(third.errors?.[0].extensions?.code).toBe('RATE_LIMITED');
  });

  it('RATE_LIMITS=off (the black-box default of this suite) turns request-rate limits off', async () => {
    const open = await TestApp.start({ env: { RATE_LIMITS: 'off', RATE_LIMIT_IP_POINTS: '1', RATE_LIMIT_IP_RESTORE: '1' } });
    try {
      const f = await Fixtures.create(open);
      const sf = await f.storefront({ brandCode: await f.brand(), audience: 'B2C', warehouseCodes: [await f.warehouse()] });
      for (let i = 0; i < 5; i++) {
        const r = await fetch(`${open.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-storefront-token': sf.token },
          body: JSON.stringify({ query: '{ storefront { code } }' }),
        });
        expect(r.status).toBe(200);
        expect(((await r.json()) as any).extensions.cost).toEqual({ requested: 1, maximum: 5000 });
      }
    } finally {
      await open.close();
    }
  });
});

const REDIS_URL = process.env.E2E_REDIS_URL;
const REAL_PG = process.env.E2E_DATABASE_URL;
// Two instances share one database: only possible on a real PostgreSQL server (PGlite is single-process).
(REDIS_URL && REAL_PG ? describe : describe.skip)('rate limits shared through Redis', () => {
  it('a client that drained its bucket on one instance is refused on the other', async () => {
    const env = { RATE_LIMITS: 'on', RATE_LIMIT_IP_POINTS: '10', RATE_LIMIT_IP_RESTORE: '1' };
    await withTwoInstances(REDIS_URL!, env, async (a, b) => {
      const fx = await Fixtures.create(a);
      const sf = await fx.storefront({ brandCode: await fx.brand(), audience: 'B2C', warehouseCodes: [await fx.warehouse()] });
      const ip = `203.0.113.${Math.floor(Math.random() * 200) + 20}`;
      const ask = (app: TestApp) =>
        fetch(`${app.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-storefront-token': sf.token, 'x-forwarded-for': ip },
          body: JSON.stringify({ query: '{ storefront { code } }' }),
        });
      for (let i = 0; i < 10; i++) expect((await ask(a)).status).toBe(200);
      const onB = await ask(b);
      expect(onB.status).toBe(429);
      expect(onB.headers.get('retry-after')).toMatch(/^\d+$/);
    });
  });
});
