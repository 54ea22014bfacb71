import type { FieldError } from '../../errors/src';

export const ATTRIBUTE_TYPES = ['TEXT', 'NUMBER', 'BOOLEAN', 'ENUM'] as const;
export type AttributeKind = (typeof ATTRIBUTE_TYPES)[number];

/** An attribute as stored: its type and the ids of its values by code (ENUM; BOOLEAN has `true` / `false`). */
export interface AttributeDefinition {
  id: string;
  code: string;
  type: AttributeKind;
  valueIds: ReadonlyMap<string, string>;
}

/** One attribute of a product or variant as given: exactly one of text, number, boolean or values. */
export interface AttributeAssignment {
  code: string;
  text?: string | null;
  number?: number | null;
  boolean?: boolean | null;
  values?: string[] | null;
}

/** What is stored for one owner and attribute (exactly one of the three is set). */
export interface AttributeCell {
  attributeId: string;
  text: string | null;
  number: string | null;
  valueIds: string[] | null;
}

export const MAX_ATTRIBUTES_PER_OWNER = 50;
export const MAX_VALUES_PER_ASSIGNMENT = 20;
export const MAX_ATTRIBUTE_NUMBER = 1e12;

const FIELD_OF: Record<AttributeKind, keyof AttributeAssignment> = {
  TEXT: 'text',
  NUMBER: 'number',
  BOOLEAN: 'boolean',
  ENUM: 'values',
};

/**
 * Checks the attributes given for one product (`owner: 'product'`) or variant against their definitions and
 * turns them into cells. A variant is one concrete article: an ENUM on a variant takes exactly one value (it is
 * one of the product's options, e.g. size M). Every problem is a field error under `path`.
 */
export function checkAssignments(
  given: readonly AttributeAssignment[],
  definitions: ReadonlyMap<string, AttributeDefinition>,
  owner: 'product' | 'variant',
  path: string,
): { cells: AttributeCell[]; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const cells: AttributeCell[] = [];
  const seen = new Set<string>();
  if (given.length > MAX_ATTRIBUTES_PER_OWNER) {
    return { cells, errors: [{ path, message: `at most ${MAX_ATTRIBUTES_PER_OWNER} attributes` }] };
  }
  given.forEach((a, j) => {
    const at = `${path}.${j}`;
    if (seen.has(a.code)) return errors.push({ path: `${at}.code`, message: `attribute "${a.code}" appears twice` });
    seen.add(a.code);
    const def = definitions.get(a.code);
    if (!def) return errors.push({ path: `${at}.code`, message: `unknown attribute "${a.code.slice(0, 50)}"` });
    const present = (['text', 'number', 'boolean', 'values'] as const).filter((k) => a[k] !== undefined && a[k] !== null);
    const field = FIELD_OF[def.type];
    if (present.length !== 1 || present[0] !== field) {
      return errors.push({ path: `${at}.${field}`, message: `a ${def.type} attribute takes ${field} (and nothing else)` });
    }
    const cell: AttributeCell = { attributeId: def.id, text: null, number: null, valueIds: null };
    if (def.type === 'TEXT') {
      const text = (a.text ?? '').trim();
      if (!text || text.length > 1000) return errors.push({ path: `${at}.text`, message: 'must be 1 to 1,000 characters' });
      cell.text = text;
    } else if (def.type === 'NUMBER') {
      const n = a.number as number;
      if (!Number.isFinite(n) || Math.abs(n) > MAX_ATTRIBUTE_NUMBER) {
        return errors.push({ path: `${at}.number`, message: 'must be a finite number between -1e12 and 1e12' });
      }
      cell.number = String(n);
    } else {
      const codes = def.type === 'BOOLEAN' ? [String(a.boolean)] : (a.values ?? []);
      const max = owner === 'variant' ? 1 : MAX_VALUES_PER_ASSIGNMENT;
      if (def.type === 'ENUM' && (codes.length < 1 || codes.length > max)) {
        const message = owner === 'variant' ? 'a variant takes exactly one value' : `give 1 to ${max} values`;
        return errors.push({ path: `${at}.values`, message });
      }
      const unique = [...new Set(codes)];
      const unknown = unique.filter((c) => !def.valueIds.has(c));
      if (unknown.length) {
        return errors.push({
          path: `${at}.${field}`,
          message: `unknown value ${unknown.map((c) => `"${c.slice(0, 50)}"`).join(', ')} of "${def.code}"`,
        });
      }
      cell.valueIds = unique.map((c) => def.valueIds.get(c)!);
    }
    cells.push(cell);
  });
  return { cells, errors };
}

/** An ENUM value of a variant, as the product page's selectors need it. */
export interface OptionChoice {
  code: string;
  name: string;
  position: number;
  value: { code: string; label: string; position: number };
}

export interface ProductOptionShape {
  code: string;
  name: string;
  values: { code: string; label: string }[];
}

/**
 * The product's option selectors from its visible variants' options: one per attribute (attribute position, then
 * code), each with the values in use (value position, then code), every value once.
 */
export function productOptions(variants: readonly (readonly OptionChoice[])[]): ProductOptionShape[] {
  const byCode = new Map<string, { o: OptionChoice; values: Map<string, OptionChoice['value']> }>();
  for (const choice of variants.flat()) {
    const entry = byCode.get(choice.code) ?? { o: choice, values: new Map() };
    entry.values.set(choice.value.code, choice.value);
    byCode.set(choice.code, entry);
  }
  const order = <T extends { position: number; code: string }>(a: T, b: T) =>
    a.position - b.position || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
  return [...byCode.values()]
    .sort((a, b) => order(a.o, b.o))
    .map(({ o, values }) => ({
      code: o.code,
      name: o.name,
      values: [...values.values()].sort(order).map((v) => ({ code: v.code, label: v.label })),
    }));
}

/** An attribute's value as one line of text for a spec table: "3.5 mm", "Yes", "Red, Blue". */
export function attributeDisplay(a: {
  type: AttributeKind;
  unit: string | null;
  text: string | null;
  number: string | null;
  labels: string[];
}): string {
  if (a.type === 'TEXT') return a.text ?? '';
  if (a.type === 'NUMBER') {
    const n = a.number === null ? '' : String(Number(a.number));
    return a.unit ? `${n} ${a.unit}` : n;
  }
  return a.labels.join(', ');
}
