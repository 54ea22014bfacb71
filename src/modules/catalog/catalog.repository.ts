import { Injectable } from '@nestjs/common';
import type { TaxCategory } from '../../../libs/domain/src';
import type { RequestContext } from '../../core/context/request-context';
import { DatabaseService } from '../../core/database/database.service';
import { Repository, type SqlParams } from '../../core/database/repository';
import { localeFallbacks } from '../../../libs/catalog/src';
import {
  mediaJson,
  type ProductMatch,
  ProductMatchSql,
  type ProductSort,
  sortKey,
  translated,
  translationsJson,
} from './catalog-sql';

/** A product of the admin view, with its variants and the caller's storefronts it is published on. */
export interface AdminProductRow {
  id: string;
  slug: string;
  name: string;
  description: string | null;
  taxCategory: TaxCategory;
  images: MediaRow[];
  translations: TranslationRow[];
  variants: { id: string; sku: string; name: string; images: MediaRow[]; translations: TranslationRow[] }[];
  publishedOn: string[];
  /** Where the product is filed in the caller's brands. */
  categories: { brandCode: string; slug: string }[];
}

/** An image reference as stored (position = its index in the owner's list). */
export interface MediaRow {
  url: string;
  alt: string | null;
  width: number | null;
  height: number | null;
  position: number;
}

export interface TranslationRow {
  locale: string;
  name: string;
  description?: string | null;
}

/** A product as a storefront shows it; `total` is the count of all matches (the page's totalCount). */
export interface StorefrontProductRow {
  id: string;
  slug: string;
  name: string;
  description: string | null;
  tax_category: TaxCategory;
  total: string;
  images: MediaRow[];
  /** The categories of the storefront's brand the product is filed under. */
  category_ids: string[];
  /** The sort key as text (null in the default order by slug). */
  sort_key?: string | null;
}

/** A variant visible on the caller's storefront, with its price there, tax rate and available stock. */
export interface StorefrontVariantRow {
  id: string;
  product_id: string;
  sku: string;
  name: string;
  amount_minor: string;
  currency: string;
  rate: string;
  available: number;
  product_slug: string;
  product_name: string;
  /** Quantity breaks of the list price on this storefront, ascending. */
  tiers: { q: number; a: string }[];
  images: MediaRow[];
}

export interface ProductWrite {
  id: string;
  slug: string;
  name: string;
  description: string | null;
  taxCategory: TaxCategory | null;
}

export interface VariantWrite {
  id: string;
  productId: string | undefined;
  sku: string;
  name: string;
  position: number;
}

export interface PriceWrite {
  storefrontId: string;
  variantId: string;
  amountMinor: string;
}

export interface ProductsPageQuery {
  match: ProductMatch;
  sort: ProductSort;
  /** Where the previous page ended: the slug (default order) or the sort key as text and the id. */
  after: { slug: string } | { key: string; id: string } | null;
  limit: number;
}

/** One value of a facet with the number of matching products (the facet's own filter left out). */
export interface FacetValueRow {
  attribute_code: string;
  attribute_name: string;
  value_code: string;
  value_label: string;
  count: number;
  selected: boolean;
}

/** Media or translations of products or variants, replaced per owner (ownerIds: every owner whose list is given). */
export type OwnedTable = 'product_media' | 'variant_media' | 'product_translation' | 'variant_translation';

/** How the visible variants are selected: by their products or by SKU. */
export type VariantKey = { productIds: string[] } | { skus: string[] };

/**
 * SQL of the catalog. Products and variants are shared by every brand (no brand predicate on them);
 * publications and prices are per storefront: writes take the brand from the storefront row, limited to the
 * caller's brands, and storefront reads are limited to the caller's own storefront (from the RequestContext).
 */
@Injectable()
export class CatalogRepository extends Repository {
  constructor(db: DatabaseService) {
    super(db);
  }

  /** The product (slug) each of these SKUs belongs to — shared catalog. */
  skuOwners(ctx: RequestContext, skus: string[]): Promise<{ sku: string; slug: string }[]> {
    const p = this.params(ctx);
    return this.run(
      p,
      `SELECT v.sku, p.slug FROM variant v JOIN product p ON p.id = v.product_id WHERE v.sku = ANY(${p.add(skus)}::text[])`,
    );
  }

