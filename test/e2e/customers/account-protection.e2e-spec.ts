import { TestApp, withTwoInstances } from '../../support/app';
import { type ApiClient, adminClient, storefrontClient } from '../../support/clients';
import { b2bInput, b2cInput, LOGIN, login, PASSWORD, register, REGISTER } from '../../support/customer-fixtures';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from '../../support/env';
import { FakeVies } from '../../support/fake-vies.server';
import { Fixtures, type StorefrontFixture } from '../../support/fixtures';
import { expectRefused } from '../../support/matrix';

const ADMIN_LOGIN = `mutation($e: String!, $p: String!) { adminLogin(email: $e, password: $p) { accessToken } }`;
const RESET_REQUEST = `mutation($e: String!) { requestPasswordReset(email: $e) }`;
const RESET = `mutation($t: String!, $p: String!) { resetPassword(token: $t, newPassword: $p) { accessToken } }`;
const CHANGE = `mutation($c: String!, $n: String!) { changeMyPassword(currentPassword: $c, newPassword: $n) }`;
const EMAIL_CHANGE = `mutation($e: String!, $p: String!) { requestEmailChange(newEmail: $e, password: $p) }`;
const DELETE_ME = `mutation($p: String!) { deleteMyAccount(password: $p) }`;
const ACCEPT = `mutation($i: AcceptCompanyInvitationInput!) { acceptCompanyInvitation(input: $i) { id } }`;
const CREATE_ADMIN = `mutation($i: CreateAdminInput!) { createAdmin(input: $i) { id } }`;

/** Over the documented 128 characters: just over, and far over (argon2 must never see it). */
const TOO_LONG = ['x'.repeat(129), 'a long passphrase '.repeat(300)];

/** The same client, seen by the app as calling from `ip` (it trusts x-forwarded-for from loopback proxies). */
const from = (client: ApiClient, ip: string) => client.with({ 'x-forwarded-for': ip });

async function attempt(client: ApiClient, query: string, vars: Record<string, unknown>) {
  const res = await client.raw(query, vars);
  const e = res.errors?.[0];
  // Throttled answers are HTTP 429 (+ Retry-After), every other answer here 200.
  expect(res.status).toBe(e?.extensions?.code === 'TOO_MANY_ATTEMPTS' ? 429 : 200);
  return { code: e?.extensions?.code ?? 'OK', retryAfter: e?.extensions?.retryAfter };
}

async function failTimes(client: ApiClient, email: string, n: number, query = LOGIN): Promise<void> {
  for (let i = 0; i < n; i++) {
    expect((await attempt(client, query, { e: email, p: `wrong password ${i}` })).code).toBe('INVALID_CREDENTIALS');
  }
}

interface LogLine {
  level: number;
  code?: string;
  requestId?: string;
  event?: string;
  stack?: string;
  msg?: string;
}
const logLines = (app: TestApp): LogLine[] =>
  app.logs
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as LogLine);

