import { TestApp } from '../../support/app';
import { storefrontClient } from '../../support/clients';
import { b2bInput, b2cInput, LOGIN, login, ME, PASSWORD, register, REGISTER } from '../../support/customer-fixtures';
import { FakeVies } from '../../support/fake-vies.server';
import { Fixtures, type StorefrontFixture } from '../../support/fixtures';
import { ADD as ADD_TO_CART, BE_ADDRESS, CREATE_CART, DETAILS, NL_ADDRESS, openShop, PLACE } from '../../support/order-fixtures';

const ADDRESS_FIELDS =
  'id fullName street houseNumber houseNumberAddition postalCode city country defaultShipping defaultBilling';
const ADD = `mutation($i: AddressInput!) { addMyAddress(input: $i) { ${ADDRESS_FIELDS} } }`;
const UPDATE_ADDRESS = `mutation($id: ID!, $i: AddressInput!) { updateMyAddress(id: $id, input: $i) { ${ADDRESS_FIELDS} } }`;
const REMOVE_ADDRESS = `mutation($id: ID!) { removeMyAddress(id: $id) }`;
const PROFILE = `mutation($i: UpdateProfileInput!) { updateMyProfile(input: $i) { firstName lastName phone } }`;
const ME_FULL = `{ me { id email firstName lastName phone addresses { ${ADDRESS_FIELDS} } consents { purpose granted textVersion updatedAt } company { name vatNumber role } } }`;
const home = {
  street: 'Kerkstraat',
  houseNumber: '12',
  houseNumberAddition: 'a',
  postalCode: '1017gc',
  city: 'Amsterdam',
  country: 'NL',
};

async function newCustomer(app: TestApp, sf: StorefrontFixture, overrides: Record<string, unknown> = {}) {
  const input = b2cInput(overrides);
  const c = await register(sf.client, input);
  const s = await login(sf.client, c.email);
  return { ...c, password: PASSWORD, session: s, client: storefrontClient(app, sf.token, s.accessToken) };
}

