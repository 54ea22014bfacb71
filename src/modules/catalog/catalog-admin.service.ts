import { Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import type { TaxCategory } from '../../../libs/domain/src';
import { badInput, type FieldError } from '../../../libs/errors/src';
import { parseAmount } from '../../../libs/pricing/src';
import type { RequestContext } from '../../core/context/request-context';
import { ReadCache } from '../../core/cache/read-cache.service';
import { DatabaseService } from '../../core/database/database.service';
import { StorefrontsService } from '../tenants/storefronts.service';
import { type AdminProductRow, CatalogRepository } from './catalog.repository';

export interface ProductData {
  slug: string;
  name: string;
  description?: string | null;
  taxCategory?: TaxCategory | null;
  variants: { sku: string; name: string }[];
}

export type AdminProductView = AdminProductRow;

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
    private readonly catalog: CatalogRepository,
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
      const owners = await this.catalog.skuOwners(
        ctx,
        allVariants.map((v) => v.sku),
      );
      const owner = new Map(owners.map((o) => [o.sku, o.slug]));
      for (const v of allVariants) {
        const o = owner.get(v.sku);
        if (o && o !== v.slug) errors.push({ path: v.path, message: `SKU "${v.sku}" belongs to product "${o}"` });
      }
      if (errors.length) throw badInput(errors);

      const products = await this.catalog.upsertProducts(
        ctx,
        input.map((p) => ({
          id: uuidv7(),
          slug: p.slug,
          name: p.name.trim(),
          description: p.description ?? null,
          taxCategory: p.taxCategory ?? null,
        })),
      );
      const idBySlug = new Map(products.map((p) => [p.slug, p.id]));
      const positions = input.flatMap((p) => p.variants.map((_, j) => j));
      await this.catalog.upsertVariants(
        ctx,
        allVariants.map((v, i) => ({
          id: uuidv7(),
          productId: idBySlug.get(v.slug),
          sku: v.sku,
          name: v.name.trim(),
          position: positions[i],
        })),
      );
      this.changed();
      return this.productsBySlugs(
        ctx,
        input.map((p) => p.slug),
      );
    });
  }

  async productsBySlugs(ctx: RequestContext, slugs: string[]): Promise<AdminProductView[]> {
    const rows = await this.catalog.adminProductsBySlugs(ctx, slugs);
    const bySlug = new Map(rows.map((r) => [r.slug, r]));
    return slugs.flatMap((s) => bySlug.get(s) ?? []);
  }

  /** Publishes (or unpublishes) products on one of the caller's storefronts; returns how many changed. */
  async setPublished(ctx: RequestContext, storefrontCode: string, slugs: string[], published: boolean): Promise<number> {
    if (slugs.length < 1 || slugs.length > 500) throw badInput([{ path: 'slugs', message: 'give 1 to 500 slugs' }]);
    return this.db.transaction(async () => {
      const sf = await this.storefronts.getByCode(ctx, storefrontCode);
      const unique = [...new Set(slugs)];
      const found = await this.catalog.productIdsBySlugs(ctx, unique);
      const missing = unique.filter((s) => !found.some((f) => f.slug === s));
      if (missing.length) {
        throw badInput(
          missing.map((s) => ({ path: `slugs.${slugs.indexOf(s)}`, message: `unknown product "${s.slice(0, 200)}"` })),
        );
      }
      const ids = found.map((f) => f.id);
      const changed = published ? await this.catalog.publish(ctx, sf.id, ids) : await this.catalog.unpublish(ctx, sf.id, ids);
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
      const variants = await this.catalog.variantIdsBySkus(ctx, [...new Set(input.map((p) => p.sku))]);
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
      await this.catalog.upsertPrices(
        ctx,
        rows.flatMap((r) => (r.vid ? [{ storefrontId: r.sf.id, variantId: r.vid, amountMinor: r.minor }] : [])),
      );
      this.changed();
      return rows.length;
    });
  }
}
