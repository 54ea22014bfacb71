import { Injectable } from '@nestjs/common';
import { badInput } from '../../../libs/errors/src';
import { formatAmount, formatRate } from '../../../libs/pricing/src';
import { availabilityFor } from '../../../libs/stock/src';
import type { RequestContext, StorefrontInfo } from '../../core/context/request-context';
import { ReadCache } from '../../core/cache/read-cache.service';
import { DatabaseService } from '../../core/database/database.service';
import { type Connection, pageLimit, textCursor, toConnection } from '../../core/graphql/pagination';
import type { ProductType, ProductVariantType } from './graphql/storefront/catalog.types';

interface ProductRow {
  id: string;
  slug: string;
  name: string;
  description: string | null;
  tax_category: string;
  total: string;
}

interface VariantRow {
  id: string;
  product_id: string;
  sku: string;
  name: string;
  amount_minor: string;
  currency: string;
  rate: string;
  available: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Products are listed by slug; a cursor is the slug of its product. */
const productCursor = textCursor('p');

/** Turns free text into a prefix tsquery ("safety sho" → "safety:* & sho:*"); null when it has no words. */
export function toPrefixTsQuery(search: string): string | null {
  const words = search.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  return words.length
    ? words
        .slice(0, 10)
        .map((w) => `${w}:*`)
        .join(' & ')
    : null;
}

const likePrefix = (s: string) => `${s.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * What one storefront shows: only published products, only variants priced there, availability over its
 * warehouses. A page of products with variants, prices and stock costs two SQL statements whatever its size.
 */
@Injectable()
export class CatalogReadService {
  constructor(
    private readonly db: DatabaseService,
    private readonly cache: ReadCache,
  ) {}

  async productsPage(
    ctx: RequestContext,
    args: { first: number; after?: string | null; search?: string | null; skus?: string[] | null },
  ): Promise<Connection<ProductType>> {
    const sf = ctx.requireStorefront();
    pageLimit(args.first);
    const after = productCursor.decodeAfter(args.after);
    const key = JSON.stringify(['products', sf.id, args.first, after, args.search ?? null, args.skus ?? null]);
    return this.cache.get(key, () => this.loadPage(ctx, args, after));
  }

  private async loadPage(
    ctx: RequestContext,
    args: { first: number; after?: string | null; search?: string | null; skus?: string[] | null },
    after: string | null,
  ): Promise<Connection<ProductType>> {
    const sf = ctx.requireStorefront();
    const search = args.search?.trim() || null;
    const tsq = search ? toPrefixTsQuery(search) : null;
    const rows = await this.db.query<ProductRow>(
      `WITH matches AS (
         SELECT p.id, p.slug, p.name, p.description, p.tax_category
           FROM publication pub JOIN product p ON p.id = pub.product_id
          WHERE pub.storefront_id = $1
            AND EXISTS (SELECT 1 FROM variant v JOIN price pr ON pr.variant_id = v.id AND pr.storefront_id = $1
                         WHERE v.product_id = p.id
                           AND ($5::text[] IS NULL OR v.sku = ANY($5::text[])))
            AND ($3::text IS NULL
                 OR ($4::text IS NOT NULL AND p.search @@ to_tsquery('simple', $4::text))
                 OR p.slug LIKE $6::text
                 OR EXISTS (SELECT 1 FROM variant v2 WHERE v2.product_id = p.id AND lower(v2.sku) LIKE $6::text)))
       SELECT m.*, (SELECT count(*) FROM matches) AS total
         FROM matches m WHERE ($2::text IS NULL OR m.slug > $2::text)
        ORDER BY m.slug LIMIT $7`,
      [sf.id, after, search, tsq, args.skus ?? null, search ? likePrefix(search) : null, pageLimit(args.first)],
    );
    return toConnection(rows, args.first, {
      codec: productCursor,
      keyOf: (row) => row.slug,
      nodeOf: toProduct,
      totalCount: rows.length ? Number(rows[0].total) : await this.countOnly(ctx, args, after),
    });
  }

  /** totalCount when the page past the cursor is empty (one more statement, only then). */
  private async countOnly(
    ctx: RequestContext,
    args: { first: number; search?: string | null; skus?: string[] | null },
    after: string | null,
  ): Promise<number> {
    if (!after) return 0;
    const all = await this.productsPage(ctx, { ...args, after: null, first: 1 });
    return all.totalCount;
  }

  async product(ctx: RequestContext, by: { slug?: string | null; id?: string | null }): Promise<ProductType | null> {
    const sf = ctx.requireStorefront();
    if (!by.slug === !by.id) throw badInput([{ path: 'slug', message: 'give exactly one of slug or id' }]);
    if (by.id && !UUID.test(by.id)) return null;
    return this.cache.get(JSON.stringify(['product', sf.id, by.slug ?? null, by.id ?? null]), () => this.loadProduct(sf, by));
  }

  private async loadProduct(sf: StorefrontInfo, by: { slug?: string | null; id?: string | null }): Promise<ProductType | null> {
    const [row] = await this.db.query<ProductRow>(
      `SELECT p.id, p.slug, p.name, p.description, p.tax_category, 1 AS total
         FROM publication pub JOIN product p ON p.id = pub.product_id
        WHERE pub.storefront_id = $1 AND ${by.slug ? 'p.slug = $2' : 'p.id = $2::uuid'}
          AND EXISTS (SELECT 1 FROM variant v JOIN price pr ON pr.variant_id = v.id AND pr.storefront_id = $1 WHERE v.product_id = p.id)`,
      [sf.id, by.slug ?? by.id],
    );
    return row ? toProduct(row) : null;
  }

  /** Visible variants of these products, grouped (one statement for any number of products). */
  async variantsOfProducts(ctx: RequestContext, productIds: readonly string[]): Promise<Map<string, ProductVariantType[]>> {
    const rows = await this.variantRows(ctx.requireStorefront(), 'v.product_id = ANY($4::uuid[])', [...productIds]);
    const out = new Map<string, ProductVariantType[]>();
    for (const v of rows.map((r) => toVariant(r, ctx.requireStorefront()))) {
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
    const rows = await this.variantRows(sf, 'v.sku = ANY($4::text[])', skus);
    const bySku = new Map(rows.map((r) => [r.sku, toVariant(r, sf)]));
    return skus.map((s) => bySku.get(s) ?? null);
  }

  private variantRows(sf: StorefrontInfo, where: string, key: string[]): Promise<VariantRow[]> {
    return this.cache.get(JSON.stringify(['variants', sf.id, where, key]), () => this.loadVariantRows(sf, where, key));
  }

  private loadVariantRows(sf: StorefrontInfo, where: string, key: string[]): Promise<VariantRow[]> {
    return this.db.query<VariantRow>(
      `SELECT v.id, v.product_id, v.sku, v.name, pr.amount_minor::text AS amount_minor, pr.currency,
              coalesce(tr.rate, 0)::text AS rate,
              coalesce((SELECT sum(sl.on_hand) - sum(sl.reserved) FROM stock_level sl
                         WHERE sl.sku = v.sku AND sl.warehouse_id = ANY($2::uuid[])), 0)::int AS available
         FROM variant v
         JOIN publication pub ON pub.product_id = v.product_id AND pub.storefront_id = $1
         JOIN price pr ON pr.variant_id = v.id AND pr.storefront_id = $1
         JOIN product p ON p.id = v.product_id
         LEFT JOIN tax_rate tr ON tr.country = $3 AND tr.category = p.tax_category
        WHERE ${where}
        ORDER BY v.product_id, v.position, v.sku`,
      [sf.id, [...sf.warehouseIds], sf.country, key],
    );
  }
}

function toProduct(r: ProductRow): ProductType {
  return { id: r.id, slug: r.slug, name: r.name, description: r.description, taxCategory: r.tax_category };
}

function toVariant(r: VariantRow, sf: StorefrontInfo): ProductVariantType {
  const currency = r.currency.trim();
  const a = availabilityFor(r.available, sf.stockDisplay, sf.lowStockThreshold);
  return {
    id: r.id,
    productId: r.product_id,
    sku: r.sku,
    name: r.name,
    price: {
      amount: formatAmount(r.amount_minor, currency),
      currency,
      includesTax: sf.pricesIncludeTax,
      taxRate: formatRate(r.rate),
    },
    availability: { status: a.status, quantity: a.quantity },
  };
}
