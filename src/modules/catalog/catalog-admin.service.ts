import { Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { badInput, type FieldError } from '../../../libs/errors/src';
import { parseAmount } from '../../../libs/pricing/src';
import type { RequestContext } from '../../core/context/request-context';
import { ReadCache } from '../../core/cache/read-cache.service';
import { DatabaseService } from '../../core/database/database.service';
import { StorefrontsService } from '../tenants/storefronts.service';
import type { TaxCategory } from './product.entity';

export interface ProductData {
  slug: string;
  name: string;
  description?: string | null;
  taxCategory?: TaxCategory | null;
  variants: { sku: string; name: string }[];
}

export interface AdminProductView {
  id: string;
  slug: string;
  name: string;
  description: string | null;
  taxCategory: TaxCategory;
  variants: { id: string; sku: string; name: string }[];
  publishedOn: string[];
}

function duplicates<T>(items: T[], key: (t: T) => string): Set<string> {
  const seen = new Set<string>();
  const dup = new Set<string>();
  for (const i of items) {
    const k = key(i);
    if (seen.has(k)) dup.add(k);
    seen.add(k);
  }
  return dup;
}

/**
 * The shared catalog (products and variants, keyed by slug and SKU), its publication per storefront and
 * prices per storefront and SKU. Writes are set-based: one statement per table per call.
 */
@Injectable()
export class CatalogAdminService {
  constructor(
    private readonly db: DatabaseService,
    private readonly storefronts: StorefrontsService,
    private readonly cache: ReadCache,
  ) {}

  /** Storefront reads are cached: every committed change here drops them. */
  private changed(): void {
    this.db.afterCommit(() => this.cache.bump());
  }

  async upsertProducts(ctx: RequestContext, input: ProductData[]): Promise<AdminProductView[]> {
    const errors: FieldError[] = [];
    const dupSlugs = duplicates(input, (p) => p.slug);
    const allVariants = input.flatMap((p, i) =>
      p.variants.map((v, j) => ({ ...v, slug: p.slug, path: `input.${i}.variants.${j}.sku` })),
    );
    const dupSkus = duplicates(allVariants, (v) => v.sku);
    input.forEach(
      (p, i) => dupSlugs.has(p.slug) && errors.push({ path: `input.${i}.slug`, message: `slug "${p.slug}" appears twice` }),
    );
    allVariants.forEach((v) => dupSkus.has(v.sku) && errors.push({ path: v.path, message: `SKU "${v.sku}" appears twice` }));
    if (errors.length) throw badInput(errors);

    return this.db.transaction(async () => {
      // A SKU belongs to one product: moving it silently to another would corrupt orders and stock.
      const owners = await this.db.query<{ sku: string; slug: string }>(
        `SELECT v.sku, p.slug FROM variant v JOIN product p ON p.id = v.product_id WHERE v.sku = ANY($1::text[])`,
        [allVariants.map((v) => v.sku)],
      );
      const owner = new Map(owners.map((o) => [o.sku, o.slug]));
      for (const v of allVariants) {
        const o = owner.get(v.sku);
        if (o && o !== v.slug) errors.push({ path: v.path, message: `SKU "${v.sku}" belongs to product "${o}"` });
      }
      if (errors.length) throw badInput(errors);

      const products = await this.db.query<{ id: string; slug: string }>(
        `WITH t AS (SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[]) AS t(id, slug, name, description, tax))
         INSERT INTO product (id, slug, name, description, tax_category)
         SELECT t.id, t.slug, t.name, t.description, coalesce(t.tax, p.tax_category, 'STANDARD')
           FROM t LEFT JOIN product p ON p.slug = t.slug
         ON CONFLICT (slug) DO UPDATE SET name = EXCLUDED.name, description = EXCLUDED.description,
                                          tax_category = EXCLUDED.tax_category, updated_at = now()
         RETURNING id, slug`,
        [
          input.map(() => uuidv7()),
          input.map((p) => p.slug),
          input.map((p) => p.name.trim()),
          input.map((p) => p.description ?? null),
          input.map((p) => p.taxCategory ?? null),
        ],
      );
      const idBySlug = new Map(products.map((p) => [p.slug, p.id]));
      const positions = input.flatMap((p) => p.variants.map((_, j) => j));
      await this.db.query(
        `INSERT INTO variant (id, product_id, sku, name, position)
         SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::int[])
         ON CONFLICT (sku) DO UPDATE SET name = EXCLUDED.name, position = EXCLUDED.position, updated_at = now()`,
        [
          allVariants.map(() => uuidv7()),
          allVariants.map((v) => idBySlug.get(v.slug)),
          allVariants.map((v) => v.sku),
          allVariants.map((v) => v.name.trim()),
          positions,
        ],
      );
      this.changed();
      return this.productsBySlugs(
        ctx,
        input.map((p) => p.slug),
      );
    });
  }

  async productsBySlugs(ctx: RequestContext, slugs: string[]): Promise<AdminProductView[]> {
    const scope = ctx.brandScope;
    const rows = await this.db.query<AdminProductView>(
      `SELECT p.id, p.slug, p.name, p.description, p.tax_category AS "taxCategory",
              coalesce((SELECT json_agg(json_build_object('id', v.id, 'sku', v.sku, 'name', v.name) ORDER BY v.position, v.sku)
                          FROM variant v WHERE v.product_id = p.id), '[]') AS variants,
              coalesce((SELECT array_agg(s.code ORDER BY s.code) FROM publication pub JOIN storefront s ON s.id = pub.storefront_id
                         WHERE pub.product_id = p.id AND ($2::boolean OR s.brand_id = ANY($3::uuid[]))), '{}') AS "publishedOn"
         FROM product p WHERE p.slug = ANY($1::text[]) ORDER BY p.slug`,
      [slugs, scope.all, scope.all ? [] : [...scope.ids]],
    );
    const bySlug = new Map(rows.map((r) => [r.slug, r]));
    return slugs.flatMap((s) => bySlug.get(s) ?? []);
  }

  /** Publishes (or unpublishes) products on one of the caller's storefronts; returns how many changed. */
  async setPublished(ctx: RequestContext, storefrontCode: string, slugs: string[], published: boolean): Promise<number> {
    if (slugs.length < 1 || slugs.length > 500) throw badInput([{ path: 'slugs', message: 'give 1 to 500 slugs' }]);
    return this.db.transaction(async () => {
      const sf = await this.storefronts.getByCode(ctx, storefrontCode);
      const unique = [...new Set(slugs)];
      const found = await this.db.query<{ id: string; slug: string }>(
        `SELECT id, slug FROM product WHERE slug = ANY($1::text[])`,
        [unique],
      );
      const missing = unique.filter((s) => !found.some((f) => f.slug === s));
      if (missing.length) {
        throw badInput(
          missing.map((s) => ({ path: `slugs.${slugs.indexOf(s)}`, message: `unknown product "${s.slice(0, 200)}"` })),
        );
      }
      const ids = found.map((f) => f.id);
      const changed = published
        ? await this.db.query(
            `INSERT INTO publication (brand_id, storefront_id, product_id) SELECT $1, $2, unnest($3::uuid[])
             ON CONFLICT DO NOTHING RETURNING product_id`,
            [sf.brandId, sf.id, ids],
          )
        : await this.db.query(
            // Wrapped in a SELECT: TypeORM answers a bare DELETE … RETURNING with [rows, count].
            `WITH d AS (DELETE FROM publication WHERE storefront_id = $1 AND product_id = ANY($2::uuid[]) RETURNING product_id)
             SELECT product_id FROM d`,
            [sf.id, ids],
          );
      if (changed.length) this.changed();
      return changed.length;
    });
  }

  /** Sets prices per storefront and SKU, atomically; returns how many were set. */
  async setPrices(ctx: RequestContext, input: { storefrontCode: string; sku: string; amount: string }[]): Promise<number> {
    const errors: FieldError[] = [];
    const dup = duplicates(input, (p) => `${p.storefrontCode}\u0000${p.sku}`);
    input.forEach(
      (p, i) =>
        dup.has(`${p.storefrontCode}\u0000${p.sku}`) &&
        errors.push({ path: `input.${i}`, message: 'storefront and SKU appear twice' }),
    );
    if (errors.length) throw badInput(errors);
    return this.db.transaction(async () => {
      const codes = [...new Set(input.map((p) => p.storefrontCode))];
      const sfs = new Map<string, Awaited<ReturnType<StorefrontsService['getByCode']>>>();
      for (const code of codes) {
        const i = input.findIndex((p) => p.storefrontCode === code);
        sfs.set(code, await this.storefronts.getByCode(ctx, code, `input.${i}.storefrontCode`));
      }
      const variants = await this.db.query<{ id: string; sku: string }>(
        `SELECT id, sku FROM variant WHERE sku = ANY($1::text[])`,
        [[...new Set(input.map((p) => p.sku))]],
      );
      const variantId = new Map(variants.map((v) => [v.sku, v.id]));
      const rows = input.map((p, i) => {
        const sf = sfs.get(p.storefrontCode)!;
        const vid = variantId.get(p.sku);
        if (!vid) errors.push({ path: `input.${i}.sku`, message: `unknown SKU "${p.sku}"` });
        const amount = parseAmount(p.amount, sf.currency.trim());
        if (!amount.ok) errors.push({ path: `input.${i}.amount`, message: amount.message });
        return { sf, vid, minor: amount.ok ? amount.minor.toString() : '0' };
      });
      if (errors.length) throw badInput(errors);
      await this.db.query(
        `INSERT INTO price (brand_id, storefront_id, variant_id, amount_minor, currency)
         SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::bigint[], $5::char(3)[])
         ON CONFLICT (storefront_id, variant_id) DO UPDATE SET amount_minor = EXCLUDED.amount_minor,
                                                               currency = EXCLUDED.currency, updated_at = now()`,
        [
          rows.map((r) => r.sf.brandId),
          rows.map((r) => r.sf.id),
          rows.map((r) => r.vid),
          rows.map((r) => r.minor),
          rows.map((r) => r.sf.currency),
        ],
      );
      this.changed();
      return rows.length;
    });
  }
}
