import { TestApp } from '../../support/app';
import type { ApiClient } from '../../support/clients';
import { b2bInput, b2cInput, register } from '../../support/customer-fixtures';
import { FakeVies } from '../../support/fake-vies.server';
import { Fixtures } from '../../support/fixtures';

const LIST = `query($first: Int, $after: String, $brandCode: String) {
  customers(first: $first, after: $after, brandCode: $brandCode) {
    totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id status } }
  } }`;

const COMPANY = `company { id name country vatNumber kvkNumber role vatStatus
  vatVerification { status checkedAt consultationNumber registeredName }
  address { street houseNumber postalCode city country } }`;

interface Page {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: Array<{ cursor: string; node: { id: string; status: string } }>;
}

describe('admin customers: paging and the VAT verification evidence', () => {
  let app: TestApp;
  let vies: FakeVies;
  let root: ApiClient;
  let brand: string;
  /** The brand's customers in list order: pending approvals first, then the rest, newest first within. */
  let expected: string[];
  let pendingB2b: any;

  const page = async (first: number, after?: string | null): Promise<Page> =>
    (await root.ok(LIST, { first, after, brandCode: brand })).customers;

  beforeAll(async () => {
    vies = await FakeVies.start();
    app = await TestApp.start({ env: { VIES_URL: vies.url } });
    const fx = await Fixtures.create(app);
    root = fx.root;
    brand = await fx.brand(undefined, 'NL000099998B57');
    const other = await fx.brand();
    const wh = await fx.warehouse();
    const b2c = await fx.storefront({ brandCode: brand, audience: 'B2C', warehouseCodes: [wh] });
    const b2b = await fx.storefront({ brandCode: brand, audience: 'B2B', warehouseCodes: [wh], approvalPolicy: 'MANUAL' });
    const otherB2c = await fx.storefront({ brandCode: other, audience: 'B2C', warehouseCodes: [wh] });

    // Interleaved so that pending approvals are not simply the newest: the list must order by status first.
    const active: string[] = [];
    const pending: string[] = [];
    active.push((await register(b2c.client, b2cInput())).id);
    vies.set('NL004495445B01', { kind: 'VALID', name: 'HANDELSONDERNEMING DE HAAN B.V.' });
    pendingB2b = await register(b2b.client, b2bInput('NL004495445B01', {}, { name: 'De Haan', kvkNumber: '68750110' }));
    pending.push(pendingB2b.id);
    for (let i = 0; i < 3; i++) active.push((await register(b2c.client, b2cInput())).id);
    pending.push((await register(b2b.client, b2bInput('NL123456782B01', {}, { kvkNumber: '68727720' }))).id);
    for (let i = 0; i < 2; i++) active.push((await register(b2c.client, b2cInput())).id);
    await register(otherB2c.client, b2cInput()); // another brand's: not in this list
    expected = [...pending.reverse(), ...active.reverse()];
  });
  afterAll(async () => {
    await app?.close();
    await vies?.stop();
  });

  it('walks three pages, and every edge cursor resumes right after its own customer', async () => {
    expect((await page(100)).edges.map((e) => e.node.id)).toEqual(expected);
    expect(expected).toHaveLength(8);

    const pages: Page[] = [await page(3)];
    while (pages[pages.length - 1].pageInfo.hasNextPage) pages.push(await page(3, pages[pages.length - 1].pageInfo.endCursor));
    expect(pages.map((p) => p.edges.length)).toEqual([3, 3, 2]);
    expect(pages.map((p) => p.totalCount)).toEqual([8, 8, 8]);
    expect(pages.map((p) => p.pageInfo.hasNextPage)).toEqual([true, true, false]);
    const edges = pages.flatMap((p) => p.edges);
    expect(edges.map((e) => e.node.id)).toEqual(expected);
    expect(edges.slice(0, 2).map((e) => e.node.status)).toEqual(['PENDING_APPROVAL', 'PENDING_APPROVAL']);
    for (const p of pages) expect(p.pageInfo.endCursor).toBe(p.edges[p.edges.length - 1].cursor);
    expect(new Set(edges.map((e) => e.cursor)).size).toBe(edges.length);

    for (const [i, edge] of edges.entries()) {
      const next = await page(1, edge.cursor);
      expect({ from: i, next: next.edges.map((e) => e.node.id) }).toEqual({ from: i, next: expected.slice(i + 1, i + 2) });
      expect(next.pageInfo.hasNextPage).toBe(i + 2 < expected.length);
    }
  });

  it('refuses a malformed cursor, a cursor of another list and first outside 1..100 (BAD_USER_INPUT)', async () => {
    const products = Buffer.from('p:some-slug').toString('base64url');
    const offset = Buffer.from('o:3').toString('base64url'); // the earlier offset cursors
    const forged = Buffer.from('c:[0,"x","y"]').toString('base64url');
    for (const after of ['not a cursor!', products, offset, forged]) {
      const res = await root.raw(LIST, { first: 2, after, brandCode: brand });
      expect({ after, error: res.errors?.[0]?.extensions }).toMatchObject({
        after,
        error: { code: 'BAD_USER_INPUT', fieldErrors: [{ path: 'after' }] },
      });
    }
    for (const first of [0, 101]) expect(await root.code(LIST, { first, brandCode: brand })).toBe('BAD_USER_INPUT');
  });

  it("shows an admin what VIES said for a PENDING_APPROVAL account, as the storefront's Company", async () => {
    expect(pendingB2b.status).toBe('PENDING_APPROVAL');
    const evidence = pendingB2b.company.vatVerification;
    expect(evidence).toMatchObject({ status: 'VALID', registeredName: 'HANDELSONDERNEMING DE HAAN B.V.' });
    expect(evidence.consultationNumber).toMatch(/^WAPI\d{8}$/);
    expect(Number.isNaN(Date.parse(evidence.checkedAt))).toBe(false);

    const one = await root.ok(`query($id: ID!) { customer(id: $id) { id status ${COMPANY} } }`, { id: pendingB2b.id });
    expect(one.customer.status).toBe('PENDING_APPROVAL');
    expect(one.customer.company).toEqual({ ...pendingB2b.company, vatStatus: 'VALID' });
    expect(one.customer.company.role).toBe('ADMIN');

    const list = await root.ok(
      `query($b: String) { customers(first: 2, brandCode: $b, status: PENDING_APPROVAL) {
      edges { node { id ${COMPANY} } } } }`,
      { b: brand },
    );
    const listed = list.customers.edges.find((e: any) => e.node.id === pendingB2b.id);
    expect(listed.node.company).toEqual(one.customer.company);
  });
});
