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
import { AttributeAdminService } from './attribute-admin.service';
import type { AttributeAssignment } from '../../../libs/catalog/src';

/** An image reference as given (its position is its index in the list). */
export interface ImageData {
  url: string;
  alt?: string | null;
  width?: number | null;
  height?: number | null;
}

export interface TranslationData {
  locale: string;
  name: string;
  description?: string | null;
}

/** `images` and `translations`: given (even empty) they replace the stored list; omitted or null they leave it. */
export interface ProductData {
  slug: string;
  name: string;
  description?: string | null;
  taxCategory?: TaxCategory | null;
  images?: ImageData[] | null;
  translations?: TranslationData[] | null;
  /** Replaces the product's attributes when given ([] removes them); omitted or null: unchanged. */
  attributes?: AttributeAssignment[] | null;
  variants: {
    sku: string;
    name: string;
    images?: ImageData[] | null;
    translations?: TranslationData[] | null;
    attributes?: AttributeAssignment[] | null;
  }[];
}

const MEDIA_COLUMNS = (owner: string): [string, string][] => [
  [owner, 'uuid'],
  ['position', 'int'],
  ['url', 'text'],
  ['alt', 'text'],
  ['width', 'int'],
  ['height', 'int'],
];
const mediaRow = (ownerId: string, m: ImageData, position: number) => [
  ownerId,
  position,
  m.url,
  m.alt ?? null,
  m.width ?? null,
  m.height ?? null,
];

/** Width and height come together (a layout reserves the space only with both). */
function imageErrors(images: ImageData[] | null | undefined, path: string): FieldError[] {
  return (images ?? []).flatMap((m, j) =>
    (m.width == null) !== (m.height == null) ? [{ path: `${path}.${j}.height`, message: 'give width and height together' }] : [],
  );
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
    private readonly attributes: AttributeAdminService,
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
    input.forEach((p, i) => {
      errors.push(...imageErrors(p.images, `input.${i}.images`));
      p.variants.forEach((v, j) => errors.push(...imageErrors(v.images, `input.${i}.variants.${j}.images`)));
    });
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
      const variants = await this.catalog.upsertVariants(
        ctx,
        allVariants.map((v, i) => ({
          id: uuidv7(),
          productId: idBySlug.get(v.slug),
          sku: v.sku,
          name: v.name.trim(),
          position: positions[i],
        })),
      );
      const idBySku = new Map(variants.map((v) => [v.sku, v.id]));
      await this.writeContent(ctx, input, idBySlug, idBySku);
      await this.attributes.assign(
        ctx,
        input.flatMap((p, i) =>
          p.attributes ? [{ id: idBySlug.get(p.slug)!, attributes: p.attributes, path: `input.${i}.attributes` }] : [],
        ),
        input.flatMap((p, i) =>
          p.variants.flatMap((v, j) =>
            v.attributes
              ? [{ id: idBySku.get(v.sku)!, attributes: v.attributes, path: `input.${i}.variants.${j}.attributes` }]
              : [],
          ),
        ),
        products.map((p) => p.id),
      );
      await this.catalog.addSearchWords(
        ctx,
        products.map((p) => p.id),
      );
      this.changed();
      return this.productsBySlugs(
        ctx,
        input.map((p) => p.slug),
      );
    });
  }

  /** Images and translations of products and variants, for the owners whose lists were given (4 × 2 statements at most). */
  private async writeContent(
    ctx: RequestContext,
    input: ProductData[],
    productIds: Map<string, string>,
    variantIds: Map<string, string>,
  ): Promise<void> {
    const products = input.map((p) => ({ id: productIds.get(p.slug)!, p }));
    const variants = input.flatMap((p) => p.variants.map((v) => ({ id: variantIds.get(v.sku)!, v })));
    const withImages = products.filter((x) => x.p.images != null);
    await this.catalog.replaceOwned(
      ctx,
      'product_media',
      withImages.map((x) => x.id),
      MEDIA_COLUMNS('product_id'),
      withImages.flatMap((x) => x.p.images!.map((m, j) => mediaRow(x.id, m, j))),
    );
    const variantsWithImages = variants.filter((x) => x.v.images != null);
    await this.catalog.replaceOwned(
      ctx,
      'variant_media',
      variantsWithImages.map((x) => x.id),
      MEDIA_COLUMNS('variant_id'),
      variantsWithImages.flatMap((x) => x.v.images!.map((m, j) => mediaRow(x.id, m, j))),
    );
    const translated = products.filter((x) => x.p.translations != null);
    await this.catalog.replaceOwned(
      ctx,
      'product_translation',
      translated.map((x) => x.id),
      [
        ['product_id', 'uuid'],
        ['locale', 'text'],
        ['name', 'text'],
        ['description', 'text'],
      ],
      translated.flatMap((x) => x.p.translations!.map((t) => [x.id, t.locale, t.name.trim(), t.description ?? null])),
    );
    const variantsTranslated = variants.filter((x) => x.v.translations != null);
    await this.catalog.replaceOwned(
      ctx,
      'variant_translation',
      variantsTranslated.map((x) => x.id),
      [
        ['variant_id', 'uuid'],
        ['locale', 'text'],
        ['name', 'text'],
      ],
      variantsTranslated.flatMap((x) => x.v.translations!.map((t) => [x.id, t.locale, t.name.trim()])),
    );
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
