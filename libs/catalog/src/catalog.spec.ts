import {
  isContentLocale,
  localeFallbacks,
  MAX_CATEGORY_DEPTH,
  mediaUrlProblem,
  planCategoryTree,
  type StoredCategory,
} from './index';

function ids() {
  let n = 0;
  return () => `id-${++n}`;
}

/** A stored tree from `slug: parentSlug` pairs (parents first). */
function stored(pairs: [string, string | null][]): StoredCategory[] {
  const out: StoredCategory[] = [];
  for (const [slug, parent] of pairs) {
    const p = parent ? out.find((c) => c.slug === parent)! : null;
    out.push({ id: `s-${slug}`, slug, parentId: p?.id ?? null, path: [...(p?.path ?? []), `s-${slug}`] });
  }
  return out;
}

describe('planCategoryTree', () => {
  const tree = stored([
    ['tools', null],
    ['hand-tools', 'tools'],
    ['hammers', 'hand-tools'],
    ['garden', null],
  ]);

  it('creates a subtree whose parents come later in the batch', () => {
    const { errors, rows } = planCategoryTree(
      [],
      [
        { slug: 'child', parentSlug: 'root' },
        { slug: 'root', parentSlug: null },
      ],
      ids(),
    );
    expect(errors).toEqual([]);
    const bySlug = Object.fromEntries(rows.map((r) => [r.slug, r]));
    expect(bySlug.root).toEqual({ id: 'id-2', slug: 'root', parentId: null, path: ['id-2'], input: 1 });
    expect(bySlug.child).toEqual({ id: 'id-1', slug: 'child', parentId: 'id-2', path: ['id-2', 'id-1'], input: 0 });
  });

  it('keeps ids, and rewrites the paths of a moved subtree only', () => {
    const { errors, rows } = planCategoryTree(tree, [{ slug: 'hand-tools', parentSlug: 'garden' }], ids());
    expect(errors).toEqual([]);
    expect(rows).toEqual([
      { id: 's-hand-tools', slug: 'hand-tools', parentId: 's-garden', path: ['s-garden', 's-hand-tools'], input: 0 },
      {
        id: 's-hammers',
        slug: 'hammers',
        parentId: 's-hand-tools',
        path: ['s-garden', 's-hand-tools', 's-hammers'],
        input: null,
      },
    ]);
  });

  it('an unchanged entry is still written (names may change); untouched categories are not', () => {
    const { rows } = planCategoryTree(tree, [{ slug: 'tools', parentSlug: null }], ids());
    expect(rows.map((r) => r.slug)).toEqual(['tools']);
  });

  it.each([
    ['under its own child', [{ slug: 'tools', parentSlug: 'hand-tools' }], ['input.0.parentSlug']],
    ['under its own grandchild', [{ slug: 'tools', parentSlug: 'hammers' }], ['input.0.parentSlug']],
    ['under itself', [{ slug: 'tools', parentSlug: 'tools' }], ['input.0.parentSlug']],
    [
      'a cycle within the batch',
      [
        { slug: 'a', parentSlug: 'b' },
        { slug: 'b', parentSlug: 'a' },
        { slug: 'c', parentSlug: null },
      ],
      ['input.0.parentSlug', 'input.1.parentSlug'],
    ],
    ['an unknown parent', [{ slug: 'x', parentSlug: 'nope' }], ['input.0.parentSlug']],
    [
      'a duplicate slug',
      [
        { slug: 'x', parentSlug: null },
        { slug: 'x', parentSlug: null },
      ],
      ['input.1.slug'],
    ],
  ])('refuses %s, naming the entries', (_name, changes, paths) => {
    const { errors, rows } = planCategoryTree(tree, changes, ids());
    expect(errors.map((e) => e.path)).toEqual(paths);
    expect(rows).toEqual([]);
  });

  it(`allows depth ${MAX_CATEGORY_DEPTH}, not ${MAX_CATEGORY_DEPTH + 1}`, () => {
    const chain = (n: number) => Array.from({ length: n }, (_, i) => ({ slug: `l${i}`, parentSlug: i ? `l${i - 1}` : null }));
    expect(planCategoryTree([], chain(MAX_CATEGORY_DEPTH), ids()).errors).toEqual([]);
    expect(planCategoryTree([], chain(MAX_CATEGORY_DEPTH + 1), ids()).errors.map((e) => e.path)).toEqual([
      `input.${MAX_CATEGORY_DEPTH}.parentSlug`,
    ]);
  });

  it('blames the moved entry when a stored descendant would become too deep', () => {
    const deep = stored(Array.from({ length: 8 }, (_, i) => [`d${i}`, i ? `d${i - 1}` : null] as [string, string | null]));
    const sub = stored([
      ['top', null],
      ['mid', 'top'],
      ['leaf', 'mid'],
    ]);
    // d7 has depth 8; top under d7 → leaf at depth 11.
    const { errors } = planCategoryTree([...deep, ...sub], [{ slug: 'top', parentSlug: 'd7' }], ids());
    expect(errors.map((e) => e.path)).toEqual(['input.0.parentSlug']);
  });

  it('handles a long chain without recursion', () => {
    const long = stored(Array.from({ length: 5000 }, (_, i) => [`c${i}`, null] as [string, string | null]));
    expect(planCategoryTree(long, [{ slug: 'c1', parentSlug: 'c0' }], ids()).errors).toEqual([]);
  });
});

describe('content locales', () => {
  it.each(['nl', 'en', 'nl-NL', 'nl-BE', 'de-AT', 'fy-NL'])('accepts %s', (l) => expect(isContentLocale(l)).toBe(true));
  it.each(['', 'NL', 'nl_NL', 'nl-nl', 'xx', 'nl-ZZ', 'nl-NL-x', "nl'; DROP TABLE x", 'e', 42, null])('refuses %s', (l) =>
    expect(isContentLocale(l)).toBe(false),
  );
  it('falls back from the exact locale to its language', () => {
    expect(localeFallbacks('nl-BE')).toEqual(['nl-BE', 'nl']);
    expect(localeFallbacks('nl')).toEqual(['nl', 'nl']);
  });
});

describe('media URLs', () => {
  it.each(['https://images.example.com/a.jpg', 'https://cdn.example.com/p/1.webp?w=800&h=600'])('accepts %s', (u) =>
    expect(mediaUrlProblem(u)).toBeNull(),
  );
  it.each([
    ['http', 'http://images.example.com/a.jpg'],
    ['javascript', 'javascript:alert(1)'],
    ['data', 'data:image/png;base64,AAAA'],
    ['relative', '/a.jpg'],
    ['credentials', 'https://user:pw@images.example.com/a.jpg'],
    ['spaces', 'https://images.example.com/a b.jpg'],
    ['too long', `https://images.example.com/${'a'.repeat(2000)}`],
    ['empty', ''],
    ['not a string', 5],
  ])('refuses %s', (_n, u) => expect(mediaUrlProblem(u)).not.toBeNull());
});
