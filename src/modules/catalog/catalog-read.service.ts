import { Injectable } from '@nestjs/common';
import { badInput } from '../../../libs/errors/src';
import { formatAmount, formatRate, type PriceTier, visibleTiers } from '../../../libs/pricing/src';
import { availabilityFor } from '../../../libs/stock/src';
import type { RequestContext, StorefrontInfo } from '../../core/context/request-context';
import { ReadCache } from '../../core/cache/read-cache.service';
import { type Connection, pageLimit, textCursor, toConnection, tupleCursor } from '../../core/graphql/pagination';
import { searchTerms } from '../../../libs/catalog/src';
import { PRODUCT_SORTS, type ProductMatch, type ProductSort, sortKey } from './catalog-sql';
import type { ProductType, ProductVariantType } from './graphql/storefront/catalog.types';
import {
  CatalogRepository,
  type FacetValueRow,
  type ProductsPageQuery,
  type StorefrontProductRow,
  type StorefrontVariantRow,
  type VariantKey,
} from './catalog.repository';
import { PriceAgreementRepository } from './price-agreement.repository';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface ProductsArgs {
  first: number;
  after?: string | null;
  sort?: ProductSort | null;
  search?: string | null;
  skus?: string[] | null;
  categorySlug?: string | null;
  attributes?: { code: string; values: string[] }[] | null;
}

/** In the default order (by slug) a cursor is the slug of its product. */
const productCursor = textCursor('p');
/** Under another sort: the sort, its key as text and the product id (ties broken by id). */
type SortedKey = [sort: ProductSort, key: string, id: string];
const sortedCursor = tupleCursor<SortedKey>(
  'ps',
  (v): v is SortedKey =>
    Array.isArray(v) &&
    v.length === 3 &&
    (PRODUCT_SORTS as readonly unknown[]).includes(v[0]) &&
    typeof v[1] === 'string' &&
    v[1].length <= 300 &&
    typeof v[2] === 'string' &&
    UUID.test(v[2]),
);

/** A page of products, remembering its query so ProductConnection.facets can count for it. */
export interface ProductPage extends Connection<ProductType> {
  query: { match: ProductMatch };
}

/**
 * What one storefront shows: only published products, only variants priced there, availability over its
 * warehouses. A page of products with variants, prices and stock costs two SQL statements whatever its size.
 */
@Injectable()
export class CatalogReadService {
  constructor(
    private readonly catalog: CatalogRepository,
    private readonly agreements: PriceAgreementRepository,
    private readonly cache: ReadCache,
  ) {}

  /**
   * The logged-in B2B buyer's agreed prices for these variants, cached **per company** (the key holds the company of
   * the session, never an argument; every change of agreements drops it). Empty for everyone else.
   */
  private async agreedPrices(
    ctx: RequestContext,
    rows: readonly StorefrontVariantRow[],
    fresh = false,
  ): Promise<Map<string, bigint>> {
    const companyId = ctx.customer?.companyId;
    if (!companyId || !rows.length) return new Map();
    const ids = rows.map((r) => r.id);
    const key = JSON.stringify(['agreed', ctx.requireStorefront().id, companyId, ids]);
    const load = () => this.agreements.buyerPrices(ctx, ids);
    const found = fresh ? await load() : await this.cache.get(key, load); // checkout prices from the database
    return new Map(found.map((f) => [f.variant_id, BigInt(f.amount_minor)]));
  }

  async productsPage(ctx: RequestContext, args: ProductsArgs): Promise<ProductPage> {
    const sf = ctx.requireStorefront();
    const limit = pageLimit(args.first);
    const sort = args.sort ?? 'RELEVANCE';
    const match: ProductMatch = {
      search: searchTerms(args.search),
      skus: args.skus ?? null,
      categorySlug: args.categorySlug ?? null,
      attributes: normaliseAttributeFilter(args.attributes),
    };
    const sorted = sortKey(sort, match.search) !== null;
    let after: { slug: string } | { key: string; id: string } | null = null;
    if (args.after && sorted) {
      const [cursorSort, key, id] = sortedCursor.decode(args.after);
      if (cursorSort !== sort) throw badInput([{ path: 'after', message: `is a cursor of sort ${cursorSort}, not ${sort}` }]);
      after = { key, id };
    } else if (args.after) {
      after = { slug: productCursor.decode(args.after) };
    }
    const key = JSON.stringify(['products', sf.id, sf.locale, args.first, sort, after, match]);
    const page = await this.cache.get(
      key,
      () => this.loadPage(ctx, { match, sort, after, limit }, args.first, sorted),
      'repeated', // open-ended (search words, filters, cursors): stored from the second request on
    );
    return { ...page, query: { match } };
  }

