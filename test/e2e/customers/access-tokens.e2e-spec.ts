import { createHmac } from 'node:crypto';
import { TestApp } from '../../support/app';
import { adminLogin, storefrontClient } from '../../support/clients';
import { b2cInput, login, ME, register } from '../../support/customer-fixtures';
import { Fixtures, type StorefrontFixture } from '../../support/fixtures';

/**
 * Access tokens are verified once and then remembered for a minute (jwt.service.ts): these check that what is
 * remembered is only ever the same token, that its expiry is still checked on every use, and that what can end
 * sooner (the session) still ends it at once. Tokens are made here with the app's own key (read from its
 * database), so a token can expire while the app remembers it.
 */
const b64 = (v: unknown) => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)).toString('base64url');
function sign(key: string, claims: Record<string, unknown>, header: Record<string, unknown> = { alg: 'HS256' }): string {
  const body = `${b64(header)}.${b64(claims)}`;
  return `${body}.${createHmac('sha256', key).update(body).digest('base64url')}`;
}
const LOGOUT = 'mutation { logout }';
const now = () => Math.floor(Date.now() / 1000);

describe('customer access tokens', () => {
  let app: TestApp;
  let fx: Fixtures;
  let sf: StorefrontFixture;
  let other: StorefrontFixture;
  let key: string;

  beforeAll(async () => {
    app = await TestApp.start();
    fx = await Fixtures.create(app);
    const brand = await fx.brand();
    const wh = await fx.warehouse();
    sf = await fx.storefront({ brandCode: brand, audience: 'B2C', warehouseCodes: [wh] });
    other = await fx.storefront({ brandCode: await fx.brand(), audience: 'B2C', warehouseCodes: [wh] });
    [{ value: key }] = await app.db.query<{ value: string }>(`SELECT value FROM app_secret WHERE name = 'jwt'`);
  });
  afterAll(async () => {
    await app?.close();
  });

  /** A customer logged in on `sf`, and the claims of its access token. */
  async function customer() {
    const c = await register(sf.client, b2cInput());
    const session = await login(sf.client, c.email);
    const claims = JSON.parse(Buffer.from(session.accessToken.split('.')[1], 'base64url').toString()) as Record<string, unknown>;
    return { id: c.id as string, session, claims };
  }
  const me = (token: string, on = sf) => storefrontClient(app, on.token, token);

  it('a token is answered until it expires, also after it was remembered', async () => {
    const c = await customer();
    const shortLived = sign(key, { ...c.claims, iat: now(), exp: now() + 2 });
    for (let i = 0; i < 3; i++) expect((await me(shortLived).ok(ME)).me.id).toBe(c.id);
    await new Promise((r) => setTimeout(r, 2600));
    expect(await me(shortLived).code(ME)).toBe('UNAUTHENTICATED');
    expect((await me(c.session.accessToken).ok(ME)).me.id).toBe(c.id); // the login's own token lives 15 minutes
  });

  it('refuses every token that is not exactly one the app signed, even next to a remembered one', async () => {
    const c = await customer();
    expect((await me(c.session.accessToken).ok(ME)).me.id).toBe(c.id); // remembered from here on
    const [h, p, s] = c.session.accessToken.split('.');
    const flipped = `${h}.${p}.${s.slice(0, -2)}${s.endsWith('AA') ? 'BB' : 'AA'}`;
    const forged = {
      'another signature': flipped,
      'another key': sign('not the key of this app, but long enough 0123456789', c.claims),
      'alg none': `${b64({ alg: 'none' })}.${p}.`,
      'HS512 with the right key': sign(key, c.claims, { alg: 'HS512' }),
      expired: sign(key, { ...c.claims, iat: now() - 120, exp: now() - 60 }),
      'the admin audience': sign(key, { ...c.claims, aud: 'storefront-hub:admin' }),
      'another customer (subject)': sign(key, { ...c.claims, sub: '00000000-0000-7000-8000-000000000000' }),
      'no session id': sign(key, { ...c.claims, sid: undefined }),
      garbage: 'not.a.token',
      'far too long': `${c.session.accessToken}${'x'.repeat(5000)}`,
      'an injection string': "' OR 1=1 --",
    };
    for (const [what, token] of Object.entries(forged)) {
      expect([what, await me(token).code(ME)]).toEqual([what, 'UNAUTHENTICATED']);
    }
    expect((await me(c.session.accessToken).ok(ME)).me.id).toBe(c.id);
  });

  it("a remembered token is refused on another brand's storefront (its realm) and after logout", async () => {
    const c = await customer();
    expect((await me(c.session.accessToken).ok(ME)).me.id).toBe(c.id);
    expect(await me(c.session.accessToken, other).code(ME)).toBe('UNAUTHENTICATED');
    expect((await me(c.session.accessToken).ok(LOGOUT)).logout).toBe(true);
    expect(await me(c.session.accessToken).code(ME)).toBe('UNAUTHENTICATED');
  });

  it('an admin token is not a customer token, and a customer token is not an admin token', async () => {
    const admin = await adminLogin(app);
    const adminToken = (admin.headers.authorization ?? '').replace('Bearer ', '');
    expect(await admin.code('{ brands { code } }')).toBeUndefined();
    expect(await me(adminToken).code(ME)).toBe('UNAUTHENTICATED');
    const c = await customer();
    expect(await admin.with({ authorization: `Bearer ${c.session.accessToken}` }).code('{ brands { code } }')).toBe(
      'UNAUTHENTICATED',
    );
  });
});