  /** Creates or updates products by slug (one statement); a missing tax category keeps the current one. Shared catalog. */
  upsertProducts(ctx: RequestContext, rows: ProductWrite[]): Promise<{ id: string; slug: string }[]> {
    const p = this.params(ctx);
    const values = [
      p.add(rows.map((r) => r.id)),
      p.add(rows.map((r) => r.slug)),
      p.add(rows.map((r) => r.name)),
      p.add(rows.map((r) => r.description)),
      p.add(rows.map((r) => r.taxCategory)),
    ];
    return this.run(
      p,
      `WITH t AS (SELECT * FROM unnest(${values[0]}::uuid[], ${values[1]}::text[], ${values[2]}::text[], ${values[3]}::text[], ${values[4]}::text[]) AS t(id, slug, name, description, tax))
       INSERT INTO product (id, slug, name, description, tax_category)
       SELECT t.id, t.slug, t.name, t.description, coalesce(t.tax, p.tax_category, 'STANDARD')
         FROM t LEFT JOIN product p ON p.slug = t.slug
       ON CONFLICT (slug) DO UPDATE SET name = EXCLUDED.name, description = EXCLUDED.description,
                                        tax_category = EXCLUDED.tax_category, updated_at = now()
       RETURNING id, slug`,
    );
  }

  /** Creates or updates variants by SKU (one statement). Shared catalog. */
  upsertVariants(ctx: RequestContext, rows: VariantWrite[]): Promise<{ id: string; sku: string }[]> {
    const p = this.params(ctx);
    const values = [
      p.add(rows.map((r) => r.id)),
      p.add(rows.map((r) => r.productId)),
      p.add(rows.map((r) => r.sku)),
      p.add(rows.map((r) => r.name)),
      p.add(rows.map((r) => r.position)),
    ];
    return this.run(
      p,
      `INSERT INTO variant (id, product_id, sku, name, position)
       SELECT * FROM unnest(${values[0]}::uuid[], ${values[1]}::uuid[], ${values[2]}::text[], ${values[3]}::text[], ${values[4]}::int[])
       ON CONFLICT (sku) DO UPDATE SET name = EXCLUDED.name, position = EXCLUDED.position, updated_at = now()
       RETURNING id, sku`,
    );
  }

  /** Products by slug (shared catalog); `publishedOn` lists only the caller's brands' storefronts. */
  adminProductsBySlugs(ctx: RequestContext, slugs: string[]): Promise<AdminProductRow[]> {
    const p = this.params(ctx);
    const slugsParam = p.add(slugs);
    return this.run(
      p,
      `SELECT p.id, p.slug, p.name, p.description, p.tax_category AS "taxCategory",
              ${mediaJson('product_media', 'product_id', 'p.id')} AS images,
              ${translationsJson('product_translation', 'product_id', 'p.id', ['name', 'description'])} AS translations,
              coalesce((SELECT json_agg(json_build_object('id', v.id, 'sku', v.sku, 'name', v.name,
                                                          'images', ${mediaJson('variant_media', 'variant_id', 'v.id')},
                                                          'translations', ${translationsJson('variant_translation', 'variant_id', 'v.id', ['name'])})
                                        ORDER BY v.position, v.sku)
                          FROM variant v WHERE v.product_id = p.id), '[]') AS variants,
              coalesce((SELECT array_agg(s.code ORDER BY s.code) FROM publication pub JOIN storefront s ON s.id = pub.storefront_id
                         WHERE pub.product_id = p.id AND ${p.brand('s.brand_id')}), '{}') AS "publishedOn",
              coalesce((SELECT json_agg(json_build_object('brandCode', b.code, 'slug', c.slug) ORDER BY b.code, c.slug)
                          FROM product_category pc JOIN category c ON c.id = pc.category_id JOIN brand b ON b.id = pc.brand_id
                         WHERE pc.product_id = p.id AND ${p.brand('pc.brand_id')}), '[]') AS categories
         FROM product p WHERE p.slug = ANY(${slugsParam}::text[]) ORDER BY p.slug`,
    );
  }

  /** Ids of the products with these slugs (shared catalog). */
  productIdsBySlugs(ctx: RequestContext, slugs: string[]): Promise<{ id: string; slug: string }[]> {
    const p = this.params(ctx);
    return this.run(p, `SELECT id, slug FROM product WHERE slug = ANY(${p.add(slugs)}::text[])`);
  }

  /** Publishes products on one of the caller's storefronts; returns the newly published ones. */
  publish(ctx: RequestContext, storefrontId: string, productIds: string[]): Promise<{ product_id: string }[]> {
    const p = this.params(ctx);
    return this.run(
      p,
      `INSERT INTO publication (brand_id, storefront_id, product_id)
       SELECT s.brand_id, s.id, unnest(${p.add(productIds)}::uuid[]) FROM storefront s
        WHERE s.id = ${p.add(storefrontId)} AND ${p.brand('s.brand_id')}
       ON CONFLICT DO NOTHING RETURNING product_id`,
    );
  }