describe('account protection', () => {
  let app: TestApp;
  let vies: FakeVies;
  let fx: Fixtures;
  let sf: StorefrontFixture;
  let b2b: StorefrontFixture;

  beforeAll(async () => {
    vies = await FakeVies.start();
    // info: the expected-error lines are asserted below.
    app = await TestApp.start({ env: { LOG_LEVEL: 'info', VIES_URL: vies.url, VIES_TIMEOUT_MS: '800' } });
    fx = await Fixtures.create(app);
    const brand = await fx.brand(undefined, 'NL000099998B57');
    const wh = await fx.warehouse();
    sf = await fx.storefront({ brandCode: brand, audience: 'B2C', warehouseCodes: [wh] });
    b2b = await fx.storefront({ brandCode: brand, audience: 'B2B', warehouseCodes: [wh] });
  });
  afterAll(async () => {
    await app?.close();
    await vies?.stop();
  });

  describe('login throttling', () => {
    it("a stranger's failures from other IPs do not lock the owner out; the stranger's IP is held back with retryAfter", async () => {
      const { email } = await register(sf.client, b2cInput());
      await failTimes(from(sf.client, '198.51.100.2'), email, 5);
      for (const ip of ['198.51.100.3', '198.51.100.4', '198.51.100.5', '198.51.100.6'])
        await failTimes(from(sf.client, ip), email, 2);

      const held = await attempt(from(sf.client, '198.51.100.2'), LOGIN, { e: email, p: PASSWORD });
      expect(held.code).toBe('TOO_MANY_ATTEMPTS'); // even with the right password, from the guessing IP
      expect(held.retryAfter).toEqual(expect.any(Number));
      expect(held.retryAfter).toBeGreaterThanOrEqual(1);
      expect(held.retryAfter).toBeLessThanOrEqual(15 * 60);

      expect((await attempt(from(sf.client, '203.0.113.1'), LOGIN, { e: email, p: PASSWORD })).code).toBe('OK');
      expect((await attempt(from(sf.client, '198.51.100.3'), LOGIN, { e: email, p: PASSWORD })).code).toBe('OK');
    });

    it('counts an unknown address exactly like a known one (no enumeration by throttling)', async () => {
      const known = (await register(sf.client, b2cInput())).email;
      const attacker = from(sf.client, '198.51.100.20');
      for (const email of [known, `nobody.${Date.now()}@example.nl`]) {
        await failTimes(attacker, email, 5);
        const held = await attacker.raw(LOGIN, { e: email, p: PASSWORD });
        expect(held.errors?.[0].extensions).toEqual({ code: 'TOO_MANY_ATTEMPTS', retryAfter: expect.any(Number) });
      }
    });

    it('a successful login clears the counter of that (account, IP)', async () => {
      const { email } = await register(sf.client, b2cInput());
      const owner = from(sf.client, '203.0.113.30');
      await failTimes(owner, email, 4);
      expect((await attempt(owner, LOGIN, { e: email, p: PASSWORD })).code).toBe('OK');
      await failTimes(owner, email, 5);
      expect((await attempt(owner, LOGIN, { e: email, p: PASSWORD })).code).toBe('TOO_MANY_ATTEMPTS');
    });

    it('failures spread over many IPs hit the per-account ceiling (50), but not from an IP the owner logged in from', async () => {
      const { email } = await register(sf.client, b2cInput());
      await login(from(sf.client, '203.0.113.40'), email); // the owner's usual address
      for (let i = 0; i < 10; i++) await failTimes(from(sf.client, `192.0.2.${i + 1}`), email, 5);

      const fresh = await attempt(from(sf.client, '192.0.2.99'), LOGIN, { e: email, p: `wrong password` });
      expect(fresh.code).toBe('TOO_MANY_ATTEMPTS');
      // 50 per 4 hours: the next attempt after about 4.8 minutes.
      expect(fresh.retryAfter).toBeGreaterThan(60);
      expect(fresh.retryAfter).toBeLessThanOrEqual(4 * 3600);
      expect((await attempt(from(sf.client, '203.0.113.40'), LOGIN, { e: email, p: PASSWORD })).code).toBe('OK');
    });

    it('IPv6 clients are counted by their /64', async () => {
      const { email } = await register(sf.client, b2cInput());
      for (let i = 1; i <= 5; i++) await failTimes(from(sf.client, `2001:db8:7:7::${i}`), email, 1);
      expect((await attempt(from(sf.client, '2001:db8:7:7:abcd::1'), LOGIN, { e: email, p: PASSWORD })).code).toBe(
        'TOO_MANY_ATTEMPTS',
      );
      expect((await attempt(from(sf.client, '2001:db8:7:8::1'), LOGIN, { e: email, p: PASSWORD })).code).toBe('OK');
    });

    it('admin logins: the same scheme', async () => {
      const admin = adminClient(app);
      await failTimes(from(admin, '198.51.100.50'), ADMIN_EMAIL, 5, ADMIN_LOGIN);
      const held = await attempt(from(admin, '198.51.100.50'), ADMIN_LOGIN, { e: ADMIN_EMAIL, p: ADMIN_PASSWORD });
      expect(held).toEqual({ code: 'TOO_MANY_ATTEMPTS', retryAfter: expect.any(Number) });
      expect((await attempt(from(admin, '203.0.113.50'), ADMIN_LOGIN, { e: ADMIN_EMAIL, p: ADMIN_PASSWORD })).code).toBe('OK');
    });

    it('a session cannot be used to guess the current password', async () => {
      const { email } = await register(sf.client, b2cInput());
      const session = storefrontClient(app, sf.token, (await login(sf.client, email)).accessToken);
      for (let i = 0; i < 5; i++) {
        const res = await session.raw(CHANGE, { c: `wrong password ${i}`, n: 'a fine new passphrase' });
        expect(res.errors?.[0].extensions).toEqual({
          code: 'INVALID_CREDENTIALS',
          fieldErrors: [{ path: 'currentPassword', message: 'is wrong' }],
        });
      }
      for (const [query, vars] of [
        [CHANGE, { c: PASSWORD, n: 'a fine new passphrase' }],
        [EMAIL_CHANGE, { e: 'elsewhere@example.nl', p: PASSWORD }],
        [DELETE_ME, { p: PASSWORD }],
      ] as const) {
        expect(await attempt(session, query, vars)).toEqual({ code: 'TOO_MANY_ATTEMPTS', retryAfter: expect.any(Number) });
      }
      expect((await attempt(from(sf.client, '203.0.113.70'), LOGIN, { e: email, p: PASSWORD })).code).toBe('OK'); // logins unaffected
    });

    it('logs failed logins as one line at info/warn with request id and code: no error level, no stack', async () => {
      const { email } = await register(sf.client, b2cInput());
      const client = from(sf.client, '198.51.100.60');
      const failed = await Promise.all([0, 1, 2, 3, 4].map(() => client.raw(LOGIN, { e: email, p: 'wrong password' })));
      const held = await client.raw(LOGIN, { e: email, p: PASSWORD });
      expect(held.errors?.[0].extensions?.code).toBe('TOO_MANY_ATTEMPTS');
      await new Promise((r) => setTimeout(r, 200)); // the child's stdout reaches us asynchronously

      const lines = logLines(app);
      expect(lines.filter((l) => l.level >= 50)).toEqual([]);
      expect(app.logs).not.toMatch(/"stack"|\n\s+at /);
      const byCode = (code: string) => lines.filter((l) => l.event === 'expected_error' && l.code === code);
      const codes = failed.map((r) => r.errors?.[0].extensions?.code);
      expect(codes).toEqual(Array(5).fill('INVALID_CREDENTIALS'));
      expect(byCode('INVALID_CREDENTIALS').length).toBeGreaterThanOrEqual(5);
      for (const l of byCode('INVALID_CREDENTIALS')) {
        expect(l).toMatchObject({ level: 30, requestId: expect.any(String) });
        expect(l.msg ?? '').not.toContain('wrong');
      }
      expect(byCode('TOO_MANY_ATTEMPTS').length).toBeGreaterThan(0);
      for (const l of byCode('TOO_MANY_ATTEMPTS')) expect(l).toMatchObject({ level: 40, requestId: expect.any(String) });
    });
  });

  describe('password reset requests', () => {
    it('sends at most 3 e-mails per address per hour, and answers true every time', async () => {
      const who = await register(sf.client, b2cInput());
      const answers = await Promise.all(
        Array.from({ length: 30 }, (_, i) => from(sf.client, `198.51.100.${100 + i}`).ok(RESET_REQUEST, { e: who.email })),
      );
      expect(answers.map((a) => a.requestPasswordReset)).toEqual(Array(30).fill(true));
      const events = await app.db.query(
        `SELECT payload FROM outbox_event WHERE type = 'customer.password_reset_requested' AND aggregate_id = $1`,
        [who.id],
      );
      expect(events).toHaveLength(3);
      const tokens = await app.db.query(`SELECT 1 FROM customer_token WHERE customer_id = $1 AND purpose = 'PASSWORD_RESET'`, [
        who.id,
      ]);
      expect(tokens).toHaveLength(3);
    });

    it('answers an unknown address the same way and writes nothing', async () => {
      const before = await app.db.query(`SELECT count(*)::int AS n FROM outbox_event`);
      const res = await sf.client.raw(RESET_REQUEST, { e: `nobody.${Date.now()}@example.nl` });
      expect({ status: res.status, data: res.data, errors: res.errors }).toEqual({
        status: 200,
        data: { requestPasswordReset: true },
        errors: undefined,
      });
      expect(await app.db.query(`SELECT count(*)::int AS n FROM outbox_event`)).toEqual(before);
    });
  });

  describe('password length: 10..128 characters wherever a password enters', () => {
    let me: { email: string; client: ApiClient };
    beforeAll(async () => {
      const c = await register(sf.client, b2cInput());
      me = { email: c.email, client: storefrontClient(app, sf.token, (await login(sf.client, c.email)).accessToken) };
    });

    it.each(TOO_LONG.map((p) => [p.length, p]))(
      'a password of %i characters is BAD_USER_INPUT with its field, nothing stored',
      async (_n, p) => {
        const cases: Array<[ApiClient, string, Record<string, unknown>, string]> = [
          [sf.client, REGISTER, { i: b2cInput({ password: p }) }, 'password'],
          [sf.client, LOGIN, { e: me.email, p }, 'password'],
          [me.client, CHANGE, { c: PASSWORD, n: p }, 'newPassword'],
          [me.client, CHANGE, { c: p, n: 'a fine new passphrase' }, 'currentPassword'],
          [me.client, EMAIL_CHANGE, { e: 'elsewhere@example.nl', p }, 'password'],
          [me.client, DELETE_ME, { p }, 'password'],
          [sf.client, RESET, { t: 'prt_whatever', p }, 'newPassword'],
          [b2b.client, ACCEPT, { i: { token: 'cit_whatever', password: p, firstName: 'K', lastName: 'B' } }, 'password'],
          [fx.root, CREATE_ADMIN, { i: { email: 'long@e2e.test', password: p, role: 'SUPERADMIN' } }, 'password'],
          [adminClient(app), ADMIN_LOGIN, { e: ADMIN_EMAIL, p }, 'password'],
        ];
        for (const [client, query, vars, path] of cases) {
          await expectRefused(app, client, query, vars, { code: 'BAD_USER_INPUT', path });
        }
      },
    );

    it('128 characters are accepted; 9, or a common password, are not (admins too)', async () => {
      const long = `${'🔑'.repeat(100)}${'x'.repeat(28)}`; // 128 characters, 228 UTF-16 units
      const c = await register(sf.client, b2cInput({ password: long }));
      await login(sf.client, c.email, long);
      await expectRefused(
        app,
        sf.client,
        REGISTER,
        { i: b2cInput({ password: 'nine char' }) },
        { code: 'BAD_USER_INPUT', path: 'password' },
      );
      await expectRefused(
        app,
        fx.root,
        CREATE_ADMIN,
        { i: { email: 'common@e2e.test', password: 'password123', role: 'SUPERADMIN' } },
        { code: 'BAD_USER_INPUT', path: 'password' },
      );
    });

    it('a too-long password at login is not a guess: it does not count towards the throttle', async () => {
      const { email } = await register(sf.client, b2cInput());
      const client = from(sf.client, '198.51.100.77');
      for (let i = 0; i < 6; i++)
        expect((await attempt(client, LOGIN, { e: email, p: TOO_LONG[0] })).code).toBe('BAD_USER_INPUT');
      expect((await attempt(client, LOGIN, { e: email, p: PASSWORD })).code).toBe('OK');
    });
  });

  it('B2B: an invitation is accepted only with a password in bounds', async () => {
    const admin = await register(b2b.client, b2bInput('NL004495445B01'));
    const adminSession = storefrontClient(app, b2b.token, (await login(b2b.client, admin.email)).accessToken);
    const colleague = `colleague.${admin.id.slice(-6)}@example.nl`;
    await adminSession.ok(`mutation($e: String!) { inviteColleague(email: $e) }`, { e: colleague });
    const [ev] = await app.db.query(
      `SELECT payload FROM outbox_event WHERE type = 'customer.invited' AND payload->>'email' = $1`,
      [colleague],
    );
    const input = (password: string) => ({ i: { token: ev.payload.token, password, firstName: 'Kees', lastName: 'Buyer' } });
    await expectRefused(app, b2b.client, ACCEPT, input(TOO_LONG[0]), { code: 'BAD_USER_INPUT', path: 'password' });
    await b2b.client.ok(ACCEPT, input('colleague passphrase'));
  });
});

