import type { FieldError } from '../../errors/src';

export const MAX_CATEGORY_DEPTH = 10;

/** A category as stored: `path` holds the ids from the root down to the category itself. */
export interface StoredCategory {
  id: string;
  slug: string;
  parentId: string | null;
  path: string[];
}

/** One entry of an upsert: the category's parent by slug (null: a root). */
export interface CategoryChange {
  slug: string;
  parentSlug: string | null;
}

/** A row to write: every entry of the batch, and every stored category whose ancestry changed. */
export interface PlannedCategory {
  id: string;
  slug: string;
  parentId: string | null;
  path: string[];
  /** Index of the batch entry, or null for a stored category moved along with its ancestor. */
  input: number | null;
}

/**
 * Merges a batch of changes into a brand's tree: resolves parents by slug (in the batch or stored), refuses
 * duplicate slugs, unknown parents, cycles (a category under itself or its own descendant) and a depth
 * above MAX_CATEGORY_DEPTH, naming the batch entries at fault; otherwise returns the rows whose id, parent
 * or path is new. Pure: ids of new categories come from `newId`.
 */
export function planCategoryTree(
  stored: readonly StoredCategory[],
  changes: readonly CategoryChange[],
  newId: () => string,
  pathPrefix = 'input',
): { errors: FieldError[]; rows: PlannedCategory[] } {
  const errors: FieldError[] = [];
  const bySlug = new Map<string, { id: string; parentSlug: string | null; input: number | null; oldPath: string[] | null }>();
  const slugOfId = new Map(stored.map((c) => [c.id, c.slug]));
  for (const c of stored) {
    bySlug.set(c.slug, {
      id: c.id,
      parentSlug: c.parentId ? (slugOfId.get(c.parentId) ?? null) : null,
      input: null,
      oldPath: c.path,
    });
  }
  const seen = new Set<string>();
  changes.forEach((ch, i) => {
    if (seen.has(ch.slug)) errors.push({ path: `${pathPrefix}.${i}.slug`, message: `slug "${ch.slug}" appears twice` });
    seen.add(ch.slug);
  });
  if (errors.length) return { errors, rows: [] };
  changes.forEach((ch, i) => {
    const old = bySlug.get(ch.slug);
    bySlug.set(ch.slug, { id: old?.id ?? newId(), parentSlug: ch.parentSlug, input: i, oldPath: old?.oldPath ?? null });
  });
  changes.forEach((ch, i) => {
    if (ch.parentSlug === null) return;
    if (ch.parentSlug === ch.slug) {
      errors.push({ path: `${pathPrefix}.${i}.parentSlug`, message: 'a category cannot be its own parent' });
    } else if (!bySlug.has(ch.parentSlug)) {
      errors.push({ path: `${pathPrefix}.${i}.parentSlug`, message: `unknown category "${ch.parentSlug.slice(0, 100)}"` });
    }
  });
  if (errors.length) return { errors, rows: [] };

  // Slug chains from each category up to its root, computed once per category (iteratively: no deep recursion).
  const chains = new Map<string, string[] | 'cycle'>();
  const blamed = new Set<number>();
  for (const start of bySlug.keys()) {
    if (chains.has(start)) continue;
    const walk: string[] = [];
    const onWalk = new Set<string>();
    let at: string | null = start;
    let tail: string[] | 'cycle' = [];
    while (at !== null) {
      const known = chains.get(at);
      if (known !== undefined) {
        tail = known;
        break;
      }
      if (onWalk.has(at)) {
        // A cycle: every batch entry on it is at fault (the stored tree has none).
        for (const s of walk.slice(walk.indexOf(at))) {
          const n = bySlug.get(s)!;
          if (n.input !== null) blamed.add(n.input);
        }
        tail = 'cycle';
        break;
      }
      walk.push(at);
      onWalk.add(at);
      at = bySlug.get(at)!.parentSlug;
    }
    // Assign chains from the top of the walk down (each slug's chain is its parent's plus itself).
    for (let k = walk.length - 1; k >= 0; k--) {
      tail = tail === 'cycle' ? 'cycle' : [...tail, walk[k]];
      chains.set(walk[k], tail);
    }
  }
  for (const i of [...blamed].sort((a, b) => a - b)) {
    errors.push({
      path: `${pathPrefix}.${i}.parentSlug`,
      message: 'would put the category under itself or one of its own descendants',
    });
  }
  if (errors.length) return { errors, rows: [] };

  const tooDeep = new Set<number>();
  const rows: PlannedCategory[] = [];
  for (const [slug, n] of bySlug) {
    const chain = chains.get(slug) as string[];
    if (chain.length > MAX_CATEGORY_DEPTH) {
      // The deepest batch entry on the chain made it too deep (the stored tree was within the limit).
      const culprit = [...chain].reverse().find((s) => bySlug.get(s)!.input !== null);
      if (culprit) tooDeep.add(bySlug.get(culprit)!.input!);
      continue;
    }
    const path = chain.map((s) => bySlug.get(s)!.id);
    const parentId = n.parentSlug === null ? null : bySlug.get(n.parentSlug)!.id;
    const unchanged = n.input === null && n.oldPath !== null && n.oldPath.join('/') === path.join('/');
    if (!unchanged) rows.push({ id: n.id, slug, parentId, path, input: n.input });
  }
  for (const i of [...tooDeep].sort((a, b) => a - b)) {
    errors.push({ path: `${pathPrefix}.${i}.parentSlug`, message: `the tree would be deeper than ${MAX_CATEGORY_DEPTH} levels` });
  }
  return errors.length ? { errors, rows: [] } : { errors, rows };
}