  /** Unpublishes products from one of the caller's storefronts; returns the ones that were published. */
  unpublish(ctx: RequestContext, storefrontId: string, productIds: string[]): Promise<{ product_id: string }[]> {
    const p = this.params(ctx);
    return this.run(
      p,
      // Wrapped in a SELECT: TypeORM answers a bare DELETE … RETURNING with [rows, count].
      `WITH d AS (DELETE FROM publication
                   WHERE storefront_id = ${p.add(storefrontId)} AND product_id = ANY(${p.add(productIds)}::uuid[])
                     AND ${p.brand('brand_id')}
                  RETURNING product_id)
       SELECT product_id FROM d`,
    );
  }

  /**
   * Replaces the images or translations of these owners (shared catalog): deletes theirs, inserts `rows`
   * (two statements whatever the count). `columns` name the table's columns with their SQL array types.
   */
  async replaceOwned(
    ctx: RequestContext,
    table: OwnedTable,
    ownerIds: string[],
    columns: [string, string][],
    rows: unknown[][],
  ): Promise<void> {
    if (!ownerIds.length) return;
    const owner = table.startsWith('product') ? 'product_id' : 'variant_id';
    const p = this.params(ctx);
    await this.run(p, `DELETE FROM ${table} WHERE ${owner} = ANY(${p.add(ownerIds)}::uuid[])`);
    if (!rows.length) return;
    const q = this.params(ctx);
    const arrays = columns.map(([, type], i) => `${q.add(rows.map((r) => r[i]))}::${type}[]`);
    await this.run(q, `INSERT INTO ${table} (${columns.map(([c]) => c).join(', ')}) SELECT * FROM unnest(${arrays.join(', ')})`);
  }

  /**
   * Adds the words of these products' names and descriptions (base text and translations) to the lexicon that
   * typo corrections come from. Words are never removed: a stale one only offers a correction that matches nothing.
   */
  async addSearchWords(ctx: RequestContext, productIds: string[]): Promise<void> {
    const p = this.params(ctx);
    const ids = p.add(productIds);
    await this.run(
      p,
      `INSERT INTO search_word (word)
       SELECT DISTINCT w FROM (SELECT search FROM product WHERE id = ANY(${ids}::uuid[])
                               UNION ALL SELECT search FROM product_translation WHERE product_id = ANY(${ids}::uuid[])) s,
                              unnest(tsvector_to_array(s.search)) w
        WHERE w ~ '^[[:alnum:]]{4,40}$'
       ON CONFLICT DO NOTHING`,
    );
  }

  /** Ids of the variants with these SKUs (shared catalog). */
  variantIdsBySkus(ctx: RequestContext, skus: string[]): Promise<{ id: string; sku: string }[]> {
    const p = this.params(ctx);
    return this.run(p, `SELECT id, sku FROM variant WHERE sku = ANY(${p.add(skus)}::text[])`);
  }

  /** Sets prices on the caller's storefronts (one statement), in each storefront's brand and currency. */
  async upsertPrices(ctx: RequestContext, rows: PriceWrite[]): Promise<void> {
    const p = this.params(ctx);
    const values = [
      p.add(rows.map((r) => r.storefrontId)),
      p.add(rows.map((r) => r.variantId)),
      p.add(rows.map((r) => r.amountMinor)),
    ];
    await this.run(
      p,
      `INSERT INTO price (brand_id, storefront_id, variant_id, amount_minor, currency)
       SELECT s.brand_id, s.id, t.variant_id, t.amount_minor, s.currency
         FROM unnest(${values[0]}::uuid[], ${values[1]}::uuid[], ${values[2]}::bigint[]) AS t(storefront_id, variant_id, amount_minor)
         JOIN storefront s ON s.id = t.storefront_id
        WHERE ${p.brand('s.brand_id')}
       ON CONFLICT (storefront_id, variant_id) DO UPDATE SET amount_minor = EXCLUDED.amount_minor,
                                                             currency = EXCLUDED.currency, updated_at = now()`,
    );
  }

