import type { ApiClient } from './clients';

export async function upsertProducts(admin: ApiClient, products: unknown[]) {
  return admin.ok(`mutation($i: [ProductInput!]!) { upsertProducts(input: $i) { id slug variants { id sku } } }`, {
    i: products,
  });
}

export async function publish(admin: ApiClient, storefrontCode: string, slugs: string[]) {
  return admin.ok(`mutation($s: String!, $p: [String!]!) { publishProducts(storefrontCode: $s, slugs: $p) }`, {
    s: storefrontCode,
    p: slugs,
  });
}

export async function setPrices(admin: ApiClient, prices: { storefrontCode: string; sku: string; amount: string }[]) {
  return admin.ok(`mutation($i: [PriceInput!]!) { setPrices(input: $i) }`, { i: prices });
}

/** One filterable ENUM attribute with these values (code → label), as a catalog's setup needs it (shared catalog). */
export async function upsertEnumAttribute(admin: ApiClient, code: string, name: string, values: Record<string, string>) {
  return admin.ok(`mutation($i: [AttributeInput!]!) { upsertAttributes(input: $i) { code values { code } } }`, {
    i: [{ code, name, type: 'ENUM', filterable: true, values: Object.entries(values).map(([c, label]) => ({ code: c, label })) }],
  });
}

export const PUSH = `mutation($w: String!, $l: [StockLevelInput!]!) { pushStockLevels(warehouseCode: $w, levels: $l) { applied stale unknownSkus } }`;

export async function push(
  client: ApiClient,
  warehouseCode: string,
  levels: { sku: string; onHand: number; sequence: string }[],
) {
  return (
    await client.ok<{ pushStockLevels: { applied: number; stale: number; unknownSkus: string[] } }>(PUSH, {
      w: warehouseCode,
      l: levels,
    })
  ).pushStockLevels;
}

export const VARIANTS = `query($s: [String!]!) { variants(skus: $s) { sku price { amount currency includesTax taxRate } availability { status quantity } } }`;

export const UPSERT_CATEGORIES = `mutation($b: String!, $i: [CategoryInput!]!) {
  upsertCategories(brandCode: $b, input: $i) { slug name description position depth parentSlug translations { locale name description } } }`;
export const SET_PRODUCT_CATEGORIES = `mutation($b: String!, $i: [ProductCategoriesInput!]!) { setProductCategories(brandCode: $b, input: $i) }`;

export async function upsertCategories(admin: ApiClient, brandCode: string, categories: unknown[]) {
  return (await admin.ok(UPSERT_CATEGORIES, { b: brandCode, i: categories })).upsertCategories;
}

export async function setProductCategories(
  admin: ApiClient,
  brandCode: string,
  input: { productSlug: string; categorySlugs: string[] }[],
) {
  return (await admin.ok(SET_PRODUCT_CATEGORIES, { b: brandCode, i: input })).setProductCategories as number;
}

/**
 * Before a request whose SQL statements are counted: the storefront token resolved afresh, so its cached
 * resolution (at most a second old, StorefrontTokenService) cannot expire between this and the counted request —
 * a request, a pause past that second, and a request that resolves it again.
 */
export async function warmStorefrontToken(sf: ApiClient): Promise<void> {
  // A new text each time: never answered from the response cache (which would not resolve the token at all).
  const ask = () => sf.ok(`query Warm${++warmings} { storefront { code } }`);
  await ask();
  await new Promise((r) => setTimeout(r, 1100));
  await ask();
}
let warmings = 0;
