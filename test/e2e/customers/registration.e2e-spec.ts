import { TestApp, withTwoInstances } from '../../support/app';
import { type ApiClient, storefrontClient } from '../../support/clients';
import {
  b2bInput,
  b2cInput,
  LOGIN,
  login,
  ME,
  PASSWORD,
  REFRESH,
  register,
  REGISTER,
  waitUntil,
} from '../../support/customer-fixtures';
import { FakeVies } from '../../support/fake-vies.server';
import { Fixtures, type StorefrontFixture } from '../../support/fixtures';

/** VIES at the fake, and background re-checks fast enough for a test. */
const fastVies = (vies: FakeVies) => ({
  VIES_URL: vies.url,
  VIES_TIMEOUT_MS: '800',
  VIES_RETRY_BASE_MS: '300',
  VIES_RETRY_MAX_MS: '1000',
  JOB_POLL_MS: '100',
});

const ADMIN_CUSTOMER = `query($id: ID!) { customer(id: $id) { id status rejectionReason company { vatStatus } } }`;

describe('registration, B2B verification and sessions', () => {
  let app: TestApp;
  let vies: FakeVies;
  let fx: Fixtures;
  let root: ApiClient;
  let b2c: StorefrontFixture; // brand A
  let b2cSameRealm: StorefrontFixture; // brand A, B2C, another country: shares accounts with b2c
  let b2b: StorefrontFixture; // brand A, automatic approval
  let b2bManual: StorefrontFixture; // brand M, manual approval
  let otherBrand: StorefrontFixture; // brand B, B2C

  beforeAll(async () => {
    vies = await FakeVies.start();
    app = await TestApp.start({
      env: fastVies(vies),
    });
    fx = await Fixtures.create(app);
    root = fx.root;
    const brandA = await fx.brand(undefined, 'NL000099998B57');
    const brandM = await fx.brand(undefined, 'NL000099998B57');
    const brandB = await fx.brand();
    const wh = await fx.warehouse();
    b2c = await fx.storefront({ brandCode: brandA, audience: 'B2C', warehouseCodes: [wh] });
    b2cSameRealm = await fx.storefront({ brandCode: brandA, audience: 'B2C', warehouseCodes: [wh], country: 'BE' });
    b2b = await fx.storefront({ brandCode: brandA, audience: 'B2B', warehouseCodes: [wh] });
    b2bManual = await fx.storefront({ brandCode: brandM, audience: 'B2B', warehouseCodes: [wh], approvalPolicy: 'MANUAL' });
    otherBrand = await fx.storefront({ brandCode: brandB, audience: 'B2C', warehouseCodes: [wh] });
  });
  afterAll(async () => {
    await app?.close();
    await vies?.stop();
  });

  describe('B2C', () => {
    it('registers with normalised data, ACTIVE, and can log in', async () => {
      const c = await register(
        b2c.client,
        b2cInput({ email: '  Anna.DE.Vries@Example.NL ', phone: '06-12345678', firstName: '  Anna  ', lastName: 'de  Vries' }),
      );
      expect(c).toMatchObject({
        email: 'anna.de.vries@example.nl',
        phone: '+31612345678',
        firstName: 'Anna',
        lastName: 'de Vries',
        status: 'ACTIVE',
        company: null,
      });
      const s = await login(b2c.client, 'ANNA.de.vries@example.nl');
      const me = await storefrontClient(app, b2c.token, s.accessToken).ok(ME);
      expect(me.me.email).toBe('anna.de.vries@example.nl');
      // Storefronts of the same brand and audience share accounts.
      const s2 = await login(b2cSameRealm.client, 'anna.de.vries@example.nl');
      expect(s2.customer.id).toBe(c.id);
      const events = await app.db.query(`SELECT type, payload FROM outbox_event WHERE aggregate_id = $1`, [c.id]);
      expect(events).toEqual([
        {
          type: 'customer.registered',
          payload: expect.objectContaining({
            customerId: c.id,
            email: c.email,
            firstName: 'Anna',
            lastName: 'de Vries',
            storefrontCode: b2c.code,
          }),
        },
      ]);
    });

    it('refuses a duplicate e-mail in the realm, but allows it in another realm', async () => {
      const input = b2cInput();
      await register(b2c.client, input);
      const before = await app.db.snapshot();
      expect(await b2cSameRealm.client.code(REGISTER, { i: { ...input, email: input.email.toUpperCase() } })).toBe(
        'EMAIL_ALREADY_REGISTERED',
      );
      expect(await app.db.snapshot()).toEqual(before);
      expect((await register(otherBrand.client, input)).status).toBe('ACTIVE');
      expect((await register(b2b.client, b2bInput('NL123456782B01', { email: input.email }))).status).toBe('ACTIVE');
    });

    it('refuses a company on a B2C storefront', async () => {
      const before = await app.db.snapshot();
      const res = await b2c.client.raw(REGISTER, { i: b2bInput('NL004495445B01') });
      expect(res.errors?.[0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        fieldErrors: [{ path: 'company', message: expect.any(String) }],
      });
      expect(await app.db.snapshot()).toEqual(before);
    });

    it.each([
      ['invalid e-mail', { email: 'not-an-email' }, 'email'],
      ['too long e-mail', { email: `${'a'.repeat(250)}@example.nl` }, 'email'],
      ['short password', { password: 'short' }, 'password'],
      ['common password', { password: 'password123' }, 'password'],
      ['too long first name', { firstName: 'x'.repeat(101) }, 'firstName'],
      ['blank last name', { lastName: '   ' }, 'lastName'],
      ['invalid phone', { phone: '12345' }, 'phone'],
      ['phone with letters', { phone: '06-CALL-ME' }, 'phone'],
      ['control characters', { firstName: 'Jan\u0000' }, 'firstName'],
    ])('bad input: %s', async (_name, overrides, path) => {
      const before = await app.db.snapshot();
      const res = await b2c.client.raw(REGISTER, { i: b2cInput(overrides) });
      expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect(res.errors?.[0].extensions?.fieldErrors?.map((f) => f.path)).toContain(path);
      expect(await app.db.snapshot()).toEqual(before);
    });

    it('wrong types and missing fields are BAD_USER_INPUT', async () => {
      const before = await app.db.snapshot();
      expect(await b2c.client.code(REGISTER, { i: { email: 'x@example.nl' } })).toBe('BAD_USER_INPUT');
      expect(await b2c.client.code(REGISTER, { i: { ...b2cInput(), firstName: 42 } })).toBe('BAD_USER_INPUT');
      expect(await storefrontClient(app).code(REGISTER, { i: b2cInput() })).toBe('STOREFRONT_TOKEN_REQUIRED');
      expect(await app.db.snapshot()).toEqual(before);
    });
  });

  describe('B2B', () => {
    it('VIES valid + automatic policy: ACTIVE with consultation number and registered name; the brand is the requester', async () => {
      vies.set('BE0411905847', { kind: 'VALID', name: 'BELGIAN NV' });
      const c = await register(
        b2b.client,
        b2bInput(
          'be 0411.905.847',
          {},
          {
            country: 'BE',
            kvkNumber: null,
            address: { street: 'Rue Neuve', houseNumber: '5', postalCode: 'B-1000', city: 'Brussel', country: 'BE' },
          },
        ),
      );
      expect(c.status).toBe('ACTIVE');
      expect(c.company).toMatchObject({
        vatNumber: 'BE0411905847',
        role: 'ADMIN',
        country: 'BE',
        vatVerification: { status: 'VALID', consultationNumber: expect.stringMatching(/^WAPI/), registeredName: 'BELGIAN NV' },
        address: { postalCode: '1000' },
      });
      const req = vies.requests.find((r) => r.vatNumber === '0411905847');
      expect(req).toMatchObject({ countryCode: 'BE', requesterMemberStateCode: 'NL', requesterNumber: '000099998B57' });
      const evidence = await app.db.query(`SELECT outcome, consultation_number FROM vat_check WHERE company_id = $1`, [
        c.company.id,
      ]);
      expect(evidence).toEqual([{ outcome: 'VALID', consultation_number: c.company.vatVerification.consultationNumber }]);
      await login(b2b.client, c.email);
    });

    it('VIES valid + manual policy: PENDING_APPROVAL until an admin approves; the reason of a rejection is shown', async () => {
      const c = await register(b2bManual.client, b2bInput('NL000099998B57', {}, { kvkNumber: '68750110' }));
      expect(c.status).toBe('PENDING_APPROVAL');
      const res = await b2bManual.client.raw(LOGIN, { e: c.email, p: PASSWORD });
      expect(res.errors?.[0].extensions).toMatchObject({ code: 'ACCOUNT_NOT_ACTIVE', status: 'PENDING_APPROVAL' });
      const list = await root.ok(`{ customers(first: 5) { totalCount edges { node { id status } } } }`);
      expect(list.customers.edges[0].node.status).toBe('PENDING_APPROVAL'); // pending approvals first
      expect(
        (await root.ok(`mutation($id: ID!) { approveCustomer(id: $id) { status } }`, { id: c.id })).approveCustomer.status,
      ).toBe('ACTIVE');
      await login(b2bManual.client, c.email);
      const rejected = await root.ok(
        `mutation($id: ID!) { rejectCustomer(id: $id, reason: "Not a reseller") { status rejectionReason } }`,
        { id: c.id },
      );
      expect(rejected.rejectCustomer).toEqual({ status: 'REJECTED', rejectionReason: 'Not a reseller' });
      expect((await b2bManual.client.raw(LOGIN, { e: c.email, p: PASSWORD })).errors?.[0].extensions).toMatchObject({
        code: 'ACCOUNT_NOT_ACTIVE',
        status: 'REJECTED',
      });
      const types = await app.db.query(`SELECT type FROM outbox_event WHERE aggregate_id = $1 ORDER BY position`, [c.id]);
      expect(types.map((t: any) => t.type)).toEqual(['customer.registered', 'customer.approved', 'customer.rejected']);
    });

    it('VIES not registered: VAT_NUMBER_NOT_REGISTERED and nothing stored', async () => {
      vies.set('NL123456789B13', { kind: 'NOT_REGISTERED' });
      const before = await app.db.snapshot();
      const res = await b2b.client.raw(REGISTER, { i: b2bInput('NL123456789B13') });
      expect(res.errors?.[0].extensions).toMatchObject({
        code: 'VAT_NUMBER_NOT_REGISTERED',
        fieldErrors: [{ path: 'company.vatNumber' }],
      });
      expect(await app.db.snapshot()).toEqual(before);
    });

    it.each([
      ['HTTP 200 with actionSucceed:false', 'MS_UNAVAILABLE' as const],
      ['HTTP 500', 'HTTP_500' as const],
    ])('VIES unavailable (%s), later valid: PENDING_VERIFICATION, then ACTIVE without anyone acting', async (_n, as) => {
      const vat = as === 'HTTP_500' ? 'BE0428759497' : 'BE1001234592';
      vies.set(vat, { kind: 'UNAVAILABLE', times: 3, as });
      const c = await register(
        b2b.client,
        b2bInput(
          vat,
          {},
          {
            country: 'BE',
            kvkNumber: null,
            address: { street: 'Meir', houseNumber: '1', postalCode: '2000', city: 'Antwerpen', country: 'BE' },
          },
        ),
      );
      expect(c.status).toBe('PENDING_VERIFICATION');
      expect(c.company.vatVerification.status).toBe('UNAVAILABLE_RETRYING');
      const after = await waitUntil(
        () => root.ok(ADMIN_CUSTOMER, { id: c.id }),
        (d) => d.customer.status === 'ACTIVE',
        15000,
      );
      expect(after.customer).toMatchObject({ status: 'ACTIVE', company: { vatStatus: 'VALID' } });
      const checks = await app.db.query(`SELECT outcome FROM vat_check WHERE company_id = $1 ORDER BY checked_at`, [
        c.company.id,
      ]);
      expect(checks[0].outcome).toMatch(/^UNAVAILABLE/);
      expect(checks[checks.length - 1].outcome).toBe('VALID');
      await login(b2b.client, c.email);
    });

    it.each([
      ['malformed VAT', b2bInput('NL12345'), 'INVALID_VAT_NUMBER', 'company.vatNumber'],
      ['wrong check digits', b2bInput('NL123456789B01'), 'INVALID_VAT_NUMBER', 'company.vatNumber'],
      ['VAT country is not the company country', b2bInput('DE136695976'), 'INVALID_VAT_NUMBER', 'company.vatNumber'],
      ['missing KvK for NL', b2bInput('NL004495445B01', {}, { kvkNumber: null }), 'INVALID_KVK_NUMBER', 'company.kvkNumber'],
      ['malformed KvK', b2bInput('NL004495445B01', {}, { kvkNumber: '1234' }), 'INVALID_KVK_NUMBER', 'company.kvkNumber'],
      ['B2B without company', b2cInput(), 'BAD_USER_INPUT', 'company'],
      [
        'invalid NL postcode',
        b2bInput(
          'NL004495445B01',
          {},
          { address: { street: 'K', houseNumber: '1', postalCode: '12345', city: 'A', country: 'NL' } },
        ),
        'BAD_USER_INPUT',
        'company.address.postalCode',
      ],
      ['unknown company country', b2bInput('NL004495445B01', {}, { country: 'ZZ' }), 'BAD_USER_INPUT', 'company.country'],
      ['injection in VAT', b2bInput("NL'); DROP TABLE company; --"), 'INVALID_VAT_NUMBER', 'company.vatNumber'],
    ])('%s', async (_name, input, code, path) => {
      const before = await app.db.snapshot();
      const calls = vies.requests.length;
      const res = await b2b.client.raw(REGISTER, { i: input });
      expect(res.errors?.[0].extensions?.code).toBe(code);
      expect(res.errors?.[0].extensions?.fieldErrors?.map((f) => f.path)).toContain(path);
      expect(await app.db.snapshot()).toEqual(before);
      expect(vies.requests.length).toBe(calls); // refused offline, before VIES
    });

    it('a Greek company registers with its EL VAT number', async () => {
      const res = await b2b.client.raw(REGISTER, {
        i: b2bInput(
          'EL094259216',
          {},
          {
            country: 'GR',
            kvkNumber: null,
            address: { street: 'Odos', houseNumber: '1', postalCode: '10431', city: 'Athina', country: 'GR' },
          },
        ),
      });
      // Either valid (ACTIVE) or a vector the checksum refuses; EL must never be mistaken for another country.
      expect(res.errors?.[0]?.extensions?.fieldErrors?.[0]?.message ?? '').not.toMatch(/country/);
    });

    it('refuses a second registration of the same company in the realm', async () => {
      await register(b2b.client, b2bInput('NL004495445B01'));
      const before = await app.db.snapshot();
      const res = await b2b.client.raw(REGISTER, { i: b2bInput('NL 0044.95.445.B01') });
      expect(res.errors?.[0].extensions?.code).toBe('COMPANY_ALREADY_REGISTERED');
      expect(await app.db.snapshot()).toEqual(before);
    });
  });

  describe('sessions', () => {
    let email: string;
    beforeAll(async () => {
      email = (await register(b2c.client, b2cInput())).email;
    });

    it('answers INVALID_CREDENTIALS alike for unknown e-mail, wrong password and another realm', async () => {
      const other = (await register(otherBrand.client, b2cInput())).email;
      for (const [e, p] of [
        ['nobody@example.nl', PASSWORD],
        [email, 'wrong password!!'],
        [other, PASSWORD],
      ]) {
        const res = await b2c.client.raw(LOGIN, { e, p });
        expect(res.errors?.[0].extensions?.code).toBe('INVALID_CREDENTIALS');
        expect(res.errors?.[0].message).toBe('E-mail address or password is wrong.');
      }
    });

    it('binds access tokens to the realm that issued them', async () => {
      const s = await login(b2c.client, email);
      expect((await storefrontClient(app, b2cSameRealm.token, s.accessToken).ok(ME)).me.email).toBe(email);
      expect(await storefrontClient(app, otherBrand.token, s.accessToken).code(ME)).toBe('UNAUTHENTICATED');
      expect(await storefrontClient(app, b2b.token, s.accessToken).code(ME)).toBe('UNAUTHENTICATED');
      expect(await storefrontClient(app, b2c.token, 'garbage').code(ME)).toBe('UNAUTHENTICATED');
      expect((await storefrontClient(app, b2c.token).ok(ME)).me).toBeNull();
      expect(await storefrontClient(app, otherBrand.token, s.accessToken).code(`mutation { logout }`)).toBe('UNAUTHENTICATED');
    });

    it('rotates refresh tokens, and a reused one revokes the whole session', async () => {
      const s = await login(b2c.client, email);
      const r1 = (await b2c.client.ok(REFRESH, { t: s.refreshToken })).refreshSession;
      expect(r1.refreshToken).not.toBe(s.refreshToken);
      expect(await b2c.client.code(REFRESH, { t: s.refreshToken })).toBe('INVALID_REFRESH_TOKEN'); // reuse
      expect(await b2c.client.code(REFRESH, { t: r1.refreshToken })).toBe('INVALID_REFRESH_TOKEN'); // family revoked
      await new Promise((r) => setTimeout(r, 1100)); // session cache: at most a second
      expect(await storefrontClient(app, b2c.token, r1.accessToken).code(ME)).toBe('UNAUTHENTICATED');
      expect(await otherBrand.client.code(REFRESH, { t: 'srt_nope' })).toBe('INVALID_REFRESH_TOKEN');
    });

    it('a refresh token works only in its realm', async () => {
      const s = await login(b2c.client, email);
      expect(await otherBrand.client.code(REFRESH, { t: s.refreshToken })).toBe('INVALID_REFRESH_TOKEN');
      expect((await b2c.client.ok(REFRESH, { t: s.refreshToken })).refreshSession.customer.id).toBe(s.customer.id);
    });

    it('logout ends the session', async () => {
      const s = await login(b2c.client, email);
      const me = storefrontClient(app, b2c.token, s.accessToken);
      expect((await me.ok(`mutation { logout }`)).logout).toBe(true);
      expect(await me.code(ME)).toBe('UNAUTHENTICATED');
      expect(await b2c.client.code(REFRESH, { t: s.refreshToken })).toBe('INVALID_REFRESH_TOKEN');
    });

    it('locks an account out after repeated failures (TOO_MANY_ATTEMPTS), even with the right password', async () => {
      const victim = (await register(b2c.client, b2cInput())).email;
      for (let i = 0; i < 5; i++)
        expect(await b2c.client.code(LOGIN, { e: victim, p: `wrong-password-${i}` })).toBe('INVALID_CREDENTIALS');
      expect(await b2c.client.code(LOGIN, { e: victim, p: PASSWORD })).toBe('TOO_MANY_ATTEMPTS');
    });

    it('resets a password with the single-use token from customer.password_reset_requested', async () => {
      const who = await register(b2c.client, b2cInput());
      const old = await login(b2c.client, who.email);
      expect(
        (await b2c.client.ok(`mutation($e: String!) { requestPasswordReset(email: $e) }`, { e: who.email })).requestPasswordReset,
      ).toBe(true);
      expect((await b2c.client.ok(`mutation { requestPasswordReset(email: "nobody@example.nl") }`)).requestPasswordReset).toBe(
        true,
      );
      const [ev] = await app.db.query(
        `SELECT payload FROM outbox_event WHERE type = 'customer.password_reset_requested' AND aggregate_id = $1`,
        [who.id],
      );
      expect(ev.payload).toMatchObject({
        customerId: who.id,
        email: who.email,
        token: expect.any(String),
        expiresAt: expect.any(String),
      });
      const RESET = `mutation($t: String!, $p: String!) { resetPassword(token: $t, newPassword: $p) { accessToken customer { id } } }`;
      expect(await b2c.client.code(RESET, { t: ev.payload.token, p: 'password123' })).toBe('BAD_USER_INPUT');
      const done = (await b2c.client.ok(RESET, { t: ev.payload.token, p: 'a brand new passphrase' })).resetPassword;
      expect(done.customer.id).toBe(who.id);
      expect(await b2c.client.code(RESET, { t: ev.payload.token, p: 'another new passphrase' })).toBe('BAD_USER_INPUT'); // single use
      await new Promise((r) => setTimeout(r, 1100));
      expect(await storefrontClient(app, b2c.token, old.accessToken).code(ME)).toBe('UNAUTHENTICATED'); // other sessions ended
      await login(b2c.client, who.email, 'a brand new passphrase');
      expect(await otherBrand.client.code(RESET, { t: ev.payload.token, p: 'x another passphrase' })).toBe('BAD_USER_INPUT');
    });
  });

  it('keeps pending verifications across a restart and finishes them when VIES is back', async () => {
    vies.set('NL123456782B01', { kind: 'UNAVAILABLE', times: 1000, as: 'MS_MAX_CONCURRENT_REQ' });
    const brand = await fx.brand(undefined, 'NL000099998B57');
    const wh = await fx.warehouse();
    const sf = await fx.storefront({ brandCode: brand, audience: 'B2B', warehouseCodes: [wh] });
    const c = await register(sf.client, b2bInput('NL123456782B01', {}, { kvkNumber: '69599068' }));
    expect(c.status).toBe('PENDING_VERIFICATION');
    expect(await app.stop()).toBe(0);
    vies.set('NL123456782B01', { kind: 'VALID' });
    app = await TestApp.start({
      db: app.db,
      env: fastVies(vies),
    });
    (app as any).ownsDb = true;
    const admin = await Fixtures.create(app);
    const done = await waitUntil(
      () => admin.root.ok(ADMIN_CUSTOMER, { id: c.id }),
      (d) => d.customer.status === 'ACTIVE',
      15000,
    );
    expect(done.customer.status).toBe('ACTIVE');
  });
});