  /**
   * A page of the products the caller's storefront shows (published there, with a variant priced there) that match
   * the query, in the sort's order after the cursor; each row carries the count of all matches and its sort key.
   */
  storefrontProductsPage(ctx: RequestContext, q: ProductsPageQuery): Promise<StorefrontProductRow[]> {
    const p = this.params(ctx);
    const m = new ProductMatchSql(p, ctx, q.match);
    const ctes = m.with({ withAttributes: true, sort: q.sort });
    const locales = m.locales;
    const key = sortKey(q.sort, q.match.search);
    let after = 'TRUE';
    let order = 'm.slug';
    if (key) {
      const dir = key.desc ? 'DESC' : 'ASC';
      order = `m.k ${dir}, m.id ${dir}`;
      if (q.after && 'key' in q.after) {
        const collate = key.type === 'text' ? ' COLLATE "C"' : '';
        after = `(m.k, m.id) ${key.desc ? '<' : '>'} (${p.add(q.after.key)}::${key.type}${collate}, ${p.add(q.after.id)}::uuid)`;
      }
    } else if (q.after && 'slug' in q.after) {
      after = `m.slug > ${p.add(q.after.slug)}::text`;
    }
    // Prepared, with the generic plan: the query's values reach the plan only through its CTEs, and a search that
    // misses every cache spent three times as long planning this statement as running it.
    return this.runPreparedGeneric(
      p,
      `${ctes}
       SELECT ${presentedProduct(p, 'm', locales)}, (SELECT count(*) FROM matches) AS total, ${key ? 'm.k::text' : 'NULL'} AS sort_key
         FROM matches m
        WHERE ${after}
        ORDER BY ${order} LIMIT ${p.add(q.limit)}`,
    );
  }

  /**
   * The facets of a query: for every filterable attribute, each value found on a matching variant with the number
   * of matching products that have it — counted with every attribute filter except the attribute's own, so a
   * multi-select still shows its other values — plus the selected values (also at 0). Names in the caller's locale.
   */
  storefrontFacets(ctx: RequestContext, match: ProductMatch): Promise<FacetValueRow[]> {
    const p = this.params(ctx);
    const m = new ProductMatchSql(p, ctx, match);
    const ctes = m.with({ withAttributes: false, sort: null, pricedVariantChecked: true });
    const locales = m.locales;
    // On the generic-plan sessions, like the page: its plan does not depend on the values (they reach it through
    // the CTEs), and planning it cost more than running it (8 ms and 7 ms on the bench's catalog).
    return this.runPreparedGeneric(
      p,
      `${ctes},
       fv AS MATERIALIZED (SELECT av.id, a.code FROM attribute_value av JOIN attribute a ON a.id = av.attribute_id AND a.filterable),
       vrows AS (SELECT v.product_id, v.facet_values, ARRAY(SELECT g.code FROM fgroups g WHERE v.facet_values && g.ids) AS sat
                   FROM matches mt JOIN variant v ON v.product_id = mt.id
                   JOIN price pr ON pr.variant_id = v.id AND pr.storefront_id = ${m.sf}
                  WHERE ${m.variantsOf('mt.id', false)}),
       counts AS (SELECT fv.id AS value_id, count(DISTINCT r.product_id)::int AS n
                    FROM vrows r CROSS JOIN LATERAL unnest(r.facet_values) AS x(value_id)
                    JOIN fv ON fv.id = x.value_id
                   WHERE cardinality(array_remove(r.sat, fv.code)) = ${m.wanted} - CASE WHEN fv.code = ANY(${m.codes}::text[]) THEN 1 ELSE 0 END
                   GROUP BY fv.id),
       chosen AS (SELECT unnest(g.ids) AS value_id FROM fgroups g)
       SELECT a.code AS attribute_code, ${translated('attribute_translation', 'attribute_id', 'a', 'name', locales)} AS attribute_name,
              av.code AS value_code, ${translated('attribute_value_translation', 'value_id', 'av', 'label', locales)} AS value_label,
              coalesce(c.n, 0) AS count, av.id IN (SELECT value_id FROM chosen) AS selected
         FROM attribute_value av JOIN attribute a ON a.id = av.attribute_id AND a.filterable
         LEFT JOIN counts c ON c.value_id = av.id
        WHERE c.value_id IS NOT NULL OR av.id IN (SELECT value_id FROM chosen)
        ORDER BY a.position, a.code, av.position, av.code`,
    );
  }

  /** One product the caller's storefront shows, by slug or id. */
  async storefrontProduct(ctx: RequestContext, by: { slug: string } | { id: string }): Promise<StorefrontProductRow | null> {
    const p = this.params(ctx);
    const sf = p.add(ctx.requireStorefront().id);
    const locales = p.add(localeFallbacks(ctx.requireStorefront().locale));
    const match = 'slug' in by ? `p.slug = ${p.add(by.slug)}` : `p.id = ${p.add(by.id)}::uuid`;
    const [row] = await this.runPrepared<StorefrontProductRow>(
      p,
      `SELECT ${presentedProduct(p, 'p', locales)}, 1 AS total
         FROM publication pub JOIN product p ON p.id = pub.product_id
        WHERE pub.storefront_id = ${sf} AND ${match}
          AND EXISTS (SELECT 1 FROM variant v JOIN price pr ON pr.variant_id = v.id AND pr.storefront_id = ${sf} WHERE v.product_id = p.id)`,
    );
    return row ?? null;
  }

