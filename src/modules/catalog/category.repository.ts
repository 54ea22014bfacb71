import { Injectable } from '@nestjs/common';
import { localeFallbacks } from '../../../libs/catalog/src';
import type { RequestContext } from '../../core/context/request-context';
import { DatabaseService } from '../../core/database/database.service';
import { Repository } from '../../core/database/repository';
import type { TranslationRow } from './catalog.repository';

/** A category of the admin view. */
export interface AdminCategoryRow {
  id: string;
  slug: string;
  name: string;
  description: string | null;
  position: number;
  depth: number;
  parentSlug: string | null;
  translations: TranslationRow[];
}

/** A category a storefront shows, in its locale, with the count of its visible products (descendants included). */
export interface StorefrontCategoryRow {
  id: string;
  slug: string;
  name: string;
  description: string | null;
  position: number;
  parent_id: string | null;
  path: string[];
  product_count: number;
}

export interface CategoryWrite {
  id: string;
  slug: string;
  parentId: string | null;
  path: string[];
  name: string;
  description: string | null;
  position: number;
}

/**
 * SQL of categories (docs/CATALOG.md): a tree per brand with a materialised path of ids (`path @> ARRAY[id]`:
 * the subtree; `id = ANY(path)`: the ancestors), and the brand's assignment of products to them. Every
 * statement is limited to the caller's brands; storefront reads to the storefront's brand and what it shows.
 */
@Injectable()
export class CategoryRepository extends Repository {
  constructor(db: DatabaseService) {
    super(db);
  }

  /**
   * The brand's whole tree (id, slug, parent, path), locking the brand row so that concurrent writes of one
   * brand's tree run one after the other (paths are computed from what this returns).
   */
  async lockedTree(
    ctx: RequestContext,
    brandId: string,
  ): Promise<{ id: string; slug: string; parentId: string | null; path: string[] }[]> {
    const p = this.params(ctx);
    await this.run(p, `SELECT id FROM brand WHERE id = ${p.add(brandId)} AND ${p.brand('id')} FOR UPDATE`);
    const q = this.params(ctx);
    return this.run(
      q,
      `SELECT id, slug, parent_id AS "parentId", path::text[] AS path FROM category
        WHERE brand_id = ${q.add(brandId)} AND ${q.brand('brand_id')}`,
    );
  }

  /** Creates or updates the batch's categories by (brand, slug) — one statement. */
  async upsert(ctx: RequestContext, brandId: string, rows: CategoryWrite[]): Promise<void> {
    if (!rows.length) return;
    const p = this.params(ctx);
    const v = [
      p.add(rows.map((r) => r.id)),
      p.add(rows.map((r) => r.slug)),
      p.add(rows.map((r) => r.parentId)),
      p.add(rows.map((r) => `{${r.path.join(',')}}`)),
      p.add(rows.map((r) => r.name)),
      p.add(rows.map((r) => r.description)),
      p.add(rows.map((r) => r.position)),
    ];
    await this.run(
      p,
      `INSERT INTO category (id, brand_id, slug, parent_id, path, name, description, position)
       SELECT t.id, b.id, t.slug, t.parent_id, t.path::uuid[], t.name, t.description, t.position
         FROM unnest(${v[0]}::uuid[], ${v[1]}::text[], ${v[2]}::uuid[], ${v[3]}::text[], ${v[4]}::text[], ${v[5]}::text[], ${v[6]}::int[])
              AS t(id, slug, parent_id, path, name, description, position)
         JOIN brand b ON b.id = ${p.add(brandId)} AND ${p.brand('b.id')}
       ON CONFLICT (brand_id, slug) DO UPDATE SET parent_id = EXCLUDED.parent_id, path = EXCLUDED.path, name = EXCLUDED.name,
                                                  description = EXCLUDED.description, position = EXCLUDED.position, updated_at = now()`,
    );
  }

  /** Moves stored categories along with a moved ancestor: new paths only — one statement. */
  async repath(ctx: RequestContext, brandId: string, rows: { id: string; path: string[] }[]): Promise<void> {
    if (!rows.length) return;
    const p = this.params(ctx);
    await this.run(
      p,
      `UPDATE category c SET path = t.path::uuid[], updated_at = now()
         FROM unnest(${p.add(rows.map((r) => r.id))}::uuid[], ${p.add(rows.map((r) => `{${r.path.join(',')}}`))}::text[]) AS t(id, path)
        WHERE c.id = t.id AND c.brand_id = ${p.add(brandId)} AND ${p.brand('c.brand_id')}`,
    );
  }

