/**
 * The storefront's product page and facets statements run on pipelined sessions on real PostgreSQL
 * (DatabaseService.preparedGeneric, PipelinedSessions): a statement is written while the ones before it on the same
 * connection have not answered yet. With one such session every concurrent search below shares one connection, so
 * each answer must still be its own statement's (no rows of a neighbour), cursors and counts included. On the
 * embedded database the same statements run as plain queries, and the answers must be the same.
 */
import { TestApp } from '../../support/app';
import type { ApiClient } from '../../support/clients';
import { publish, setPrices, upsertEnumAttribute, upsertProducts } from '../../support/catalog-fixtures';
import { Fixtures } from '../../support/fixtures';

const WORDS = ['amber', 'birch', 'cedar', 'delta', 'ember', 'fjord', 'gamma', 'heron', 'indigo', 'jasper', 'kelp', 'lotus'];
const SEARCH = `query($s: String!, $after: String) {
  products(first: 2, after: $after, sort: PRICE_ASC, filter: { search: $s }) {
    totalCount edges { cursor node { slug } } pageInfo { hasNextPage endCursor } } }`;
const FACETED = `query($s: String!) { products(first: 1, filter: { search: $s }) { totalCount facets { code values { code count } } } }`;

interface Faceted {
  products: { totalCount: number; facets: { code: string; values: { code: string; count: number }[] }[] };
}
interface Page {
  products: { totalCount: number; edges: { node: { slug: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string } };
}

describe('catalog reads on pipelined sessions: concurrent statements on one connection keep their own answers', () => {
  let app: TestApp;
  let sf: ApiClient;

  beforeAll(async () => {
    app = await TestApp.start({ env: { DB_PIPELINED_SESSIONS: '1' } });
    const fx = await Fixtures.create(app);
    const brandCode = await fx.brand();
    const shop = await fx.storefront({ brandCode, audience: 'B2C', warehouseCodes: [await fx.warehouse()] });
    sf = shop.client;
    await upsertEnumAttribute(fx.root, 'tone', 'Tone', { even: 'Even', odd: 'Odd' });
    // Word i is in i + 1 products ("amber" in 1, "birch" in 2, …), priced so that PRICE_ASC orders them by number.
    const products = WORDS.flatMap((w, i) =>
      Array.from({ length: i + 1 }, (_, k) => ({
        slug: `${w}-${k}`,
        name: `Pipelined ${w} ${k}`,
        attributes: [{ code: 'tone', values: [k % 2 ? 'odd' : 'even'] }],
        variants: [{ sku: `PIPE-${w}-${k}`, name: 'One' }],
      })),
    );
    await upsertProducts(fx.root, products);
    await publish(
      fx.root,
      shop.code,
      products.map((p) => p.slug),
    );
    await setPrices(
      fx.root,
      products.map((p) => ({
        storefrontCode: shop.code,
        sku: p.variants[0].sku,
        amount: `${10 + Number(p.slug.split('-')[1])}.00`,
      })),
    );
  }, 120_000);
  afterAll(() => app?.close());

  it('forty searches at once, each with its own word and letter case, answer their own products', async () => {
    const asks = Array.from({ length: 40 }, (_, n) => {
      const i = n % WORDS.length;
      const s = n % 2 ? WORDS[i].toUpperCase() : `pipelined ${WORDS[i]}`;
      return { i, ask: sf.raw<Page>(SEARCH, { s }) };
    });
    for (const { i, ask } of asks) {
      const r = await ask;
      expect(r.errors).toBeUndefined();
      const expected = Array.from({ length: Math.min(2, i + 1) }, (_, k) => `${WORDS[i]}-${k}`);
      expect(r.data?.products.totalCount).toBe(i + 1);
      expect(r.data?.products.edges.map((e) => e.node.slug)).toEqual(expected);
      expect(r.data?.products.pageInfo.hasNextPage).toBe(i + 1 > 2);
    }
  });

  it('next pages, facets and searches that find nothing, all at once, stay apart', async () => {
    const firsts = await Promise.all(WORDS.map((w) => sf.ok<Page>(SEARCH, { s: w })));
    const asks = WORDS.flatMap((w, i) => [
      { kind: 'next', i, ask: sf.raw<Page>(SEARCH, { s: w, after: firsts[i].products.pageInfo.endCursor }) },
      { kind: 'facets', i, ask: sf.raw<Faceted>(FACETED, { s: `${w} ` }) },
      { kind: 'none', i, ask: sf.raw<Page>(SEARCH, { s: `${w}-absent-${i}` }) },
    ]);
    for (const { kind, i, ask } of asks) {
      const r = await ask;
      expect(r.errors).toBeUndefined();
      if (kind === 'next') {
        const expected = Array.from({ length: Math.max(0, Math.min(2, i + 1 - 2)) }, (_, k) => `${WORDS[i]}-${k + 2}`);
        expect((r.data as Page).products.edges.map((e) => e.node.slug)).toEqual(expected);
        expect((r.data as Page).products.totalCount).toBe(i + 1);
      } else if (kind === 'facets') {
        // Products 0..i of the word: ⌈(i + 1) / 2⌉ even ones, ⌊(i + 1) / 2⌋ odd ones (a value at 0 is not listed).
        const values = [
          { code: 'even', count: Math.ceil((i + 1) / 2) },
          { code: 'odd', count: Math.floor((i + 1) / 2) },
        ].filter((v) => v.count > 0);
        expect(r.data).toEqual({ products: { totalCount: i + 1, facets: [{ code: 'tone', values }] } });
      } else {
        expect((r.data as Page).products).toMatchObject({ totalCount: 0, edges: [] });
      }
    }
  });
});
