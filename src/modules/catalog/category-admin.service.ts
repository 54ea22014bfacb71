import { Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { planCategoryTree } from '../../../libs/catalog/src';
import { badInput, type FieldError } from '../../../libs/errors/src';
import type { RequestContext } from '../../core/context/request-context';
import { ReadCache } from '../../core/cache/read-cache.service';
import { DatabaseService } from '../../core/database/database.service';
import { BrandsService } from '../tenants/brands.service';
import { CatalogRepository, type TranslationRow } from './catalog.repository';
import { type AdminCategoryRow, CategoryRepository } from './category.repository';

/** At most this many categories per brand (the whole tree is read on every write). */
export const MAX_CATEGORIES_PER_BRAND = 10_000;

export interface CategoryData {
  slug: string;
  name: string;
  description?: string | null;
  parentSlug?: string | null;
  position?: number | null;
  /** Given: replaces the category's translations; omitted or null: unchanged. */
  translations?: TranslationRow[] | null;
}

export interface ProductCategoriesData {
  productSlug: string;
  categorySlugs: string[];
}

/**
 * A brand's category tree and where the brand files products (docs/CATALOG.md). Batches are atomic: one bad
 * entry refuses the whole call with a field error naming it; another brand is NOT_FOUND.
 */
@Injectable()
export class CategoryAdminService {
  constructor(
    private readonly db: DatabaseService,
    private readonly categories: CategoryRepository,
    private readonly catalog: CatalogRepository,
    private readonly brands: BrandsService,
    private readonly cache: ReadCache,
  ) {}

  async upsertCategories(ctx: RequestContext, brandCode: string, input: CategoryData[]): Promise<AdminCategoryRow[]> {
    return this.db.transaction(async () => {
      const brand = await this.brands.getByCode(ctx, brandCode);
      const stored = await this.categories.lockedTree(ctx, brand.id);
      const plan = planCategoryTree(
        stored,
        input.map((c) => ({ slug: c.slug, parentSlug: c.parentSlug ?? null })),
        uuidv7,
      );
      if (plan.errors.length) throw badInput(plan.errors);
      const created = plan.rows.filter((r) => r.input !== null && !stored.some((s) => s.id === r.id)).length;
      if (stored.length + created > MAX_CATEGORIES_PER_BRAND) {
        throw badInput([{ path: 'input', message: `a brand holds at most ${MAX_CATEGORIES_PER_BRAND} categories` }]);
      }
      const fromInput = plan.rows.filter((r) => r.input !== null);
      await this.categories.upsert(
        ctx,
        brand.id,
        fromInput.map((r) => {
          const c = input[r.input!];
          return {
            ...r,
            name: c.name.trim(),
            description: c.description ?? null,
            position: c.position ?? 0,
          };
        }),
      );
      await this.categories.repath(
        ctx,
        brand.id,
        plan.rows.filter((r) => r.input === null),
      );
      const translated = fromInput.filter((r) => input[r.input!].translations != null);
      await this.categories.replaceTranslations(
        ctx,
        brand.id,
        translated.map((r) => r.id),
        translated.flatMap((r) =>
          input[r.input!].translations!.map((t) => ({
            categoryId: r.id,
            locale: t.locale,
            name: t.name.trim(),
            description: t.description ?? null,
          })),
        ),
      );
      this.changed();
      const rows = await this.categories.adminCategories(
        ctx,
        brand.id,
        input.map((c) => c.slug),
      );
      const bySlug = new Map(rows.map((r) => [r.slug, r]));
      return input.flatMap((c) => bySlug.get(c.slug) ?? []);
    });
  }

  async list(ctx: RequestContext, brandCode: string): Promise<AdminCategoryRow[]> {
    const brand = await this.brands.getByCode(ctx, brandCode);
    return this.categories.adminCategories(ctx, brand.id, null);
  }

  /** Replaces where each product is filed in the brand (an empty list removes it from every category); returns how many products. */
  async setProductCategories(ctx: RequestContext, brandCode: string, input: ProductCategoriesData[]): Promise<number> {
    const errors: FieldError[] = [];
    const seen = new Set<string>();
    input.forEach((e, i) => {
      if (seen.has(e.productSlug))
        errors.push({ path: `input.${i}.productSlug`, message: `product "${e.productSlug}" appears twice` });
      seen.add(e.productSlug);
    });
    if (errors.length) throw badInput(errors);
    return this.db.transaction(async () => {
      const brand = await this.brands.getByCode(ctx, brandCode);
      const products = await this.catalog.productIdsBySlugs(
        ctx,
        input.map((e) => e.productSlug),
      );
      const productId = new Map(products.map((p) => [p.slug, p.id]));
      const categories = await this.categories.idsBySlugs(ctx, brand.id, [...new Set(input.flatMap((e) => e.categorySlugs))]);
      const categoryId = new Map(categories.map((c) => [c.slug, c.id]));
      input.forEach((e, i) => {
        if (!productId.has(e.productSlug)) {
          errors.push({ path: `input.${i}.productSlug`, message: `unknown product "${e.productSlug.slice(0, 200)}"` });
        }
        e.categorySlugs.forEach((s, j) => {
          if (!categoryId.has(s))
            errors.push({ path: `input.${i}.categorySlugs.${j}`, message: `unknown category "${s.slice(0, 100)}"` });
        });
      });
      if (errors.length) throw badInput(errors);
      await this.categories.setProductCategories(
        ctx,
        brand.id,
        input.map((e) => productId.get(e.productSlug)!),
        input.flatMap((e) =>
          [...new Set(e.categorySlugs)].map((s) => ({
            productId: productId.get(e.productSlug)!,
            categoryId: categoryId.get(s)!,
          })),
        ),
      );
      this.changed();
      return input.length;
    });
  }

  /** Storefront reads are cached: every committed change here drops them. */
  private changed(): void {
    this.db.afterCommit(() => this.cache.bump());
  }
}