  /** The facets of a page's query (ProductConnection.facets), cached like the page. */
  facets(ctx: RequestContext, match: ProductMatch): Promise<FacetValueRow[]> {
    const sf = ctx.requireStorefront();
    return this.cache.get(
      JSON.stringify(['facets', sf.id, sf.locale, match]),
      () => this.catalog.storefrontFacets(ctx, match),
      'repeated',
    );
  }

  private async loadPage(
    ctx: RequestContext,
    q: ProductsPageQuery,
    first: number,
    sorted: boolean,
  ): Promise<Connection<ProductType>> {
    const rows = await this.catalog.storefrontProductsPage(ctx, q);
    if (sorted) {
      return toConnection(rows, first, {
        codec: sortedCursor,
        keyOf: (row): SortedKey => [q.sort, row.sort_key ?? '', row.id],
        nodeOf: toProduct,
        totalCount: rows.length ? Number(rows[0].total) : await this.countOnly(ctx, q),
      });
    }
    return toConnection(rows, first, {
      codec: productCursor,
      keyOf: (row) => row.slug,
      nodeOf: toProduct,
      totalCount: rows.length ? Number(rows[0].total) : await this.countOnly(ctx, q),
    });
  }

  /** totalCount when the page past the cursor is empty (one more statement, only then). */
  private async countOnly(ctx: RequestContext, q: ProductsPageQuery): Promise<number> {
    if (!q.after) return 0;
    const rows = await this.catalog.storefrontProductsPage(ctx, { ...q, after: null, limit: 1 });
    return rows.length ? Number(rows[0].total) : 0;
  }

  async product(ctx: RequestContext, by: { slug?: string | null; id?: string | null }): Promise<ProductType | null> {
    const sf = ctx.requireStorefront();
    if (!by.slug === !by.id) throw badInput([{ path: 'slug', message: 'give exactly one of slug or id' }]);
    if (by.id && !UUID.test(by.id)) return null;
    return this.cache.get(JSON.stringify(['product', sf.id, sf.locale, by.slug ?? null, by.id ?? null]), async () => {
      const row = await this.catalog.storefrontProduct(ctx, by.slug ? { slug: by.slug } : { id: by.id ?? '' });
      return row ? toProduct(row) : null;
    });
  }

  /** The products of these ids the storefront shows, by id (one statement, cached like other catalog reads). */
  async productsByIds(ctx: RequestContext, ids: readonly string[]): Promise<Map<string, ProductType>> {
    if (!ids.length) return new Map();
    const sf = ctx.requireStorefront();
    const sorted = [...new Set(ids)].sort();
    return this.cache.get(JSON.stringify(['productsByIds', sf.id, sf.locale, sorted]), async () => {
      const rows = await this.catalog.storefrontProductsByIds(ctx, sorted);
      return new Map(rows.map((r) => [r.id, toProduct(r)]));
    });
  }

  /** Visible variants of these products, grouped (one statement for any number of products). */
  async variantsOfProducts(ctx: RequestContext, productIds: readonly string[]): Promise<Map<string, ProductVariantType[]>> {
    const rows = (await this.variantRowsOfProducts(ctx, productIds)).flat();
    const agreed = await this.agreedPrices(ctx, rows);
    const out = new Map<string, ProductVariantType[]>();
    for (const v of rows.map((r) => toVariant(r, ctx.requireStorefront(), agreed.get(r.id) ?? null))) {
      const list = out.get(v.productId) ?? [];
      list.push(v);
      out.set(v.productId, list);
    }
    return out;
  }

  /** In the order asked; null for unknown or unpublished SKUs. */
  async variantsBySkus(ctx: RequestContext, skus: string[]): Promise<Array<ProductVariantType | null>> {
    if (skus.length < 1 || skus.length > 100) throw badInput([{ path: 'skus', message: 'give 1 to 100 SKUs' }]);
    const sf = ctx.requireStorefront();
    const rows = await this.variantRows(ctx, { skus });
    const agreed = await this.agreedPrices(ctx, rows);
    const bySku = new Map(rows.map((r) => [r.sku, toVariant(r, sf, agreed.get(r.id) ?? null)]));
    return skus.map((s) => bySku.get(s) ?? null);
  }