  /**
   * The products the caller's storefront shows (published, with a variant priced there) among these ids, any order
   * (Product.alsoBought presents its ranking with it).
   */
  storefrontProductsByIds(ctx: RequestContext, ids: readonly string[]): Promise<StorefrontProductRow[]> {
    const p = this.params(ctx);
    const sf = p.add(ctx.requireStorefront().id);
    const locales = p.add(localeFallbacks(ctx.requireStorefront().locale));
    return this.runPrepared<StorefrontProductRow>(
      p,
      `SELECT ${presentedProduct(p, 'p', locales)}, 1 AS total
         FROM publication pub JOIN product p ON p.id = pub.product_id
        WHERE pub.storefront_id = ${sf} AND p.id = ANY(${p.add([...ids])}::uuid[])
          AND EXISTS (SELECT 1 FROM variant v JOIN price pr ON pr.variant_id = v.id AND pr.storefront_id = ${sf} WHERE v.product_id = p.id)`,
    );
  }

  /**
   * The variants the caller's storefront shows (published, priced there), with price, tax rate of its country
   * and stock available over its warehouses — one statement for any number of products or SKUs.
   */
  storefrontVariants(ctx: RequestContext, key: VariantKey): Promise<StorefrontVariantRow[]> {
    const storefront = ctx.requireStorefront();
    const p = this.params(ctx);
    const sf = p.add(storefront.id);
    const warehouses = p.add([...storefront.warehouseIds]);
    const country = p.add(storefront.country);
    const locales = p.add(localeFallbacks(storefront.locale));
    const where =
      'productIds' in key ? `v.product_id = ANY(${p.add(key.productIds)}::uuid[])` : `v.sku = ANY(${p.add(key.skus)}::text[])`;
    // The asked-for variants first (materialised: a handful of rows by index), then their publication, price and
    // stock — left to itself the planner started from the storefront's 1,000 publications.
    return this.runPrepared(
      p,
      `WITH vs AS MATERIALIZED (SELECT v.id, v.product_id, v.sku, v.name, v.position FROM variant v WHERE ${where})
       SELECT v.id, v.product_id, v.sku, ${translated('variant_translation', 'variant_id', 'v', 'name', locales)} AS name,
              pr.amount_minor::text AS amount_minor, pr.currency,
              p.slug AS product_slug, ${translated('product_translation', 'product_id', 'p', 'name', locales)} AS product_name,
              ${mediaJson('variant_media', 'variant_id', 'v.id')} AS images,
              coalesce((SELECT json_agg(json_build_object('q', t.min_quantity, 'a', t.amount_minor::text) ORDER BY t.min_quantity)
                          FROM price_tier t WHERE t.storefront_id = ${sf} AND t.variant_id = v.id), '[]') AS tiers,
              coalesce(tr.rate, 0)::text AS rate,
              coalesce((SELECT sum(sl.on_hand) - sum(sl.reserved) FROM stock_level sl
                         WHERE sl.sku = v.sku AND sl.warehouse_id = ANY(${warehouses}::uuid[])), 0)::int AS available
         FROM vs v
         JOIN publication pub ON pub.product_id = v.product_id AND pub.storefront_id = ${sf}
         JOIN price pr ON pr.variant_id = v.id AND pr.storefront_id = ${sf}
         JOIN product p ON p.id = v.product_id
         LEFT JOIN tax_rate tr ON tr.country = ${country} AND tr.category = p.tax_category
        ORDER BY v.product_id, v.position, v.sku`,
    );
  }
}

/** The columns of a StorefrontProductRow (without total) from a product-shaped row `a`, texts in the caller's locale. */
function presentedProduct(p: SqlParams, a: string, locales: string): string {
  return `${a}.id, ${a}.slug, ${translated('product_translation', 'product_id', a, 'name', locales)} AS name,
          ${translated('product_translation', 'product_id', a, 'description', locales)} AS description, ${a}.tax_category,
          ${mediaJson('product_media', 'product_id', `${a}.id`)} AS images,
          coalesce((SELECT array_agg(pc.category_id::text ORDER BY pc.category_id) FROM product_category pc
                     WHERE pc.product_id = ${a}.id AND ${p.brand('pc.brand_id')}), '{}') AS category_ids`;
}
