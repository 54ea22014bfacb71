import { TestApp } from '../../support/app';
import { adminClient, storefrontClient } from '../../support/clients';
import { Fixtures, uniqueCode } from '../../support/fixtures';

/**
 * The access rule holds for every root field of an operation, not only for the first one: a public or
 * storefront field first must not open the door for the fields after it.
 */
describe('access rules per field of one operation', () => {
  let app: TestApp;
  let fx: Fixtures;
  beforeAll(async () => {
    app = await TestApp.start();
    fx = await Fixtures.create(app);
  });
  afterAll(() => app?.close());

  it("adminLogin first does not lend a brand admin the super admin's createBrand", async () => {
    const brand = await fx.brand();
    const email = `${uniqueCode('admin')}@e2e.test`;
    const password = 'brand-admin-password-1';
    await fx.root.ok(`mutation($i: CreateAdminInput!) { createAdmin(input: $i) { id } }`, {
      i: { email, password, role: 'BRAND_ADMIN', brandCodes: [brand] },
    });
    const code = uniqueCode('brand');
    const res = await adminClient(app).raw(
      `mutation($e: String!, $p: String!, $c: String!) {
         adminLogin(email: $e, password: $p) { accessToken }
         createBrand(input: { code: $c, name: "Not yours" }) { code } }`,
      { e: email, p: password, c: code },
    );
    expect(res.errors?.map((e) => [e.path?.[0], e.extensions?.code])).toEqual([['createBrand', 'UNAUTHENTICATED']]);
    const brands = (await fx.root.ok<{ brands: { code: string }[] }>('{ brands { code } }')).brands.map((b) => b.code);
    expect(brands).not.toContain(code);
  });

  it('a storefront field first does not let a customer-only field run without a customer', async () => {
    const sf = await fx.storefront({ brandCode: await fx.brand(), audience: 'B2C', warehouseCodes: [] });
    const res = await storefrontClient(app, sf.token).raw(`mutation { requestPasswordReset(email: "x@example.com") logout }`);
    expect(res.errors?.map((e) => [e.path?.[0], e.extensions?.code])).toEqual([['logout', 'UNAUTHENTICATED']]);
  });
});
