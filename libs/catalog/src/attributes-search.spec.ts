import {
  attributeDisplay,
  type AttributeAssignment,
  type AttributeDefinition,
  checkAssignments,
  productOptions,
  searchTerms,
  typoBudget,
} from './index';

describe('searchTerms', () => {
  it('keeps letters and digits as lower-case words, at most 10, with prefix and name-only queries', () => {
    const t = searchTerms('  Safety SHO-es 3M ')!;
    expect(t.words).toEqual(['safety', 'sho', 'es', '3m']);
    expect(t.prefixQuery).toBe('safety:* & sho:* & es:* & 3m:*');
    expect(t.nameQuery).toBe('safety:*A & sho:*A & es:*A & 3m:*A');
    expect(t.text).toBe('safety sho-es 3m');
    // Texts that differ only in letter case are the same query (the same cached page).
    expect(searchTerms('SAFETY sho-ES 3m')).toEqual(t);
    expect(searchTerms(Array.from({ length: 15 }, (_, i) => `w${i}`).join(' '))!.words).toHaveLength(10);
  });

  it('never lets tsquery or LIKE syntax through', () => {
    const t = searchTerms(`'); DROP TABLE x; -- a|b & !c:* %_\\`)!;
    expect(t.words.every((w) => /^[\p{L}\p{N}]+$/u.test(w))).toBe(true);
    expect(t.likePrefix).toBe(`'); drop table x; -- a|b & !c:* \\%\\_\\\\%`);
  });

  it('is null for blank text; text without words keeps only the LIKE prefix', () => {
    expect(searchTerms('   ')).toBeNull();
    expect(searchTerms(null)).toBeNull();
    const t = searchTerms('--')!;
    expect(t.words).toEqual([]);
    expect(t.prefixQuery).toBe('');
  });

  it('gives short words no typo budget, four letters one edit, longer words two', () => {
    expect(['saw', 'boot', 'glove', 'handschoenen', 'één'].map(typoBudget)).toEqual([0, 1, 2, 2, 0]);
    expect(searchTerms('hamer saw')!.typoBudgets).toEqual([2, 0]);
  });
});

describe('checkAssignments', () => {
  const defs = new Map<string, AttributeDefinition>([
    [
      'colour',
      {
        id: 'a-colour',
        code: 'colour',
        type: 'ENUM',
        valueIds: new Map([
          ['red', 'v-red'],
          ['blue', 'v-blue'],
        ]),
      },
    ],
    [
      'waterproof',
      {
        id: 'a-wp',
        code: 'waterproof',
        type: 'BOOLEAN',
        valueIds: new Map([
          ['true', 'v-t'],
          ['false', 'v-f'],
        ]),
      },
    ],
    ['thickness', { id: 'a-th', code: 'thickness', type: 'NUMBER', valueIds: new Map() }],
    ['care', { id: 'a-care', code: 'care', type: 'TEXT', valueIds: new Map() }],
  ]);

  it('turns each type into its cell', () => {
    const { cells, errors } = checkAssignments(
      [
        { code: 'colour', values: ['red', 'blue', 'red'] },
        { code: 'waterproof', boolean: false },
        { code: 'thickness', number: 0.5 },
        { code: 'care', text: '  Wash at 40 ' },
      ],
      defs,
      'product',
      'input.0.attributes',
    );
    expect(errors).toEqual([]);
    expect(cells).toEqual([
      { attributeId: 'a-colour', text: null, number: null, valueIds: ['v-red', 'v-blue'] },
      { attributeId: 'a-wp', text: null, number: null, valueIds: ['v-f'] },
      { attributeId: 'a-th', text: null, number: '0.5', valueIds: null },
      { attributeId: 'a-care', text: 'Wash at 40', number: null, valueIds: null },
    ]);
  });

  it.each([
    ['unknown attribute', [{ code: 'weight', number: 1 }], 'product', 'p.0.code'],
    ['wrong field', [{ code: 'care', number: 1 }], 'product', 'p.0.text'],
    ['two fields', [{ code: 'thickness', number: 1, text: 'x' }], 'product', 'p.0.number'],
    ['no field', [{ code: 'colour' }], 'product', 'p.0.values'],
    ['unknown value', [{ code: 'colour', values: ['green'] }], 'product', 'p.0.values'],
    ['two values on a variant', [{ code: 'colour', values: ['red', 'blue'] }], 'variant', 'p.0.values'],
    ['no values', [{ code: 'colour', values: [] }], 'product', 'p.0.values'],
    ['blank text', [{ code: 'care', text: '   ' }], 'product', 'p.0.text'],
    ['infinite number', [{ code: 'thickness', number: Infinity }], 'product', 'p.0.number'],
    [
      'a code twice',
      [
        { code: 'care', text: 'a' },
        { code: 'care', text: 'b' },
      ],
      'product',
      'p.1.code',
    ],
  ] as const)('refuses %s', (_name, given, owner, path) => {
    const { errors } = checkAssignments(given as unknown as AttributeAssignment[], defs, owner, 'p');
    expect(errors.map((e) => e.path)).toEqual([path]);
  });

  it('refuses more than 50 attributes at once', () => {
    const many = Array.from({ length: 51 }, () => ({ code: 'care', text: 'x' }));
    expect(checkAssignments(many, defs, 'product', 'p').errors).toEqual([{ path: 'p', message: 'at most 50 attributes' }]);
  });
});

describe('productOptions', () => {
  const choice = (code: string, position: number, value: string, valuePosition: number) => ({
    code,
    name: code.toUpperCase(),
    position,
    value: { code: value, label: value.toUpperCase(), position: valuePosition },
  });

  it('lists each option once in attribute order, its values once in value order', () => {
    const options = productOptions([
      [choice('size', 2, 'l', 3), choice('colour', 1, 'red', 2)],
      [choice('size', 2, 'm', 2), choice('colour', 1, 'red', 2)],
      [choice('size', 2, 's', 1), choice('colour', 1, 'blue', 1)],
    ]);
    expect(options).toEqual([
      {
        code: 'colour',
        name: 'COLOUR',
        values: [
          { code: 'blue', label: 'BLUE' },
          { code: 'red', label: 'RED' },
        ],
      },
      { code: 'size', name: 'SIZE', values: ['s', 'm', 'l'].map((c) => ({ code: c, label: c.toUpperCase() })) },
    ]);
    expect(productOptions([])).toEqual([]);
  });
});

describe('attributeDisplay', () => {
  it('formats each type as one line', () => {
    const base = { unit: null, text: null, number: null, labels: [] as string[] };
    expect(attributeDisplay({ ...base, type: 'NUMBER', number: '3.50', unit: 'mm' })).toBe('3.5 mm');
    expect(attributeDisplay({ ...base, type: 'NUMBER', number: '12' })).toBe('12');
    expect(attributeDisplay({ ...base, type: 'TEXT', text: 'Wash at 40' })).toBe('Wash at 40');
    expect(attributeDisplay({ ...base, type: 'ENUM', labels: ['Red', 'Blue'] })).toBe('Red, Blue');
    expect(attributeDisplay({ ...base, type: 'BOOLEAN', labels: ['Yes'] })).toBe('Yes');
  });
});