const REDIS_URL = process.env.E2E_REDIS_URL;
// Two instances share one database: only on a real PostgreSQL server (PGlite is single-process).
(REDIS_URL && process.env.E2E_DATABASE_URL ? describe : describe.skip)('account protection across instances (Redis)', () => {
  it('counts (account, IP) failures on every instance together; the owner on another IP is not affected', async () => {
    await withTwoInstances(REDIS_URL!, async (a, b) => {
      const fx = await Fixtures.create(a);
      const sf = await fx.storefront({ brandCode: await fx.brand(), audience: 'B2C', warehouseCodes: [await fx.warehouse()] });
      const { email } = await register(sf.client, b2cInput());
      const onB = storefrontClient(b, sf.token);
      await failTimes(from(sf.client, '198.51.100.9'), email, 3);
      await failTimes(from(onB, '198.51.100.9'), email, 2);
      expect((await attempt(from(sf.client, '198.51.100.9'), LOGIN, { e: email, p: PASSWORD })).code).toBe('TOO_MANY_ATTEMPTS');
      expect((await attempt(from(onB, '198.51.100.9'), LOGIN, { e: email, p: PASSWORD })).code).toBe('TOO_MANY_ATTEMPTS');
      expect((await attempt(from(onB, '203.0.113.9'), LOGIN, { e: email, p: PASSWORD })).code).toBe('OK');
    });
  });
});