const REDIS_URL = process.env.E2E_REDIS_URL;
// Two instances share one database: only on a real PostgreSQL server (PGlite is single-process).
(REDIS_URL && process.env.E2E_DATABASE_URL ? describe : describe.skip)('login throttling across instances (Redis)', () => {
  it('counts failures on every instance together', async () => {
    await withTwoInstances(REDIS_URL!, async (a, b) => {
      const fx = await Fixtures.create(a);
      const brand = await fx.brand();
      const wh = await fx.warehouse();
      const sf = await fx.storefront({ brandCode: brand, audience: 'B2C', warehouseCodes: [wh] });
      const { email } = await register(sf.client, b2cInput());
      const onB = storefrontClient(b, sf.token);
      for (let i = 0; i < 3; i++)
        expect(await sf.client.code(LOGIN, { e: email, p: `wrong-${i}-password` })).toBe('INVALID_CREDENTIALS');
      for (let i = 0; i < 2; i++)
        expect(await onB.code(LOGIN, { e: email, p: `wrong-${i}-password` })).toBe('INVALID_CREDENTIALS');
      expect(await sf.client.code(LOGIN, { e: email, p: PASSWORD })).toBe('TOO_MANY_ATTEMPTS');
      expect(await onB.code(LOGIN, { e: email, p: PASSWORD })).toBe('TOO_MANY_ATTEMPTS');
    }).finally(async () => {
      // The counters live in Redis: leave nothing behind for other runs.
      const { default: Redis } = await import('ioredis');
      const r = new Redis(REDIS_URL!);
      const keys = await r.keys('hub:rl:*');
      if (keys.length) await r.del(...keys);
      await r.quit();
    });
  });
});
