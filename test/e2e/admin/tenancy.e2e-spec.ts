/**
 * Tenancy and the Admin API (CONTRACT §1, §2, §4, §5): brands, warehouses, storefronts (defaults, tokens
 * shown once and stored as hashes, rotation), admins (argon2id logins, throttling, short-lived tokens) and
 * API keys (scopes, secrets shown once, revocation). Every refused input asserts its `extensions.code`, the
 * `fieldErrors` path where one applies, and an unchanged database.
 */
import { TestApp } from '../../support/app';
import { type ApiClient, adminClient, adminLogin, storefrontClient } from '../../support/clients';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from '../../support/env';
import { Fixtures, uniqueCode } from '../../support/fixtures';
import {
  apiKeyNamed,
  brandAdminWithEmail,
  expectRefused,
  Ops,
  type Refusal,
  snapshot,
  tablesContaining,
  type Vars,
} from '../../support/matrix';

const INJECTION = "x'); DROP TABLE brand; --";
const LONG = 'n'.repeat(5000);
const NUL = 'a\u0000b';

/** One row of a bad-input table: the variables of the operation and the refusal it must get. */
type BadCase = [name: string, variables: () => Vars, refusal: Refusal];

const bad = (code: string, path?: string): Refusal => ({ code, path });

describe('Admin API: tenancy', () => {
  let app: TestApp;
  let fx: Fixtures;
  let root: ApiClient;
  let W1: string;
  let W2: string;
  let brand: string;
  let otherBrand: string;

  beforeAll(async () => {
    app = await TestApp.start();
    fx = await Fixtures.create(app);
    root = fx.root;
    W1 = await fx.warehouse();
    W2 = await fx.warehouse();
    brand = await fx.brand();
    otherBrand = await fx.brand();
  });
  afterAll(() => app?.close());

  const storefrontInput = (overrides: Vars = {}): Vars => ({
    code: uniqueCode('sf'),
    name: 'Shop NL',
    brandCode: brand,
    audience: 'B2C',
    currency: 'EUR',
    country: 'NL',
    locale: 'nl-NL',
    warehouseCodes: [W1],
    ...overrides,
  });
  const without = (input: Vars, key: string): Vars => Object.fromEntries(Object.entries(input).filter(([k]) => k !== key));

  it("the one-connection snapshot of test/support/matrix.ts is the harness's db.snapshot()", async () => {
    const mine = await snapshot(app.db);
    expect(Object.keys(mine).length).toBeGreaterThan(5);
    expect(mine).toEqual(await app.db.snapshot());
  });

  describe('adminLogin and adminMe', () => {
    it('logs the root admin in with a short-lived access token', async () => {
      const data = await adminClient(app).ok(Ops.adminLogin, { e: ADMIN_EMAIL, p: ADMIN_PASSWORD });
      expect(data.adminLogin.accessToken).toEqual(expect.any(String));
      expect(data.adminLogin.expiresIn).toBeGreaterThan(0);
      expect(data.adminLogin.expiresIn).toBeLessThanOrEqual(3600);
      expect(data.adminLogin.admin).toEqual({ id: expect.any(String), email: ADMIN_EMAIL, role: 'SUPERADMIN', brandCodes: [] });
      const me = await adminClient(app, data.adminLogin.accessToken).ok(Ops.adminMe);
      expect(me.adminMe).toEqual(data.adminLogin.admin);
    });

    it('takes the e-mail address case-insensitively and trimmed', async () => {
      const data = await adminClient(app).ok(Ops.adminLogin, { e: `  ${ADMIN_EMAIL.toUpperCase()} `, p: ADMIN_PASSWORD });
      expect(data.adminLogin.admin.email).toBe(ADMIN_EMAIL);
    });

    it('adminMe of a brand admin shows the role and the brands', async () => {
      const email = `${uniqueCode('me')}@e2e.test`;
      const admin = await brandAdminWithEmail(app, root, email, [brand, otherBrand]);
      const me = await admin.client.ok(Ops.adminMe);
      expect(me.adminMe).toEqual({ id: admin.id, email, role: 'BRAND_ADMIN', brandCodes: [brand, otherBrand].sort() });
    });

    it.each<[string, Record<string, string>]>([
      ['no authorization header', {}],
      ['a garbage bearer', { authorization: 'Bearer not-a-token' }],
      ['an empty bearer', { authorization: 'Bearer ' }],
      ['another scheme', { authorization: `Basic ${Buffer.from(`${ADMIN_EMAIL}:${ADMIN_PASSWORD}`).toString('base64')}` }],
      ['a 5000-character bearer', { authorization: `Bearer ${'x'.repeat(5000)}` }],
      ['an SQL-injection bearer', { authorization: `Bearer ${INJECTION}` }],
    ])('adminMe with %s is UNAUTHENTICATED', async (_name, headers) => {
      await expectRefused(app, adminClient(app).with(headers), Ops.adminMe, {}, bad('UNAUTHENTICATED'));
    });

    it('refuses a tampered or unsigned access token', async () => {
      const data = await adminClient(app).ok(Ops.adminLogin, { e: ADMIN_EMAIL, p: ADMIN_PASSWORD });
      const token: string = data.adminLogin.accessToken;
      const last = token.slice(-2, -1);
      const tampered = `${token.slice(0, -2)}${last === 'A' ? 'B' : 'A'}${token.slice(-1)}`;
      await expectRefused(app, adminClient(app, tampered), Ops.adminMe, {}, bad('UNAUTHENTICATED'));
      const parts = token.split('.');
      if (parts.length === 3) {
        const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
        await expectRefused(app, adminClient(app, `${header}.${parts[1]}.`), Ops.adminMe, {}, bad('UNAUTHENTICATED'));
      }
    });

    it.each<BadCase>([
      ['e-mail of the wrong type', () => ({ e: 1, p: 'x' }), bad('BAD_USER_INPUT')],
      ['a missing password', () => ({ e: ADMIN_EMAIL }), bad('BAD_USER_INPUT')],
    ])('adminLogin with %s is BAD_USER_INPUT', async (_name, vars, refusal) => {
      await expectRefused(app, adminClient(app), Ops.adminLogin, vars(), refusal);
    });

    it('answers INVALID_CREDENTIALS alike for an unknown e-mail address and a wrong password', async () => {
      const unknown = await expectRefused(
        app,
        adminClient(app),
        Ops.adminLogin,
        { e: 'nobody@e2e.test', p: ADMIN_PASSWORD },
        bad('INVALID_CREDENTIALS'),
      );
      const wrong = await expectRefused(
        app,
        adminClient(app),
        Ops.adminLogin,
        { e: ADMIN_EMAIL, p: 'wrong-password-1' },
        bad('INVALID_CREDENTIALS'),
      );
      expect(unknown.errors![0].message).toBe(wrong.errors![0].message);
      expect(unknown.errors![0].extensions).toEqual(wrong.errors![0].extensions);
    });

    it.each<BadCase>([
      ['an SQL-injection e-mail', () => ({ e: "' OR 1=1 --", p: "' OR 1=1 --" }), bad('INVALID_CREDENTIALS')],
      ['a 5000-character password', () => ({ e: ADMIN_EMAIL, p: LONG }), bad('BAD_USER_INPUT', 'password')],
      ['a NUL character in the e-mail', () => ({ e: `root${NUL}@e2e.test`, p: ADMIN_PASSWORD }), bad('BAD_USER_INPUT', 'email')],
    ])('adminLogin with %s is refused without a hint', async (_name, vars, refusal) => {
      await expectRefused(app, adminClient(app), Ops.adminLogin, vars(), refusal);
    });

    it('stores admin passwords as argon2id hashes only', async () => {
      const email = `${uniqueCode('hash')}@e2e.test`;
      const password = `clear-password-${uniqueCode('p')}`;
      await root.ok(Ops.createAdmin, { i: { email, password, role: 'BRAND_ADMIN', brandCodes: [brand] } });
      expect(await tablesContaining(app.db, password)).toEqual([]);
      const [row] = await app.db.query<{ password_hash: string }>(`SELECT password_hash FROM admin_user WHERE email = $1`, [
        email,
      ]);
      expect(row.password_hash).toMatch(/^\$argon2id\$/);
    });
  });

  describe('brands', () => {
    it('createBrand creates a brand that brands lists', async () => {
      const code = uniqueCode('brand');
      const data = await root.ok(Ops.createBrand, { i: { code, name: 'Handug', vatNumber: 'NL123456789B01' } });
      expect(data.createBrand).toEqual({
        id: expect.any(String),
        code,
        name: 'Handug',
        vatNumber: 'NL123456789B01',
        createdAt: expect.any(String),
      });
      const list = await root.ok(Ops.brands);
      expect(list.brands).toContainEqual(data.createBrand);
    });

    it('accepts codes of 2 and 63 characters', async () => {
      for (const code of [`b${process.pid % 10}`, uniqueCode('b63').padEnd(63, 'x')]) {
        const data = await root.ok(Ops.createBrand, { i: { code, name: 'Edge' } });
        expect(data.createBrand.code).toBe(code);
      }
    });

    it('stores an SQL-injection name literally and harmlessly', async () => {
      const code = uniqueCode('brand');
      const data = await root.ok(Ops.createBrand, { i: { code, name: INJECTION } });
      expect(data.createBrand.name).toBe(INJECTION);
      const list = await root.ok(Ops.brands);
      expect(list.brands.find((b: { code: string }) => b.code === code).name).toBe(INJECTION);
      expect(list.brands.map((b: { code: string }) => b.code)).toEqual(expect.arrayContaining([brand, otherBrand]));
    });

    it.each<BadCase>([
      ['a missing code', () => ({ i: { name: 'X' } }), bad('BAD_USER_INPUT')],
      ['a missing name', () => ({ i: { code: uniqueCode('brand') } }), bad('BAD_USER_INPUT')],
      ['a code of the wrong type', () => ({ i: { code: 123, name: 'X' } }), bad('BAD_USER_INPUT')],
      ['a name of the wrong type', () => ({ i: { code: uniqueCode('brand'), name: { x: 1 } } }), bad('BAD_USER_INPUT')],
      ['an empty code', () => ({ i: { code: '', name: 'X' } }), bad('BAD_USER_INPUT', 'code')],
      ['a one-character code', () => ({ i: { code: 'a', name: 'X' } }), bad('BAD_USER_INPUT', 'code')],
      ['a 64-character code', () => ({ i: { code: 'a'.repeat(64), name: 'X' } }), bad('BAD_USER_INPUT', 'code')],
      ['a 5000-character code', () => ({ i: { code: 'a'.repeat(5000), name: 'X' } }), bad('BAD_USER_INPUT', 'code')],
      ['an upper-case code', () => ({ i: { code: 'Handug', name: 'X' } }), bad('BAD_USER_INPUT', 'code')],
      ['a code starting with a dash', () => ({ i: { code: '-handug', name: 'X' } }), bad('BAD_USER_INPUT', 'code')],
      ['a code with a space', () => ({ i: { code: 'han dug', name: 'X' } }), bad('BAD_USER_INPUT', 'code')],
      ['a code with an underscore', () => ({ i: { code: 'han_dug', name: 'X' } }), bad('BAD_USER_INPUT', 'code')],
      ['a non-ASCII code', () => ({ i: { code: 'bränd', name: 'X' } }), bad('BAD_USER_INPUT', 'code')],
      ['an SQL-injection code', () => ({ i: { code: INJECTION, name: 'X' } }), bad('BAD_USER_INPUT', 'code')],
      ['an empty name', () => ({ i: { code: uniqueCode('brand'), name: '' } }), bad('BAD_USER_INPUT', 'name')],
      ['a blank name', () => ({ i: { code: uniqueCode('brand'), name: '   ' } }), bad('BAD_USER_INPUT', 'name')],
      ['a 5000-character name', () => ({ i: { code: uniqueCode('brand'), name: LONG } }), bad('BAD_USER_INPUT', 'name')],
      ['a NUL character in the name', () => ({ i: { code: uniqueCode('brand'), name: NUL } }), bad('BAD_USER_INPUT', 'name')],
      [
        'a VAT number that is no VAT number',
        () => ({ i: { code: uniqueCode('brand'), name: 'X', vatNumber: "'; DROP TABLE brand; --" } }),
        bad('BAD_USER_INPUT', 'vatNumber'),
      ],
      ['a duplicate code', () => ({ i: { code: brand, name: 'Again' } }), bad('BAD_USER_INPUT', 'code')],
    ])('createBrand with %s is refused', async (_name, vars, refusal) => {
      await expectRefused(app, root, Ops.createBrand, vars(), refusal);
    });

    it('createBrand is FORBIDDEN for a brand admin', async () => {
      const admin = await fx.brandAdmin([brand]);
      await expectRefused(app, admin, Ops.createBrand, { i: { code: uniqueCode('brand'), name: 'X' } }, bad('FORBIDDEN'));
    });
  });

  describe('warehouses', () => {
    it('createWarehouse creates a warehouse that warehouses lists', async () => {
      const code = uniqueCode('wh');
      const data = await root.ok(Ops.createWarehouse, { i: { code, name: 'Tilburg DC' } });
      expect(data.createWarehouse).toEqual({ id: expect.any(String), code, name: 'Tilburg DC' });
      expect((await root.ok(Ops.warehouses)).warehouses).toContainEqual(data.createWarehouse);
    });

    it.each<BadCase>([
      ['a missing code', () => ({ i: { name: 'X' } }), bad('BAD_USER_INPUT')],
      ['a code of the wrong type', () => ({ i: { code: true, name: 'X' } }), bad('BAD_USER_INPUT')],
      ['an upper-case code', () => ({ i: { code: 'DC-1', name: 'X' } }), bad('BAD_USER_INPUT', 'code')],
      ['a 64-character code', () => ({ i: { code: 'w'.repeat(64), name: 'X' } }), bad('BAD_USER_INPUT', 'code')],
      [
        'an SQL-injection code',
        () => ({ i: { code: "x'); DROP TABLE warehouse; --", name: 'X' } }),
        bad('BAD_USER_INPUT', 'code'),
      ],
      ['an empty name', () => ({ i: { code: uniqueCode('wh'), name: '' } }), bad('BAD_USER_INPUT', 'name')],
      ['a 5000-character name', () => ({ i: { code: uniqueCode('wh'), name: LONG } }), bad('BAD_USER_INPUT', 'name')],
      ['a blank name', () => ({ i: { code: uniqueCode('wh'), name: ' ' } }), bad('BAD_USER_INPUT', 'name')],
      ['a NUL character in the name', () => ({ i: { code: uniqueCode('wh'), name: NUL } }), bad('BAD_USER_INPUT', 'name')],
      ['a duplicate code', () => ({ i: { code: W1, name: 'Again' } }), bad('BAD_USER_INPUT', 'code')],
    ])('createWarehouse with %s is refused', async (_name, vars, refusal) => {
      await expectRefused(app, root, Ops.createWarehouse, vars(), refusal);
    });

    it('createWarehouse is FORBIDDEN for a brand admin', async () => {
      const admin = await fx.brandAdmin([brand]);
      await expectRefused(app, admin, Ops.createWarehouse, { i: { code: uniqueCode('wh'), name: 'X' } }, bad('FORBIDDEN'));
    });
  });

  describe('storefronts', () => {
    it('createStorefront returns the storefront and a token that the Storefront API resolves', async () => {
      const input = storefrontInput({ warehouseCodes: [W2, W1], locale: 'nl-BE', country: 'BE' });
      const data = await root.ok(Ops.createStorefront, { i: input });
      const { token, storefront } = data.createStorefront;
      expect(storefront).toMatchObject({
        code: input.code,
        name: 'Shop NL',
        brand: { code: brand },
        audience: 'B2C',
        currency: 'EUR',
        country: 'BE',
        locale: 'nl-BE',
        warehouseCodes: [W2, W1], // in the order listed: checkout reserves from the first one first
      });
      expect(token.length).toBeGreaterThanOrEqual(32);
      const sf = await storefrontClient(app, token).ok(Ops.storefront);
      expect(sf.storefront).toEqual({
        code: input.code,
        name: 'Shop NL',
        brand: { code: brand, name: `Brand ${brand}` },
        audience: 'B2C',
        currency: 'EUR',
        country: 'BE',
        locale: 'nl-BE',
        pricesIncludeTax: true,
        stockDisplay: 'STATUS',
        lowStockThreshold: 5,
      });
      const list = await root.ok(Ops.storefronts);
      expect(list.storefronts).toContainEqual(storefront);
      expect(JSON.stringify(list)).not.toContain(token);
    });

    it.each([
      [
        'B2C',
        { pricesIncludeTax: true, stockDisplay: 'STATUS', lowStockThreshold: 5, approvalPolicy: 'AUTOMATIC_WHEN_VERIFIED' },
      ],
      [
        'B2B',
        { pricesIncludeTax: false, stockDisplay: 'EXACT', lowStockThreshold: 5, approvalPolicy: 'AUTOMATIC_WHEN_VERIFIED' },
      ],
    ])('defaults of a %s storefront', async (audience, defaults) => {
      const data = await root.ok(Ops.createStorefront, { i: storefrontInput({ audience }) });
      expect(data.createStorefront.storefront).toMatchObject({ audience, ...defaults });
      const sf = await storefrontClient(app, data.createStorefront.token).ok(Ops.storefront);
      const { approvalPolicy: _a, ...visible } = defaults;
      expect(sf.storefront).toMatchObject({ audience, ...visible });
    });

    it.each([
      ['B2C', { pricesIncludeTax: false, stockDisplay: 'EXACT', lowStockThreshold: 0 }],
      ['B2B', { pricesIncludeTax: true, stockDisplay: 'STATUS', lowStockThreshold: 12, approvalPolicy: 'MANUAL' }],
    ])('a %s storefront keeps explicit settings', async (audience, settings) => {
      const data = await root.ok(Ops.createStorefront, { i: storefrontInput({ audience, ...settings }) });
      expect(data.createStorefront.storefront).toMatchObject({ audience, ...settings });
    });

    it('gives every storefront its own random token', async () => {
      const tokens = new Set<string>();
      for (let i = 0; i < 3; i++)
        tokens.add((await root.ok(Ops.createStorefront, { i: storefrontInput() })).createStorefront.token);
      expect(tokens.size).toBe(3);
    });

    it('createStorefront by a brand admin of the brand', async () => {
      const admin = await fx.brandAdmin([brand]);
      const data = await admin.ok(Ops.createStorefront, { i: storefrontInput() });
      expect(data.createStorefront.storefront.brand.code).toBe(brand);
    });

    it.each<BadCase>([
      ['a missing brandCode', () => ({ i: without(storefrontInput(), 'brandCode') }), bad('BAD_USER_INPUT')],
      ['missing warehouseCodes', () => ({ i: without(storefrontInput(), 'warehouseCodes') }), bad('BAD_USER_INPUT')],
      ['a missing currency', () => ({ i: without(storefrontInput(), 'currency') }), bad('BAD_USER_INPUT')],
      ['an unknown audience', () => ({ i: storefrontInput({ audience: 'B2X' }) }), bad('BAD_USER_INPUT')],
      ['a threshold of the wrong type', () => ({ i: storefrontInput({ lowStockThreshold: 'five' }) }), bad('BAD_USER_INPUT')],
      ['a fractional threshold', () => ({ i: storefrontInput({ lowStockThreshold: 1.5 }) }), bad('BAD_USER_INPUT')],
      ['pricesIncludeTax of the wrong type', () => ({ i: storefrontInput({ pricesIncludeTax: 'yes' }) }), bad('BAD_USER_INPUT')],
      ['an unknown stockDisplay', () => ({ i: storefrontInput({ stockDisplay: 'NONE' }) }), bad('BAD_USER_INPUT')],
      ['an invalid code', () => ({ i: storefrontInput({ code: 'Shop NL' }) }), bad('BAD_USER_INPUT', 'code')],
      ['an SQL-injection code', () => ({ i: storefrontInput({ code: INJECTION }) }), bad('BAD_USER_INPUT', 'code')],
      ['a 5000-character code', () => ({ i: storefrontInput({ code: 's'.repeat(5000) }) }), bad('BAD_USER_INPUT', 'code')],
      ['an empty name', () => ({ i: storefrontInput({ name: '' }) }), bad('BAD_USER_INPUT', 'name')],
      ['a 5000-character name', () => ({ i: storefrontInput({ name: LONG }) }), bad('BAD_USER_INPUT', 'name')],
      ['a blank name', () => ({ i: storefrontInput({ name: '  ' }) }), bad('BAD_USER_INPUT', 'name')],
      ['a NUL character in the name', () => ({ i: storefrontInput({ name: NUL }) }), bad('BAD_USER_INPUT', 'name')],
      ['a lower-case currency', () => ({ i: storefrontInput({ currency: 'eur' }) }), bad('BAD_USER_INPUT', 'currency')],
      ['an unknown currency', () => ({ i: storefrontInput({ currency: 'ABC' }) }), bad('BAD_USER_INPUT', 'currency')],
      ['a 4-letter currency', () => ({ i: storefrontInput({ currency: 'EURO' }) }), bad('BAD_USER_INPUT', 'currency')],
      ['an SQL-injection currency', () => ({ i: storefrontInput({ currency: INJECTION }) }), bad('BAD_USER_INPUT', 'currency')],
      ["the unknown country 'ZZ'", () => ({ i: storefrontInput({ country: 'ZZ' }) }), bad('BAD_USER_INPUT', 'country')],
      ['a lower-case country', () => ({ i: storefrontInput({ country: 'nl' }) }), bad('BAD_USER_INPUT', 'country')],
      ['an alpha-3 country', () => ({ i: storefrontInput({ country: 'NLD' }) }), bad('BAD_USER_INPUT', 'country')],
      ["the locale 'nl_NL'", () => ({ i: storefrontInput({ locale: 'nl_NL' }) }), bad('BAD_USER_INPUT', 'locale')],
      ["the locale 'english'", () => ({ i: storefrontInput({ locale: 'english' }) }), bad('BAD_USER_INPUT', 'locale')],
      ['an empty locale', () => ({ i: storefrontInput({ locale: '' }) }), bad('BAD_USER_INPUT', 'locale')],
      ['a locale of an unknown region', () => ({ i: storefrontInput({ locale: 'nl-ZZ' }) }), bad('BAD_USER_INPUT', 'locale')],
      ['a 5000-character locale', () => ({ i: storefrontInput({ locale: LONG }) }), bad('BAD_USER_INPUT', 'locale')],
      [
        'a negative threshold',
        () => ({ i: storefrontInput({ lowStockThreshold: -1 }) }),
        bad('BAD_USER_INPUT', 'lowStockThreshold'),
      ],
      [
        'an unknown warehouse',
        () => ({ i: storefrontInput({ warehouseCodes: ['no-such-warehouse'] }) }),
        bad('BAD_USER_INPUT', 'warehouseCodes'),
      ],
      [
        'a known and an unknown warehouse',
        () => ({ i: storefrontInput({ warehouseCodes: [W1, 'no-such-warehouse'] }) }),
        bad('BAD_USER_INPUT', 'warehouseCodes'),
      ],
      [
        'an SQL-injection warehouse code',
        () => ({ i: storefrontInput({ warehouseCodes: ["x'); DROP TABLE warehouse; --"] }) }),
        bad('BAD_USER_INPUT', 'warehouseCodes'),
      ],
      [
        'an approval policy on a B2C storefront',
        () => ({ i: storefrontInput({ audience: 'B2C', approvalPolicy: 'MANUAL' }) }),
        bad('BAD_USER_INPUT', 'approvalPolicy'),
      ],
      ['an unknown brand', () => ({ i: storefrontInput({ brandCode: 'no-such-brand' }) }), bad('NOT_FOUND')],
    ])('createStorefront with %s is refused', async (_name, vars, refusal) => {
      await expectRefused(app, root, Ops.createStorefront, vars(), refusal);
    });

    it('createStorefront with a duplicate code is BAD_USER_INPUT on code', async () => {
      const existing = await fx.storefront({ brandCode: brand, audience: 'B2C', warehouseCodes: [W1] });
      await expectRefused(
        app,
        root,
        Ops.createStorefront,
        { i: storefrontInput({ code: existing.code, brandCode: otherBrand }) },
        bad('BAD_USER_INPUT', 'code'),
      );
      await expectRefused(
        app,
        root,
        Ops.createStorefront,
        { i: storefrontInput({ code: existing.code }) },
        bad('BAD_USER_INPUT', 'code'),
      );
    });
  });

  describe('updateStorefront', () => {
    it('changes the settings, and the Storefront API shows them at once', async () => {
      const sf = await fx.storefront({ brandCode: brand, audience: 'B2B', warehouseCodes: [W1] });
      expect((await sf.client.ok(Ops.storefront)).storefront).toMatchObject({ pricesIncludeTax: false, stockDisplay: 'EXACT' });
      const input = {
        name: 'Renamed',
        pricesIncludeTax: true,
        stockDisplay: 'STATUS',
        lowStockThreshold: 0,
        approvalPolicy: 'MANUAL',
        warehouseCodes: [W2],
      };
      const data = await root.ok(Ops.updateStorefront, { code: sf.code, i: input });
      expect(data.updateStorefront).toMatchObject({ code: sf.code, audience: 'B2B', ...input });
      expect((await root.ok(Ops.storefronts)).storefronts).toContainEqual(data.updateStorefront);
      expect((await sf.client.ok(Ops.storefront)).storefront).toMatchObject({
        name: 'Renamed',
        pricesIncludeTax: true,
        stockDisplay: 'STATUS',
        lowStockThreshold: 0,
      });
    });

    it('leaves fields that are not given as they were', async () => {
      const sf = await fx.storefront({ brandCode: brand, audience: 'B2C', warehouseCodes: [W1, W2], lowStockThreshold: 7 });
      const data = await root.ok(Ops.updateStorefront, { code: sf.code, i: { name: 'Only the name' } });
      expect(data.updateStorefront).toMatchObject({
        name: 'Only the name',
        lowStockThreshold: 7,
        pricesIncludeTax: true,
        stockDisplay: 'STATUS',
        warehouseCodes: [W1, W2], // in the order listed
      });
    });

    describe('bad input', () => {
      let target: string;
      beforeAll(async () => {
        target = (await fx.storefront({ brandCode: brand, audience: 'B2C', warehouseCodes: [W1] })).code;
      });

      it.each<BadCase>([
        ['a missing input', () => ({ code: target }), bad('BAD_USER_INPUT')],
        ['a threshold of the wrong type', () => ({ code: target, i: { lowStockThreshold: 'x' } }), bad('BAD_USER_INPUT')],
        ['an unknown stockDisplay', () => ({ code: target, i: { stockDisplay: 'NONE' } }), bad('BAD_USER_INPUT')],
        [
          'a negative threshold',
          () => ({ code: target, i: { lowStockThreshold: -1 } }),
          bad('BAD_USER_INPUT', 'lowStockThreshold'),
        ],
        [
          'a valid name and a negative threshold',
          () => ({ code: target, i: { name: 'Half', lowStockThreshold: -5 } }),
          bad('BAD_USER_INPUT', 'lowStockThreshold'),
        ],
        ['an empty name', () => ({ code: target, i: { name: '' } }), bad('BAD_USER_INPUT', 'name')],
        ['a 5000-character name', () => ({ code: target, i: { name: LONG } }), bad('BAD_USER_INPUT', 'name')],
        ['a blank name', () => ({ code: target, i: { name: '   ' } }), bad('BAD_USER_INPUT', 'name')],
        ['a NUL character in the name', () => ({ code: target, i: { name: NUL } }), bad('BAD_USER_INPUT', 'name')],
        [
          'an unknown warehouse',
          () => ({ code: target, i: { warehouseCodes: ['no-such-warehouse'] } }),
          bad('BAD_USER_INPUT', 'warehouseCodes'),
        ],
        [
          'a known and an unknown warehouse',
          () => ({ code: target, i: { name: 'Half', warehouseCodes: [W2, 'no-such-warehouse'] } }),
          bad('BAD_USER_INPUT', 'warehouseCodes'),
        ],
        [
          'an approval policy on a B2C storefront',
          () => ({ code: target, i: { approvalPolicy: 'MANUAL' } }),
          bad('BAD_USER_INPUT', 'approvalPolicy'),
        ],
        ['an unknown storefront code', () => ({ code: 'no-such-storefront', i: { name: 'X' } }), bad('NOT_FOUND')],
        ['an SQL-injection storefront code', () => ({ code: INJECTION, i: { name: 'X' } }), bad('NOT_FOUND')],
        ['a 5000-character storefront code', () => ({ code: 's'.repeat(5000), i: { name: 'X' } }), bad('NOT_FOUND')],
        ['a NUL character in the storefront code', () => ({ code: NUL, i: { name: 'X' } }), bad('BAD_USER_INPUT', 'code')],
      ])('updateStorefront with %s is refused', async (_name, vars, refusal) => {
        await expectRefused(app, root, Ops.updateStorefront, vars(), refusal);
      });
    });
  });

  describe('rotateStorefrontToken', () => {
    it('the old token gets UNKNOWN_STOREFRONT on the very next request; the new one works', async () => {
      const sf = await fx.storefront({ brandCode: brand, audience: 'B2C', warehouseCodes: [W1] });
      const old = storefrontClient(app, sf.token);
      expect((await old.ok(Ops.storefront)).storefront.code).toBe(sf.code); // resolved (and cached) before the rotation
      const before = (await root.ok(Ops.storefronts)).storefronts.find((s: { code: string }) => s.code === sf.code);

      const first = (await root.ok(Ops.rotateStorefrontToken, { code: sf.code })).rotateStorefrontToken;
      expect(await old.code(Ops.storefront)).toBe('UNKNOWN_STOREFRONT');
      expect(first.token).not.toBe(sf.token);
      expect(first.storefront).toMatchObject({ code: sf.code, brand: { code: brand } });
      expect(new Date(first.storefront.tokenRotatedAt).getTime()).toBeGreaterThan(new Date(before.tokenRotatedAt).getTime());
      expect((await storefrontClient(app, first.token).ok(Ops.storefront)).storefront.code).toBe(sf.code);

      const second = (await root.ok(Ops.rotateStorefrontToken, { code: sf.code })).rotateStorefrontToken;
      expect(await storefrontClient(app, first.token).code(Ops.storefront)).toBe('UNKNOWN_STOREFRONT');
      expect(await old.code(Ops.storefront)).toBe('UNKNOWN_STOREFRONT');
      expect((await storefrontClient(app, second.token).ok(Ops.storefront)).storefront.code).toBe(sf.code);
    });

    it('a brand admin rotates a storefront of their brand', async () => {
      const sf = await fx.storefront({ brandCode: brand, audience: 'B2B', warehouseCodes: [W1] });
      const admin = await fx.brandAdmin([brand]);
      const rotated = (await admin.ok(Ops.rotateStorefrontToken, { code: sf.code })).rotateStorefrontToken;
      expect(await sf.client.code(Ops.storefront)).toBe('UNKNOWN_STOREFRONT');
      expect((await storefrontClient(app, rotated.token).ok(Ops.storefront)).storefront.code).toBe(sf.code);
    });

    it.each<BadCase>([
      ['a missing code', () => ({}), bad('BAD_USER_INPUT')],
      ['a code of the wrong type', () => ({ code: 42 }), bad('BAD_USER_INPUT')],
      ['an unknown code', () => ({ code: 'no-such-storefront' }), bad('NOT_FOUND')],
      ['an SQL-injection code', () => ({ code: INJECTION }), bad('NOT_FOUND')],
      ['a 5000-character code', () => ({ code: 's'.repeat(5000) }), bad('NOT_FOUND')],
      ['a NUL character in the code', () => ({ code: NUL }), bad('BAD_USER_INPUT', 'code')],
    ])('rotateStorefrontToken with %s is refused', async (_name, vars, refusal) => {
      await expectRefused(app, root, Ops.rotateStorefrontToken, vars(), refusal);
    });
  });

  describe('storefront tokens on the Storefront API', () => {
    it.each<[string, string, Record<string, string>]>([
      ['no x-storefront-token', 'STOREFRONT_TOKEN_REQUIRED', {}],
      ['an empty x-storefront-token', 'STOREFRONT_TOKEN_REQUIRED', { 'x-storefront-token': '' }],
      ['an unknown token', 'UNKNOWN_STOREFRONT', { 'x-storefront-token': 'sft_unknown' }],
      ['an SQL-injection token', 'UNKNOWN_STOREFRONT', { 'x-storefront-token': INJECTION }],
    ])('%s: %s', async (_name, code, headers) => {
      const client = storefrontClient(app).with(headers);
      await expectRefused(app, client, Ops.storefront, {}, bad(code));
    });
  });

  describe('secrets are shown once and stored only as hashes', () => {
    it('no table holds a storefront token, neither after creation nor after rotation', async () => {
      const sf = await fx.storefront({ brandCode: brand, audience: 'B2C', warehouseCodes: [W1] });
      expect(await tablesContaining(app.db, sf.code)).toContain('storefront'); // the probe finds what is there
      const random = sf.token.replace(/^[a-z]+_/, '');
      expect(await tablesContaining(app.db, sf.token)).toEqual([]);
      expect(await tablesContaining(app.db, random)).toEqual([]);
      const rotated = (await root.ok(Ops.rotateStorefrontToken, { code: sf.code })).rotateStorefrontToken.token;
      expect(await tablesContaining(app.db, rotated)).toEqual([]);
      expect(await tablesContaining(app.db, rotated.replace(/^[a-z]+_/, ''))).toEqual([]);
      expect(JSON.stringify(await root.ok(Ops.storefronts))).not.toContain(rotated);
    });

    it('no table holds an API key secret; apiKeys shows only its prefix', async () => {
      const data = await root.ok(Ops.createApiKey, { i: { name: 'hash probe', scopes: ['CUSTOMERS_READ'] } });
      const { secret, apiKey } = data.createApiKey;
      expect(secret.length).toBeGreaterThanOrEqual(32);
      expect(secret.startsWith(apiKey.prefix)).toBe(true);
      expect(apiKey.prefix.length).toBeLessThanOrEqual(secret.length / 2);
      expect(await tablesContaining(app.db, secret)).toEqual([]);
      expect(await tablesContaining(app.db, secret.slice(apiKey.prefix.length))).toEqual([]);
      const list = await root.ok(Ops.apiKeys);
      expect(list.apiKeys.find((k: { id: string }) => k.id === apiKey.id)).toEqual(apiKey);
      expect(JSON.stringify(list)).not.toContain(secret);
    });
  });

  describe('admins', () => {
    it('createAdmin creates a brand admin who can log in and who admins lists', async () => {
      const email = `${uniqueCode('ba')}@e2e.test`;
      const data = await root.ok(Ops.createAdmin, {
        i: { email: email.toUpperCase(), password: 'brand-admin-password-1', role: 'BRAND_ADMIN', brandCodes: [brand] },
      });
      expect(data.createAdmin).toEqual({ id: expect.any(String), email, role: 'BRAND_ADMIN', brandCodes: [brand] });
      const login = await adminClient(app).ok(Ops.adminLogin, { e: email, p: 'brand-admin-password-1' });
      expect(login.adminLogin.admin).toEqual(data.createAdmin);
      expect((await root.ok(Ops.admins)).admins).toContainEqual(data.createAdmin);
    });

    it('createAdmin creates a SUPERADMIN who may create brands', async () => {
      const email = `${uniqueCode('sa')}@e2e.test`;
      const data = await root.ok(Ops.createAdmin, { i: { email, password: 'super-admin-password-1', role: 'SUPERADMIN' } });
      expect(data.createAdmin).toEqual({ id: expect.any(String), email, role: 'SUPERADMIN', brandCodes: [] });
      const client = await adminLogin(app, email, 'super-admin-password-1');
      await client.ok(Ops.createBrand, { i: { code: uniqueCode('brand'), name: 'By the second super admin' } });
    });

    const adminInput = (overrides: Vars = {}): Vars => ({
      email: `${uniqueCode('new')}@e2e.test`,
      password: 'a-good-password-1',
      role: 'BRAND_ADMIN',
      brandCodes: [brand],
      ...overrides,
    });

    it.each<BadCase>([
      ['a missing e-mail', () => ({ i: without(adminInput(), 'email') }), bad('BAD_USER_INPUT')],
      ['a password of the wrong type', () => ({ i: adminInput({ password: 12345678901 }) }), bad('BAD_USER_INPUT')],
      ['an unknown role', () => ({ i: adminInput({ role: 'ROOT' }) }), bad('BAD_USER_INPUT')],
      ['an invalid e-mail', () => ({ i: adminInput({ email: 'not-an-email' }) }), bad('BAD_USER_INPUT', 'email')],
      [
        'a 5000-character e-mail',
        () => ({ i: adminInput({ email: `${'e'.repeat(5000)}@e2e.test` }) }),
        bad('BAD_USER_INPUT', 'email'),
      ],
      [
        'an SQL-injection e-mail',
        () => ({ i: adminInput({ email: "x'); DROP TABLE admin_user; --" }) }),
        bad('BAD_USER_INPUT', 'email'),
      ],
      ['a short password', () => ({ i: adminInput({ password: 'short' }) }), bad('BAD_USER_INPUT', 'password')],
      ['a 5000-character password', () => ({ i: adminInput({ password: LONG }) }), bad('BAD_USER_INPUT', 'password')],
      ['a brand admin without brands', () => ({ i: without(adminInput(), 'brandCodes') }), bad('BAD_USER_INPUT', 'brandCodes')],
      [
        'a brand admin with an empty brand list',
        () => ({ i: adminInput({ brandCodes: [] }) }),
        bad('BAD_USER_INPUT', 'brandCodes'),
      ],
      ['an invalid brand code', () => ({ i: adminInput({ brandCodes: ['Bad Code'] }) }), bad('BAD_USER_INPUT', 'brandCodes')],
      ['an unknown brand', () => ({ i: adminInput({ brandCodes: [brand, 'no-such-brand'] }) }), bad('NOT_FOUND')],
      ['a super admin with brands', () => ({ i: adminInput({ role: 'SUPERADMIN' }) }), bad('BAD_USER_INPUT', 'brandCodes')],
      ['a duplicate e-mail', () => ({ i: adminInput({ email: ADMIN_EMAIL }) }), bad('BAD_USER_INPUT', 'email')],
      [
        'a duplicate e-mail in upper case',
        () => ({ i: adminInput({ email: ADMIN_EMAIL.toUpperCase() }) }),
        bad('BAD_USER_INPUT', 'email'),
      ],
    ])('createAdmin with %s is refused', async (_name, vars, refusal) => {
      await expectRefused(app, root, Ops.createAdmin, vars(), refusal);
    });

    it('createAdmin is FORBIDDEN for a brand admin, even for their own brand', async () => {
      const admin = await fx.brandAdmin([brand]);
      await expectRefused(app, admin, Ops.createAdmin, { i: adminInput() }, bad('FORBIDDEN'));
      await expectRefused(
        app,
        admin,
        Ops.createAdmin,
        { i: adminInput({ role: 'SUPERADMIN', brandCodes: null }) },
        bad('FORBIDDEN'),
      );
    });
  });

  describe('API keys', () => {
    it.each([
      ['INVENTORY_WRITE', () => [W1]],
      ['CATALOG_WRITE', () => undefined],
      ['CUSTOMERS_READ', () => undefined],
    ])('createApiKey with the scope %s', async (scope, warehouses) => {
      const warehouseCodes = warehouses();
      const data = await root.ok(Ops.createApiKey, { i: { name: `key ${scope}`, scopes: [scope], warehouseCodes } });
      expect(data.createApiKey.apiKey).toMatchObject({
        id: expect.any(String),
        name: `key ${scope}`,
        scopes: [scope],
        warehouseCodes: warehouseCodes ?? [],
        revokedAt: null,
      });
      expect((await root.ok(Ops.apiKeys)).apiKeys).toContainEqual(data.createApiKey.apiKey);
    });

    it('a key with several scopes and warehouses', async () => {
      const data = await root.ok(Ops.createApiKey, {
        i: { name: 'erp', scopes: ['INVENTORY_WRITE', 'CATALOG_WRITE'], warehouseCodes: [W1, W2], brandCodes: [brand] },
      });
      expect(data.createApiKey.apiKey).toMatchObject({
        scopes: expect.arrayContaining(['INVENTORY_WRITE', 'CATALOG_WRITE']),
        warehouseCodes: [W1, W2].sort(),
        brandCodes: [brand],
      });
    });

    it('a key authenticates on the Admin API only, and stops at once when revoked', async () => {
      const key = await apiKeyNamed(app, root, 'revocable', ['CATALOG_WRITE']);
      // Authenticated (FORBIDDEN: no scope covers this operation), not UNAUTHENTICATED.
      await expectRefused(app, key.client, Ops.brands, {}, bad('FORBIDDEN'));
      // The Storefront API wants a storefront token; a key is none.
      await expectRefused(
        app,
        storefrontClient(app).with({ authorization: `Bearer ${key.secret}` }),
        Ops.storefront,
        {},
        bad('STOREFRONT_TOKEN_REQUIRED'),
      );
      await expectRefused(app, storefrontClient(app, key.secret), Ops.storefront, {}, bad('UNKNOWN_STOREFRONT'));

      expect(await root.ok(Ops.revokeApiKey, { id: key.id })).toEqual({ revokeApiKey: true });
      await expectRefused(app, key.client, Ops.brands, {}, bad('UNAUTHENTICATED'));
      await expectRefused(
        app,
        key.client,
        Ops.createBrand,
        { i: { code: uniqueCode('brand'), name: 'X' } },
        bad('UNAUTHENTICATED'),
      );
      const listed = (await root.ok(Ops.apiKeys)).apiKeys.find((k: { id: string }) => k.id === key.id);
      expect(listed.revokedAt).toEqual(expect.any(String));
    });

    it('a brand admin creates and revokes keys of their brand', async () => {
      const admin = await fx.brandAdmin([brand]);
      const data = await admin.ok(Ops.createApiKey, { i: { name: 'brand key', scopes: ['CATALOG_WRITE'], brandCodes: [brand] } });
      expect(data.createApiKey.apiKey.brandCodes).toEqual([brand]);
      expect((await admin.ok(Ops.apiKeys)).apiKeys.map((k: { id: string }) => k.id)).toContain(data.createApiKey.apiKey.id);
      expect(await admin.ok(Ops.revokeApiKey, { id: data.createApiKey.apiKey.id })).toEqual({ revokeApiKey: true });
      await expectRefused(app, adminClient(app, data.createApiKey.secret), Ops.brands, {}, bad('UNAUTHENTICATED'));
    });

    it('a brand admin must name their brands for a key', async () => {
      const admin = await fx.brandAdmin([brand]);
      await expectRefused(
        app,
        admin,
        Ops.createApiKey,
        { i: { name: 'every brand?', scopes: ['CATALOG_WRITE'] } },
        bad('BAD_USER_INPUT', 'brandCodes'),
      );
    });

    const keyInput = (overrides: Vars = {}): Vars => ({ name: 'k', scopes: ['CATALOG_WRITE'], ...overrides });

    it.each<BadCase>([
      ['a missing name', () => ({ i: without(keyInput(), 'name') }), bad('BAD_USER_INPUT')],
      ['missing scopes', () => ({ i: without(keyInput(), 'scopes') }), bad('BAD_USER_INPUT')],
      ['an unknown scope', () => ({ i: keyInput({ scopes: ['ROOT'] }) }), bad('BAD_USER_INPUT')],
      ['a name of the wrong type', () => ({ i: keyInput({ name: 7 }) }), bad('BAD_USER_INPUT')],
      ['an empty name', () => ({ i: keyInput({ name: '' }) }), bad('BAD_USER_INPUT', 'name')],
      ['a 5000-character name', () => ({ i: keyInput({ name: LONG }) }), bad('BAD_USER_INPUT', 'name')],
      ['a blank name', () => ({ i: keyInput({ name: ' ' }) }), bad('BAD_USER_INPUT', 'name')],
      ['a NUL character in the name', () => ({ i: keyInput({ name: NUL }) }), bad('BAD_USER_INPUT', 'name')],
      ['no scopes', () => ({ i: keyInput({ scopes: [] }) }), bad('BAD_USER_INPUT', 'scopes')],
      [
        'INVENTORY_WRITE without warehouses',
        () => ({ i: keyInput({ scopes: ['INVENTORY_WRITE'] }) }),
        bad('BAD_USER_INPUT', 'warehouseCodes'),
      ],
      [
        'INVENTORY_WRITE with an unknown warehouse',
        () => ({ i: keyInput({ scopes: ['INVENTORY_WRITE'], warehouseCodes: [W1, 'no-such-warehouse'] }) }),
        bad('BAD_USER_INPUT', 'warehouseCodes'),
      ],
      [
        'INVENTORY_WRITE with an SQL-injection warehouse',
        () => ({ i: keyInput({ scopes: ['INVENTORY_WRITE'], warehouseCodes: ["x'); DROP TABLE api_key; --"] }) }),
        bad('BAD_USER_INPUT', 'warehouseCodes'),
      ],
      ['an unknown brand', () => ({ i: keyInput({ brandCodes: ['no-such-brand'] }) }), bad('NOT_FOUND')],
    ])('createApiKey with %s is refused', async (_name, vars, refusal) => {
      await expectRefused(app, root, Ops.createApiKey, vars(), refusal);
    });

    it.each<BadCase>([
      ['a missing id', () => ({}), bad('BAD_USER_INPUT')],
      ['an unknown id', () => ({ id: '01936f3e-0000-7000-8000-000000000000' }), bad('NOT_FOUND')],
      ['an id that is no UUID', () => ({ id: 'not-a-uuid' }), bad('NOT_FOUND')],
      ['an SQL-injection id', () => ({ id: "1' OR '1'='1" }), bad('NOT_FOUND')],
      ['a 5000-character id', () => ({ id: 'i'.repeat(5000) }), bad('NOT_FOUND')],
      ['a NUL character in the id', () => ({ id: NUL }), bad('BAD_USER_INPUT', 'id')],
    ])('revokeApiKey with %s is refused', async (_name, vars, refusal) => {
      await expectRefused(app, root, Ops.revokeApiKey, vars(), refusal);
    });
  });

  // Last: these failures count towards the per-address limit of the whole file.
  describe('adminLogin throttling', () => {
    it('TOO_MANY_ATTEMPTS after 5 failures on an account, even with the right password; others can still log in', async () => {
      const email = `${uniqueCode('throttled')}@e2e.test`;
      const password = 'throttled-password-1';
      await root.ok(Ops.createAdmin, { i: { email, password, role: 'BRAND_ADMIN', brandCodes: [brand] } });
      for (let i = 0; i < 5; i++) {
        await expectRefused(app, adminClient(app), Ops.adminLogin, { e: email, p: `wrong-${i}` }, bad('INVALID_CREDENTIALS'));
      }
      await expectRefused(app, adminClient(app), Ops.adminLogin, { e: email, p: password }, bad('TOO_MANY_ATTEMPTS'));
      await expectRefused(
        app,
        adminClient(app),
        Ops.adminLogin,
        { e: email.toUpperCase(), p: password },
        bad('TOO_MANY_ATTEMPTS'),
      );
      await adminLogin(app); // another account is not locked out
    });

    it('throttles an unknown e-mail address alike (no enumeration)', async () => {
      const email = `${uniqueCode('ghost')}@e2e.test`;
      for (let i = 0; i < 5; i++) {
        await expectRefused(app, adminClient(app), Ops.adminLogin, { e: email, p: `wrong-${i}` }, bad('INVALID_CREDENTIALS'));
      }
      await expectRefused(app, adminClient(app), Ops.adminLogin, { e: email, p: 'wrong-5' }, bad('TOO_MANY_ATTEMPTS'));
    });
  });
});