  /**
   * What the storefront sells of these SKUs, for a cart or an order: price in minor units, tax rate, product and
   * availability now. `fresh` skips the read cache (checkout re-prices from the database); unknown SKUs are absent.
   */
  async sellable(ctx: RequestContext, skus: string[], opts: { fresh: boolean }): Promise<Map<string, SellableVariant>> {
    if (!skus.length) return new Map();
    const sf = ctx.requireStorefront();
    const rows = opts.fresh ? await this.catalog.storefrontVariants(ctx, { skus }) : await this.variantRows(ctx, { skus });
    const agreed = await this.agreedPrices(ctx, rows, opts.fresh);
    return new Map(
      rows.map((r) => [
        r.sku,
        {
          ...toVariant(r, sf, agreed.get(r.id) ?? null),
          unitPriceMinor: BigInt(r.amount_minor),
          tiers: tiersOf(r),
          agreedMinor: agreed.get(r.id) ?? null,
          available: r.available,
          product: { id: r.product_id, slug: r.product_slug, name: r.product_name },
        },
      ]),
    );
  }

  /**
   * The variant rows of each product, cached per product: a page of search results shares most of its products
   * with earlier pages, and only the products not seen yet are read (in one statement).
   */
  private variantRowsOfProducts(ctx: RequestContext, productIds: readonly string[]): Promise<StorefrontVariantRow[][]> {
    const sf = ctx.requireStorefront();
    const keys = productIds.map((id) => JSON.stringify(['product-variants', sf.id, sf.locale, id]));
    return this.cache.getMany(keys, async (missing) => {
      const ids = missing.map((i) => productIds[i]);
      const rows = await this.catalog.storefrontVariants(ctx, { productIds: ids });
      const byProduct = new Map<string, StorefrontVariantRow[]>(ids.map((id) => [id, []]));
      for (const r of rows) byProduct.get(r.product_id)?.push(r);
      return ids.map((id) => byProduct.get(id)!);
    });
  }

  private variantRows(ctx: RequestContext, key: VariantKey): Promise<StorefrontVariantRow[]> {
    const sf = ctx.requireStorefront();
    return this.cache.get(JSON.stringify(['variants', sf.id, sf.locale, key]), () => this.catalog.storefrontVariants(ctx, key));
  }
}

/** A variant a storefront sells, as carts and orders need it. */
export interface SellableVariant extends ProductVariantType {
  /** The list price (one unit); the buyer pays unitPriceFor(quantity, list, tiers, agreed) — libs/pricing. */
  unitPriceMinor: bigint;
  tiers: PriceTier[];
  agreedMinor: bigint | null;
  /** On hand − reserved over the storefront's warehouses (may be ≤ 0). */
  available: number;
  product: { id: string; slug: string; name: string };
}

function toProduct(r: StorefrontProductRow): ProductType {
  return {
    id: r.id,
    slug: r.slug,
    name: r.name,
    description: r.description,
    taxCategory: r.tax_category,
    images: r.images,
    categoryIds: r.category_ids,
  };
}

function tiersOf(r: StorefrontVariantRow): PriceTier[] {
  return r.tiers.map((t) => ({ minQuantity: t.q, amountMinor: BigInt(t.a) }));
}

/** A variant as this caller sees it: a B2B buyer's agreed price replaces a higher list price (a new object: rows are cached). */
function toVariant(r: StorefrontVariantRow, sf: StorefrontInfo, agreedMinor: bigint | null): ProductVariantType {
  const currency = r.currency.trim();
  const a = availabilityFor(r.available, sf.stockDisplay, sf.lowStockThreshold);
  const list = BigInt(r.amount_minor);
  const agreed = agreedMinor !== null && agreedMinor < list ? agreedMinor : null;
  return {
    id: r.id,
    productId: r.product_id,
    sku: r.sku,
    name: r.name,
    price: {
      amount: formatAmount(agreed ?? list, currency),
      currency,
      includesTax: sf.pricesIncludeTax,
      taxRate: formatRate(r.rate),
      tiers: visibleTiers(list, tiersOf(r), agreed).map((t) => ({
        minQuantity: t.minQuantity,
        amount: formatAmount(t.amountMinor, currency),
      })),
      listAmount: agreed === null ? null : formatAmount(list, currency),
    },
    availability: { status: a.status, quantity: a.quantity },
    images: r.images,
  };
}

/**
 * The attribute filter in one canonical form (codes and values sorted, duplicates dropped), so equal filters share
 * a cache entry; null without any.
 */
function normaliseAttributeFilter(given: ProductsArgs['attributes']): ProductMatch['attributes'] {
  if (!given?.length) return null;
  const byCode = new Map<string, Set<string>>();
  for (const a of given) byCode.set(a.code, new Set([...(byCode.get(a.code) ?? []), ...a.values]));
  return [...byCode.keys()].sort().map((code) => ({ code, values: [...byCode.get(code)!].sort() }));
}
