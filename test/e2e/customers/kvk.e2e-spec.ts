/**
 * KvK check of Dutch B2B registrations (CONTRACT §3 "B2B registration", §7 KVK_API_URL / KVK_API_KEY):
 * with a KvK API configured, the company's KvK number must exist there (KVK_NUMBER_NOT_FOUND otherwise,
 * nothing stored); KvK trouble never blocks a registration (the number is accepted on its format).
 * The KvK API is a local fake speaking API Zoeken v2 (test/support/fake-kvk.server.ts).
 */
import { TestApp } from '../../support/app';
import { b2bInput, login, REGISTER, register } from '../../support/customer-fixtures';
import { FakeKvk } from '../../support/fake-kvk.server';
import { FakeVies } from '../../support/fake-vies.server';
import { Fixtures, type StorefrontFixture } from '../../support/fixtures';
import { expectRefused } from '../../support/matrix';

const API_KEY = 'test-key';

describe('KvK check of Dutch companies (KVK_API_URL + KVK_API_KEY)', () => {
  let app: TestApp;
  let vies: FakeVies;
  let kvk: FakeKvk;
  let b2b: StorefrontFixture;

  beforeAll(async () => {
    vies = await FakeVies.start();
    kvk = await FakeKvk.start(API_KEY);
    // KvK's test-environment numbers (developers.kvk.nl/documentation/testing), libs/identifiers/src/testing/vat-kvk-vectors.json kvk_valid.
    kvk.register('68750110', { naam: 'Test BV Donald' });
    kvk.register('69599084', { naam: 'Test EMZ Dagobert' });
    kvk.register('68727720', { naam: 'Test NV Katrien' });
    app = await TestApp.start({
      env: { VIES_URL: vies.url, VIES_TIMEOUT_MS: '800', KVK_API_URL: `${kvk.url}/test`, KVK_API_KEY: API_KEY },
    });
    const fx = await Fixtures.create(app);
    const brand = await fx.brand(undefined, 'NL000099998B57');
    const wh = await fx.warehouse();
    b2b = await fx.storefront({ brandCode: brand, audience: 'B2B', warehouseCodes: [wh] });
  });
  afterAll(async () => {
    await app?.close();
    await Promise.all([vies?.stop(), kvk?.stop()]);
  });

  it('registers a Dutch company whose KvK number the KvK API knows, after asking KvK with the apikey header', async () => {
    const c = await register(b2b.client, b2bInput('NL004495445B01', {}, { kvkNumber: ' 68.75.01.10 ' }));
    expect(c).toMatchObject({
      status: 'ACTIVE',
      company: { kvkNumber: '68750110', vatNumber: 'NL004495445B01', role: 'ADMIN', vatVerification: { status: 'VALID' } },
    });
    const asked = kvk.requestsFor('68750110');
    expect(asked.length).toBeGreaterThanOrEqual(1);
    for (const r of asked) {
      expect(r).toMatchObject({ method: 'GET', path: '/test/api/v2/zoeken', apikey: API_KEY });
    }
    await login(b2b.client, c.email);
  });

  it('refuses a KvK number the KvK API does not know: KVK_NUMBER_NOT_FOUND on company.kvkNumber, nothing stored', async () => {
    const before = kvk.requests.length;
    // '01234567' has the right format (8 digits, leading zero kept): only the register can refuse it.
    const res = await expectRefused(
      app,
      b2b.client,
      REGISTER,
      { i: b2bInput('NL123456782B01', {}, { kvkNumber: '01234567' }) },
      { code: 'KVK_NUMBER_NOT_FOUND', path: 'company.kvkNumber' },
    );
    expect(res.errors?.[0].extensions?.fieldErrors).toEqual([{ path: 'company.kvkNumber', message: expect.any(String) }]);
    const asked = kvk.requests.slice(before);
    expect(asked).toEqual([
      expect.objectContaining({ apikey: API_KEY, query: expect.objectContaining({ kvkNummer: '01234567' }) }),
    ]);
    // The same company registers once it gives a number the register has.
    const ok = await register(b2b.client, b2bInput('NL123456782B01', {}, { kvkNumber: '69599084' }));
    expect(ok.company).toMatchObject({ kvkNumber: '69599084', vatNumber: 'NL123456782B01' });
  });

  it.each([
    ['500', 500 as const],
    ['503', 503 as const],
  ])('a KvK API that answers %s does not block the registration (accepted on format)', async (_name, status) => {
    const vat = status === 500 ? 'NL123456789B13' : 'NL987654321B94';
    kvk.failing = status;
    try {
      const before = kvk.requests.length;
      // A number the register does not have: KvK is down, so only the format counts.
      const c = await register(b2b.client, b2bInput(vat, {}, { kvkNumber: '90003942' }));
      expect(c).toMatchObject({ status: 'ACTIVE', company: { kvkNumber: '90003942', vatNumber: vat } });
      expect(kvk.requests.length).toBeGreaterThan(before); // it did ask
    } finally {
      kvk.failing = false;
    }
  });

  it('does not ask KvK for a company outside the Netherlands', async () => {
    const before = kvk.requests.length;
    const c = await register(
      b2b.client,
      b2bInput(
        'BE0411905847',
        {},
        {
          country: 'BE',
          kvkNumber: null,
          address: { street: 'Rue Neuve', houseNumber: '5', postalCode: '1000', city: 'Brussel', country: 'BE' },
        },
      ),
    );
    expect(c.status).toBe('ACTIVE');
    expect(kvk.requests.length).toBe(before);
  });

  it('sent the apikey header on every request, and the fake refuses a request without it (401, KvK error body)', async () => {
    expect(kvk.requests.length).toBeGreaterThan(0);
    expect(kvk.requests.filter((r) => r.apikey !== API_KEY)).toEqual([]);
    const res = await fetch(`${kvk.url}/test/api/v2/zoeken?kvkNummer=68750110`);
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ fout: [{ code: expect.any(String), omschrijving: expect.any(String) }] });
    kvk.requests.pop(); // the probe above is not the app's
  });
});