  /** Replaces the translations of these categories of the brand (two statements). */
  async replaceTranslations(
    ctx: RequestContext,
    brandId: string,
    categoryIds: string[],
    rows: { categoryId: string; locale: string; name: string; description: string | null }[],
  ): Promise<void> {
    if (!categoryIds.length) return;
    const p = this.params(ctx);
    await this.run(
      p,
      `DELETE FROM category_translation WHERE category_id = ANY(${p.add(categoryIds)}::uuid[])
          AND brand_id = ${p.add(brandId)} AND ${p.brand('brand_id')}`,
    );
    if (!rows.length) return;
    const q = this.params(ctx);
    await this.run(
      q,
      `INSERT INTO category_translation (brand_id, category_id, locale, name, description)
       SELECT c.brand_id, c.id, t.locale, t.name, t.description
         FROM unnest(${q.add(rows.map((r) => r.categoryId))}::uuid[], ${q.add(rows.map((r) => r.locale))}::text[],
                     ${q.add(rows.map((r) => r.name))}::text[], ${q.add(rows.map((r) => r.description))}::text[])
              AS t(category_id, locale, name, description)
         JOIN category c ON c.id = t.category_id AND c.brand_id = ${q.add(brandId)} AND ${q.brand('c.brand_id')}`,
    );
  }

  /** The brand's categories (all of them, or these slugs), parents before children, with their translations. */
  adminCategories(ctx: RequestContext, brandId: string, slugs: string[] | null): Promise<AdminCategoryRow[]> {
    const p = this.params(ctx);
    const slugsParam = p.add(slugs);
    return this.run(
      p,
      `SELECT c.id, c.slug, c.name, c.description, c.position, cardinality(c.path) AS depth, parent.slug AS "parentSlug",
              coalesce((SELECT json_agg(json_build_object('locale', t.locale, 'name', t.name, 'description', t.description)
                                        ORDER BY t.locale)
                          FROM category_translation t WHERE t.category_id = c.id), '[]') AS translations
         FROM category c LEFT JOIN category parent ON parent.id = c.parent_id
        WHERE c.brand_id = ${p.add(brandId)} AND ${p.brand('c.brand_id')}
          AND (${slugsParam}::text[] IS NULL OR c.slug = ANY(${slugsParam}::text[]))
        ORDER BY cardinality(c.path), c.position, c.slug`,
    );
  }

  /** Ids of the brand's categories with these slugs. */
  idsBySlugs(ctx: RequestContext, brandId: string, slugs: string[]): Promise<{ id: string; slug: string }[]> {
    const p = this.params(ctx);
    return this.run(
      p,
      `SELECT id, slug FROM category WHERE brand_id = ${p.add(brandId)} AND ${p.brand('brand_id')}
          AND slug = ANY(${p.add(slugs)}::text[])`,
    );
  }

  /** Sets where these products are filed in the brand: replaces their categories there (two statements). */
  async setProductCategories(
    ctx: RequestContext,
    brandId: string,
    productIds: string[],
    pairs: { productId: string; categoryId: string }[],
  ): Promise<void> {
    const p = this.params(ctx);
    await this.run(
      p,
      `DELETE FROM product_category WHERE product_id = ANY(${p.add(productIds)}::uuid[])
          AND brand_id = ${p.add(brandId)} AND ${p.brand('brand_id')}`,
    );
    if (!pairs.length) return;
    const q = this.params(ctx);
    await this.run(
      q,
      `INSERT INTO product_category (brand_id, category_id, product_id)
       SELECT c.brand_id, c.id, t.product_id
         FROM unnest(${q.add(pairs.map((r) => r.productId))}::uuid[], ${q.add(pairs.map((r) => r.categoryId))}::uuid[])
              AS t(product_id, category_id)
         JOIN category c ON c.id = t.category_id AND c.brand_id = ${q.add(brandId)} AND ${q.brand('c.brand_id')}`,
    );
  }

  /**
   * The categories the caller's storefront shows (docs/CATALOG.md): those with a visible product (published
   * there, a variant priced there) in themselves or a descendant, with the count of such products, named in
   * the storefront's locale — one statement.
   */
  storefrontCategories(ctx: RequestContext): Promise<StorefrontCategoryRow[]> {
    const sfInfo = ctx.requireStorefront();
    const p = this.params(ctx);
    const sf = p.add(sfInfo.id);
    const locales = p.add(localeFallbacks(sfInfo.locale));
    return this.run(
      p,
      `WITH visible AS (
         SELECT pub.product_id FROM publication pub
          WHERE pub.storefront_id = ${sf}
            AND EXISTS (SELECT 1 FROM variant v JOIN price pr ON pr.variant_id = v.id AND pr.storefront_id = ${sf}
                         WHERE v.product_id = pub.product_id)),
       counts AS (
         SELECT a.id, count(DISTINCT pc.product_id)::int AS n
           FROM product_category pc
           JOIN visible vis ON vis.product_id = pc.product_id
           JOIN category c ON c.id = pc.category_id
           JOIN category a ON a.id = ANY(c.path)
          WHERE ${p.brand('pc.brand_id')}
          GROUP BY a.id)
       SELECT c.id, c.slug, coalesce(t1.name, t2.name, c.name) AS name,
              coalesce(t1.description, t2.description, c.description) AS description,
              c.position, c.parent_id, c.path::text[] AS path, counts.n AS product_count
         FROM counts JOIN category c ON c.id = counts.id
         LEFT JOIN category_translation t1 ON t1.category_id = c.id AND t1.locale = (${locales}::text[])[1]
         LEFT JOIN category_translation t2 ON t2.category_id = c.id AND t2.locale = (${locales}::text[])[2]
        WHERE ${p.brand('c.brand_id')}
        ORDER BY cardinality(c.path), c.position, c.slug`,
    );
  }
}