describe('My account and GDPR', () => {
  let app: TestApp;
  let vies: FakeVies;
  let fx: Fixtures;
  let sf: StorefrontFixture;
  let b2b: StorefrontFixture;
  let otherBrand: StorefrontFixture;

  beforeAll(async () => {
    vies = await FakeVies.start();
    app = await TestApp.start({
      env: { VIES_URL: vies.url, VIES_TIMEOUT_MS: '800', JOB_POLL_MS: '100', VIES_RETRY_BASE_MS: '300' },
    });
    fx = await Fixtures.create(app);
    const brand = await fx.brand(undefined, 'NL000099998B57');
    const brandB = await fx.brand();
    const wh = await fx.warehouse();
    sf = await fx.storefront({ brandCode: brand, audience: 'B2C', warehouseCodes: [wh] });
    b2b = await fx.storefront({ brandCode: brand, audience: 'B2B', warehouseCodes: [wh] });
    otherBrand = await fx.storefront({ brandCode: brandB, audience: 'B2C', warehouseCodes: [wh] });
  });
  afterAll(async () => {
    await app?.close();
    await vies?.stop();
  });

  it('updates the profile with normalised data and emits customer.updated', async () => {
    const me = await newCustomer(app, sf);
    const res = await me.client.ok(PROFILE, { i: { firstName: '  Piet ', phone: '020 123 4567' } });
    expect(res.updateMyProfile).toEqual({ firstName: 'Piet', lastName: 'Jansen', phone: '+31201234567' });
    expect((await me.client.ok(PROFILE, { i: { phone: '' } })).updateMyProfile.phone).toBeNull();
    const events = await app.db.query(`SELECT type FROM outbox_event WHERE aggregate_id = $1 ORDER BY position`, [me.id]);
    expect(events.map((e: any) => e.type)).toEqual(['customer.registered', 'customer.updated', 'customer.updated']);
  });

  it.each([
    ['invalid phone', { phone: '123' }, 'phone'],
    ['too long name', { firstName: 'x'.repeat(101) }, 'firstName'],
    ['blank name', { lastName: '  ' }, 'lastName'],
  ])('refuses a profile with %s and changes nothing', async (_n, input, path) => {
    const me = await newCustomer(app, sf);
    const before = await app.db.snapshot();
    const res = await me.client.raw(PROFILE, { i: input });
    expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0].extensions?.fieldErrors?.map((f: { path: string }) => f.path)).toContain(path);
    expect(await app.db.snapshot()).toEqual(before);
  });

  it('needs a logged-in customer of this realm', async () => {
    expect(await sf.client.code(PROFILE, { i: { firstName: 'X' } })).toBe('UNAUTHENTICATED');
    const me = await newCustomer(app, sf);
    expect(await storefrontClient(app, otherBrand.token, me.session.accessToken).code(PROFILE, { i: { firstName: 'X' } })).toBe(
      'UNAUTHENTICATED',
    );
  });

  it('manages addresses: NL postcodes, additions, one default shipping and one default billing', async () => {
    const me = await newCustomer(app, sf);
    const a1 = (await me.client.ok(ADD, { i: home })).addMyAddress;
    expect(a1).toMatchObject({
      postalCode: '1017 GC',
      houseNumber: '12',
      houseNumberAddition: 'A',
      defaultShipping: true,
      defaultBilling: true,
    });
    const a2 = (
      await me.client.ok(ADD, {
        i: {
          ...home,
          street: 'Dorpsweg',
          houseNumber: '3',
          houseNumberAddition: null,
          postalCode: '3511 AB',
          defaultShipping: true,
        },
      })
    ).addMyAddress;
    expect(a2.defaultShipping).toBe(true);
    const list = (await me.client.ok(ME_FULL)).me.addresses;
    expect(list.filter((a: any) => a.defaultShipping).map((a: any) => a.id)).toEqual([a2.id]);
    expect(list.filter((a: any) => a.defaultBilling).map((a: any) => a.id)).toEqual([a1.id]);
    const be = (
      await me.client.ok(UPDATE_ADDRESS, {
        id: a2.id,
        i: { ...home, postalCode: '1000', country: 'BE', houseNumberAddition: null, defaultBilling: true },
      })
    ).updateMyAddress;
    expect(be).toMatchObject({ country: 'BE', postalCode: '1000', defaultBilling: true });
    expect((await me.client.ok(REMOVE_ADDRESS, { id: a1.id })).removeMyAddress).toBe(true);
    expect((await me.client.ok(ME_FULL)).me.addresses.map((a: any) => a.id)).toEqual([a2.id]);
  });

  it("treats another customer's address as NOT_FOUND and changes nothing", async () => {
    const owner = await newCustomer(app, sf);
    const a = (await owner.client.ok(ADD, { i: home })).addMyAddress;
    const thief = await newCustomer(app, sf);
    const before = await app.db.snapshot();
    expect(await thief.client.code(UPDATE_ADDRESS, { id: a.id, i: home })).toBe('NOT_FOUND');
    expect(await thief.client.code(REMOVE_ADDRESS, { id: a.id })).toBe('NOT_FOUND');
    expect(await thief.client.code(REMOVE_ADDRESS, { id: 'not-a-uuid' })).toBe('NOT_FOUND');
    expect(await thief.client.code(REMOVE_ADDRESS, { id: "1' OR '1'='1" })).toBe('NOT_FOUND');
    expect(await app.db.snapshot()).toEqual(before);
  });

  it.each([
    ['NL postcode without letters', { postalCode: '1234' }, 'postalCode'],
    ['NL house number with letters', { houseNumber: '12a' }, 'houseNumber'],
    ['unknown country', { country: 'XX' }, 'country'],
    ['too long street', { street: 's'.repeat(201) }, 'street'],
    ['missing city', { city: '' }, 'city'],
  ])('refuses an address with %s', async (_n, patch, path) => {
    const me = await newCustomer(app, sf);
    const before = await app.db.snapshot();
    const res = await me.client.raw(ADD, { i: { ...home, ...patch } });
    expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0].extensions?.fieldErrors?.map((f: { path: string }) => f.path)).toContain(path);
    expect(await app.db.snapshot()).toEqual(before);
  });

  it('changes the password, ending every other session', async () => {
    const me = await newCustomer(app, sf);
    const other = await login(sf.client, me.email);
    const CHANGE = `mutation($c: String!, $n: String!) { changeMyPassword(currentPassword: $c, newPassword: $n) }`;
    const before = await app.db.snapshot();
    expect(await me.client.code(CHANGE, { c: 'wrong password!', n: 'a whole new passphrase' })).toBe('INVALID_CREDENTIALS');
    expect(await me.client.code(CHANGE, { c: PASSWORD, n: 'qwertyuiop' })).toBe('BAD_USER_INPUT');
    expect(await app.db.snapshot()).toEqual(before);
    expect((await me.client.ok(CHANGE, { c: PASSWORD, n: 'a whole new passphrase' })).changeMyPassword).toBe(true);
    await new Promise((r) => setTimeout(r, 1100));
    expect(await storefrontClient(app, sf.token, other.accessToken).code(ME)).toBe('UNAUTHENTICATED');
    expect((await me.client.ok(ME)).me.id).toBe(me.id); // this session lives on
    await login(sf.client, me.email, 'a whole new passphrase');
  });

  it('changes the e-mail address after confirmation with the token from customer.email_change_requested', async () => {
    const me = await newCustomer(app, sf);
    const taken = await newCustomer(app, sf);
    const REQ = `mutation($e: String!, $p: String!) { requestEmailChange(newEmail: $e, password: $p) }`;
    const CONFIRM = `mutation($t: String!) { confirmEmailChange(token: $t) { email } }`;
    expect(await me.client.code(REQ, { e: taken.email, p: PASSWORD })).toBe('EMAIL_ALREADY_REGISTERED');
    expect(await me.client.code(REQ, { e: 'new@example.nl', p: 'wrong password!' })).toBe('INVALID_CREDENTIALS');
    expect(await me.client.code(REQ, { e: 'not an address', p: PASSWORD })).toBe('BAD_USER_INPUT');
    const newEmail = `renamed.${me.id.slice(-6)}@example.nl`;
    expect((await me.client.ok(REQ, { e: ` ${newEmail.toUpperCase()} `, p: PASSWORD })).requestEmailChange).toBe(true);
    const [ev] = await app.db.query(
      `SELECT payload FROM outbox_event WHERE type = 'customer.email_change_requested' AND aggregate_id = $1`,
      [me.id],
    );
    expect(ev.payload).toMatchObject({ customerId: me.id, newEmail, token: expect.any(String), expiresAt: expect.any(String) });
    await login(sf.client, me.email); // the old address works until confirmed
    expect(await otherBrand.client.code(CONFIRM, { t: ev.payload.token })).toBe('BAD_USER_INPUT'); // another realm
    expect((await sf.client.ok(CONFIRM, { t: ev.payload.token })).confirmEmailChange.email).toBe(newEmail);
    expect(await sf.client.code(CONFIRM, { t: ev.payload.token })).toBe('BAD_USER_INPUT'); // single use
    expect(await sf.client.code(LOGIN, { e: me.email, p: PASSWORD })).toBe('INVALID_CREDENTIALS');
    await login(sf.client, newEmail);
  });

  it('keeps consents with their history', async () => {
    const me = await newCustomer(app, sf);
    const SET = `mutation($i: [ConsentInput!]!) { setMyConsents(input: $i) { purpose granted textVersion } }`;
    await me.client.ok(SET, {
      i: [
        { purpose: 'NEWSLETTER', granted: true, textVersion: 'v1' },
        { purpose: 'ANALYTICS', granted: false },
      ],
    });
    const now = (await me.client.ok(SET, { i: [{ purpose: 'NEWSLETTER', granted: false, textVersion: 'v2' }] })).setMyConsents;
    expect(now).toEqual([
      { purpose: 'ANALYTICS', granted: false, textVersion: null },
      { purpose: 'NEWSLETTER', granted: false, textVersion: 'v2' },
    ]);
    expect(
      await me.client.code(SET, {
        i: [
          { purpose: 'NEWSLETTER', granted: true },
          { purpose: 'NEWSLETTER', granted: false },
        ],
      }),
    ).toBe('BAD_USER_INPUT');
    expect(await me.client.code(SET, { i: [{ purpose: 'SPAM', granted: true }] })).toBe('BAD_USER_INPUT');
    const data = (await me.client.ok(`mutation { exportMyData }`)).exportMyData;
    expect(data.consentHistory.map((h: any) => [h.purpose, h.granted, h.textVersion, h.storefrontCode])).toEqual(
      [
        ['NEWSLETTER', true, 'v1', sf.code],
        ['ANALYTICS', false, null, sf.code],
        ['NEWSLETTER', false, 'v2', sf.code],
      ].sort((a, b) => 0 * (a.length - b.length)),
    );
  });

  it('exports everything held about the customer as JSON', async () => {
    const me = await newCustomer(app, sf, { phone: '0612345678' });
    await me.client.ok(ADD, { i: home });
    const data = (await me.client.ok(`mutation { exportMyData }`)).exportMyData;
    expect(data.format).toBe('storefront-hub.customer-export.v1');
    expect(data.profile).toMatchObject({
      id: me.id,
      email: me.email,
      firstName: 'Jan',
      phone: '+31612345678',
      registeredAt: sf.code,
    });
    expect(data.addresses).toHaveLength(1);
    expect(data.sessions.length).toBeGreaterThanOrEqual(1);
    expect(data.sessions[0]).toHaveProperty('ip');
    expect(data.orders).toEqual([]);
    expect(await sf.client.code(`mutation { exportMyData }`)).toBe('UNAUTHENTICATED');
  });

  it('B2B company accounts: the ADMIN updates the company and invites colleagues who join as BUYER', async () => {
    const admin = await register(b2b.client, b2bInput('NL004495445B01'));
    const s = await login(b2b.client, admin.email);
    const adminClient = storefrontClient(app, b2b.token, s.accessToken);
    const UPDATE = `mutation($i: UpdateCompanyInput!) { updateMyCompany(input: $i) { name vatNumber vatVerification { status } } }`;
    expect((await adminClient.ok(UPDATE, { i: { name: 'Voorbeeld Holding B.V.' } })).updateMyCompany.name).toBe(
      'Voorbeeld Holding B.V.',
    );
    expect(await adminClient.code(UPDATE, { i: { vatNumber: 'NL123456789B01' } })).toBe('INVALID_VAT_NUMBER');
    vies.set('NL123456782B01', { kind: 'NOT_REGISTERED' });
    expect(await adminClient.code(UPDATE, { i: { vatNumber: 'NL123456782B01' } })).toBe('VAT_NUMBER_NOT_REGISTERED');
    vies.set('NL123456782B01', { kind: 'VALID' });
    expect((await adminClient.ok(UPDATE, { i: { vatNumber: 'NL123456782B01' } })).updateMyCompany).toMatchObject({
      vatNumber: 'NL123456782B01',
      vatVerification: { status: 'VALID' },
    });

    const colleague = `colleague.${admin.id.slice(-6)}@example.nl`;
    expect((await adminClient.ok(`mutation($e: String!) { inviteColleague(email: $e) }`, { e: colleague })).inviteColleague).toBe(
      true,
    );
    const [ev] = await app.db.query(
      `SELECT payload FROM outbox_event WHERE type = 'customer.invited' AND payload->>'email' = $1`,
      [colleague],
    );
    const ACCEPT = `mutation($i: AcceptCompanyInvitationInput!) { acceptCompanyInvitation(input: $i) { email status company { role vatNumber } } }`;
    const joined = (
      await b2b.client.ok(ACCEPT, {
        i: { token: ev.payload.token, password: 'colleague passphrase', firstName: 'Kees', lastName: 'Buyer' },
      })
    ).acceptCompanyInvitation;
    expect(joined).toMatchObject({ email: colleague, status: 'ACTIVE', company: { role: 'BUYER', vatNumber: 'NL123456782B01' } });
    expect(
      await b2b.client.code(ACCEPT, {
        i: { token: ev.payload.token, password: 'colleague passphrase', firstName: 'K', lastName: 'B' },
      }),
    ).toBe('BAD_USER_INPUT');
    const buyer = storefrontClient(app, b2b.token, (await login(b2b.client, colleague, 'colleague passphrase')).accessToken);
    expect(await buyer.code(UPDATE, { i: { name: 'Hijacked' } })).toBe('FORBIDDEN');
    expect(await buyer.code(`mutation { inviteColleague(email: "x@example.nl") }`)).toBe('FORBIDDEN');
    const b2cCustomer = await newCustomer(app, sf);
    expect(await b2cCustomer.client.code(UPDATE, { i: { name: 'X' } })).toBe('NOT_FOUND');
  });

  it('flags likely duplicates for admins instead of creating them silently', async () => {
    const phone = '0687654321';
    const a = await newCustomer(app, sf, { phone, firstName: 'Dubbel', lastName: 'Klant' });
    const b = await newCustomer(app, sf, { phone, firstName: 'Dubbel', lastName: 'Klant' });
    const list = await fx.root.ok(`{ customers(first: 100, possibleDuplicates: true) { edges { node { id } } } }`);
    const ids = list.customers.edges.map((e: any) => e.node.id);
    expect(ids).toEqual(expect.arrayContaining([a.id, b.id]));
  });

  it('erases a customer: no personal data left anywhere (orders keep only what tax law requires), sessions revoked, e-mail free again, customer.erased emitted', async () => {
    // A shop with orders: a B2C customer (erased by themselves) and a B2B buyer (erased by an admin).
    const shop = await openShop(fx);
    const me = await newCustomer(app, shop.b2c, { phone: '0611122233', firstName: 'Zorro', lastName: 'Vergeetmij' });
    await me.client.ok(ADD, { i: { ...home, street: 'Geheimstraat', fullName: 'Zorro Vergeetmij' } });
    await me.client.ok(
      `mutation { setMyConsents(input: [{purpose: NEWSLETTER, granted: true, textVersion: "v1"}]) { purpose } }`,
    );
    const placeAs = async (client: typeof me.client, details: Record<string, unknown>) => {
      const cart = (await client.ok(CREATE_CART)).createCart.id;
      await client.ok(ADD_TO_CART, { c: cart, s: shop.sku.std, q: 1 });
      await client.ok(DETAILS, { c: cart, i: { shippingMethodCode: 'standard', ...details } });
      return (await client.ok(PLACE, { c: cart })).placeOrder;
    };
    const b2cOrder = await placeAs(me.client, {
      shippingAddress: { ...NL_ADDRESS, fullName: 'Zorro Vergeetmij', street: 'Geheimstraat' },
      billingAddress: { ...NL_ADDRESS, fullName: 'Zorro Vergeetmij', street: 'Verborgenlaan' },
    });
    const openCart = (await me.client.ok(CREATE_CART)).createCart.id;
    await me.client.ok(ADD_TO_CART, { c: openCart, s: shop.sku.red, q: 1 });
    const exported = (await me.client.ok(`mutation { exportMyData }`)).exportMyData;
    expect(exported.orders).toEqual([
      expect.objectContaining({
        number: b2cOrder.number,
        email: me.email,
        lines: [expect.objectContaining({ sku: shop.sku.std, quantity: 1 })],
        totals: expect.objectContaining({ totalGross: { amount: b2cOrder.totals.totalGross.amount, currency: 'EUR' } }),
        shippingAddress: expect.objectContaining({ street: 'Geheimstraat' }),
        payments: [],
        shipments: [],
      }),
    ]);

    vies.set('BE0411905847', { kind: 'VALID', name: 'BEWAAR BEWIJS NV' });
    const buyerInput = b2bInput(
      'BE0411905847',
      { email: `xaver.${Date.now()}@example.be`, firstName: 'Xaver', lastName: 'Wegwezen', phone: '+32470123456' },
      {
        name: 'Bewaar Bewijs NV',
        country: 'BE',
        kvkNumber: null,
        address: {
          street: 'Bewaarstraat',
          houseNumber: '7',
          postalCode: '2000',
          city: 'Antwerpen',
          country: 'BE',
          fullName: 'Xaver Wegwezen',
        },
      },
    );
    const buyer = await newCustomer(app, shop.b2b, buyerInput);
    const b2bOrder = await placeAs(buyer.client, {
      purchaseOrderNumber: 'PO-77',
      shippingAddress: { ...BE_ADDRESS, fullName: 'Xaver Wegwezen', street: 'Leverweg' },
    });
    expect(b2bOrder.billingAddress).toMatchObject({ companyName: 'Bewaar Bewijs NV', street: 'Bewaarstraat' });

    await shop.b2c.client.ok(`mutation($e: String!) { requestPasswordReset(email: $e) }`, { e: me.email });
    const before = await app.db.snapshot();
    expect(await me.client.code(`mutation { deleteMyAccount(password: "wrong password!") }`)).toBe('INVALID_CREDENTIALS');
    expect(await app.db.snapshot()).toEqual(before);
    expect((await me.client.ok(`mutation($p: String!) { deleteMyAccount(password: $p) }`, { p: PASSWORD })).deleteMyAccount).toBe(
      true,
    );
    const admin = await fx.brandAdmin([shop.brandCode]);
    expect((await admin.ok(`mutation($id: ID!) { eraseCustomer(id: $id) }`, { id: buyer.id })).eraseCustomer).toBe(true);

    // Scan every text-like column of every table for the erased values, and for what a B2B invoice must keep.
    const personal = [me.email, 'Zorro', 'Vergeetmij', '+31611122233', 'Geheimstraat', 'Verborgenlaan'];
    const b2bPerson = [buyer.email, 'Xaver', 'Wegwezen', '+32470123456'];
    const invoice = ['Bewaar Bewijs NV', 'BE0411905847', 'Bewaarstraat', 'Leverweg'];
    const columns = await app.db.query<{ table_name: string; column_name: string }>(
      `SELECT table_name, column_name FROM information_schema.columns
        WHERE table_schema = 'public' AND data_type IN ('text', 'character varying', 'character', 'jsonb', 'json', 'ARRAY')`,
    );
    const hits: string[] = [];
    for (const { table_name, column_name } of columns) {
      for (const s of [...personal, ...b2bPerson, ...invoice]) {
        const [row] = await app.db.query(`SELECT count(*)::int AS n FROM "${table_name}" WHERE "${column_name}"::text ILIKE $1`, [
          `%${s}%`,
        ]);
        if (row.n > 0) hits.push(`${table_name}.${column_name} contains ${s}`);
      }
    }
    // Only the B2B order keeps the invoice's company, VAT number and addresses (without a person's name): GDPR art. 17(3)(b).
    expect(hits.sort()).toEqual(
      [
        'sales_order.company_name contains Bewaar Bewijs NV',
        'sales_order.buyer_vat_number contains BE0411905847',
        'sales_order.billing_address contains Bewaar Bewijs NV',
        'sales_order.billing_address contains Bewaarstraat',
        'sales_order.shipping_address contains Bewaar Bewijs NV',
        'sales_order.shipping_address contains Leverweg',
      ].sort(),
    );
    const [kept] = await app.db.query(
      `SELECT email, phone, first_name, last_name, shipping_address, billing_address, erased_at IS NOT NULL AS erased, total_gross_minor::text AS total
         FROM sales_order WHERE number = $1`,
      [b2bOrder.number],
    );
    expect(kept).toMatchObject({ email: null, phone: null, first_name: null, last_name: null, erased: true });
    expect(kept.shipping_address.fullName).toBeNull();
    expect(kept.billing_address.fullName).toBeNull();
    const [gone] = await app.db.query(
      `SELECT email, shipping_address, billing_address, erased_at IS NOT NULL AS erased, total_gross_minor::text AS total,
              (SELECT count(*)::int FROM order_line l WHERE l.order_id = o.id) AS lines
         FROM sales_order o WHERE number = $1`,
      [b2cOrder.number],
    );
    expect(gone).toEqual({
      email: null,
      shipping_address: null,
      billing_address: null,
      erased: true,
      total: expect.any(String),
      lines: 1,
    });
    expect(await app.db.query(`SELECT id FROM cart WHERE id = $1`, [openCart])).toEqual([]);
    const [placed] = await app.db.query(`SELECT payload FROM outbox_event WHERE type = 'order.placed' AND aggregate_id = $1`, [
      b2cOrder.id,
    ]);
    expect(placed.payload).toEqual({ orderId: b2cOrder.id, erased: true });

    expect(await me.client.code(ME)).toBe('UNAUTHENTICATED');
    expect(await shop.b2c.client.code(LOGIN, { e: me.email, p: PASSWORD })).toBe('INVALID_CREDENTIALS');
    const [erased] = await app.db.query(`SELECT type FROM outbox_event WHERE aggregate_id = $1 AND type = 'customer.erased'`, [
      me.id,
    ]);
    expect(erased).toEqual({ type: 'customer.erased' });
    expect((await register(shop.b2c.client, b2cInput({ email: me.email }))).email).toBe(me.email);
  }, 180_000); // the longest scenario of the suite (a shop, orders, two erasures): on a slow machine with real PostgreSQL it took over a minute

  it("an admin erases a customer of their brand; another brand's admin gets NOT_FOUND", async () => {
    const me = await newCustomer(app, sf);
    const adminOther = await fx.brandAdmin([otherBrand.brandCode]);
    const before = await app.db.snapshot();
    expect(await adminOther.code(`mutation($id: ID!) { eraseCustomer(id: $id) }`, { id: me.id })).toBe('NOT_FOUND');
    expect(await adminOther.code(`query($id: ID!) { customer(id: $id) { id } }`, { id: me.id })).toBeUndefined();
    expect((await adminOther.ok(`query($id: ID!) { customer(id: $id) { id } }`, { id: me.id })).customer).toBeNull();
    expect(await app.db.snapshot()).toEqual(before);
    const admin = await fx.brandAdmin([sf.brandCode]);
    expect((await admin.ok(`mutation($id: ID!) { eraseCustomer(id: $id) }`, { id: me.id })).eraseCustomer).toBe(true);
    expect(await admin.code(`mutation($id: ID!) { eraseCustomer(id: $id) }`, { id: me.id })).toBe('NOT_FOUND');
    expect(await sf.client.code(LOGIN, { e: me.email, p: PASSWORD })).toBe('INVALID_CREDENTIALS');
    void REGISTER;
  });
});
