import { Injectable } from '@nestjs/common';
import type { RequestContext } from '../../core/context/request-context';
import { ReadCache } from '../../core/cache/read-cache.service';
import type { CategoryType } from './graphql/storefront/catalog.types';
import { CategoryRepository, type StorefrontCategoryRow } from './category.repository';

/** The tree a storefront shows: roots in order, every category by id and by slug. */
export interface StorefrontTree {
  roots: CategoryType[];
  /** Depth-first, in order: what `categories(flat: true)` lists. */
  flat: CategoryType[];
  byId: Map<string, CategoryType>;
  bySlug: Map<string, CategoryType>;
}

/**
 * Categories as a storefront shows them (docs/CATALOG.md): the visible tree with counts, in the storefront's
 * locale, from one statement kept in the ReadCache per storefront and locale; everything else (a category by
 * slug, breadcrumbs, a product's categories) is read from that tree.
 */
@Injectable()
export class CategoryReadService {
  constructor(
    private readonly categories: CategoryRepository,
    private readonly cache: ReadCache,
  ) {}

  tree(ctx: RequestContext): Promise<StorefrontTree> {
    const sf = ctx.requireStorefront();
    return this.cache.get(JSON.stringify(['categories', sf.id, sf.locale]), async () =>
      buildTree(await this.categories.storefrontCategories(ctx)),
    );
  }

  async list(ctx: RequestContext, flat: boolean): Promise<CategoryType[]> {
    const t = await this.tree(ctx);
    return flat ? t.flat : t.roots;
  }

  async bySlug(ctx: RequestContext, slug: string): Promise<CategoryType | null> {
    return (await this.tree(ctx)).bySlug.get(slug) ?? null;
  }

  /** The visible categories of these ids, in tree order. */
  async byIds(ctx: RequestContext, ids: readonly string[]): Promise<CategoryType[]> {
    if (!ids.length) return [];
    const t = await this.tree(ctx);
    const wanted = new Set(ids);
    return t.flat.filter((c) => wanted.has(c.id));
  }
}

/** Rows come parents first (ordered by depth, position, slug): one pass links them. */
export function buildTree(rows: StorefrontCategoryRow[]): StorefrontTree {
  const byId = new Map<string, CategoryType>();
  const roots: CategoryType[] = [];
  for (const r of rows) {
    const parent = r.parent_id ? byId.get(r.parent_id) : undefined;
    if (r.parent_id && !parent) continue; // cannot happen: counts reach every ancestor
    const c: CategoryType = {
      id: r.id,
      slug: r.slug,
      name: r.name,
      description: r.description,
      position: r.position,
      depth: r.path.length,
      parentSlug: parent?.slug ?? null,
      children: [],
      breadcrumbs: [],
      productCount: Number(r.product_count),
    };
    c.breadcrumbs = [...(parent?.breadcrumbs ?? []), c];
    (parent ? parent.children : roots).push(c);
    byId.set(c.id, c);
  }
  const flat: CategoryType[] = [];
  const stack = [...roots].reverse();
  while (stack.length) {
    const c = stack.pop()!;
    flat.push(c);
    for (let i = c.children.length - 1; i >= 0; i--) stack.push(c.children[i]);
  }
  return { roots, flat, byId, bySlug: new Map(flat.map((c) => [c.slug, c])) };
}
