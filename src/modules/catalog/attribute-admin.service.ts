import { Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import {
  type AttributeAssignment,
  type AttributeCell,
  type AttributeDefinition,
  type AttributeKind,
  checkAssignments,
} from '../../../libs/catalog/src';
import { badInput, type FieldError } from '../../../libs/errors/src';
import { ReadCache } from '../../core/cache/read-cache.service';
import type { RequestContext } from '../../core/context/request-context';
import { DatabaseService } from '../../core/database/database.service';
import { AttributeRepository, type AttributeRow } from './attribute.repository';

export interface AttributeValueData {
  code: string;
  label: string;
  position?: number | null;
  translations?: { locale: string; label: string }[] | null;
}

export interface AttributeData {
  code: string;
  name: string;
  type: AttributeKind;
  unit?: string | null;
  filterable?: boolean | null;
  position?: number | null;
  translations?: { locale: string; name: string }[] | null;
  values?: AttributeValueData[] | null;
}

/** A product or variant whose attributes were given (they replace its set). */
export interface AttributeOwner {
  id: string;
  attributes: AttributeAssignment[];
  /** Where its list is in the input, for field errors (`input.0.attributes`). */
  path: string;
}

const BOOLEAN_VALUES = [
  { code: 'true', label: 'Yes' },
  { code: 'false', label: 'No' },
];

/**
 * Attributes of the shared catalog (`upsertAttributes`) and their values on products and variants (through
 * `upsertProducts`, which calls `assign` inside its transaction). docs/CATALOG.md, "Attributes and facets".
 */
@Injectable()
export class AttributeAdminService {
  constructor(
    private readonly db: DatabaseService,
    private readonly attributes: AttributeRepository,
    private readonly cache: ReadCache,
  ) {}

  list(ctx: RequestContext): Promise<AttributeRow[]> {
    return this.attributes.byCodes(ctx, null);
  }

  async upsertAttributes(ctx: RequestContext, input: AttributeData[]): Promise<AttributeRow[]> {
    const errors: FieldError[] = [];
    const seen = new Set<string>();
    input.forEach((a, i) => {
      if (seen.has(a.code)) errors.push({ path: `input.${i}.code`, message: `attribute "${a.code}" appears twice` });
      seen.add(a.code);
      if (a.unit != null && a.type !== 'NUMBER') errors.push({ path: `input.${i}.unit`, message: 'only a NUMBER has a unit' });
      if (a.filterable && a.type !== 'ENUM' && a.type !== 'BOOLEAN') {
        errors.push({ path: `input.${i}.filterable`, message: 'only ENUM and BOOLEAN attributes are facets' });
      }
      if (a.values?.length && a.type !== 'ENUM' && a.type !== 'BOOLEAN') {
        errors.push({ path: `input.${i}.values`, message: `a ${a.type} attribute has no values` });
      }
      a.values?.forEach((v, j) => {
        if (a.type === 'BOOLEAN' && v.code !== 'true' && v.code !== 'false') {
          errors.push({ path: `input.${i}.values.${j}.code`, message: 'a BOOLEAN attribute has the values true and false' });
        }
      });
    });
    if (errors.length) throw badInput(errors);

    return this.db.transaction(async () => {
      const stored = new Map((await this.attributes.byCodes(ctx, [...seen])).map((a) => [a.code, a]));
      input.forEach((a, i) => {
        const old = stored.get(a.code);
        if (old && old.type !== a.type) {
          errors.push({ path: `input.${i}.type`, message: `"${a.code}" is ${old.type}: a type never changes` });
        }
        if (a.type === 'ENUM' && !a.values?.length && !old?.values.length) {
          errors.push({ path: `input.${i}.values`, message: 'an ENUM attribute needs at least one value' });
        }
      });
      if (errors.length) throw badInput(errors);

      const saved = await this.attributes.upsert(
        ctx,
        input.map((a) => ({
          id: uuidv7(),
          code: a.code,
          name: a.name.trim(),
          type: a.type,
          unit: a.unit?.trim() || null,
          filterable: a.filterable ?? false,
          position: a.position ?? 0,
        })),
      );
      const attributeId = new Map(saved.map((s) => [s.code, s.id]));
      const values = input.flatMap((a) => {
        const given = a.values ?? [];
        const implicit: AttributeValueData[] =
          a.type === 'BOOLEAN'
            ? BOOLEAN_VALUES.filter(
                (b) => !given.some((g) => g.code === b.code) && !stored.get(a.code)?.values.some((s) => s.code === b.code),
              )
            : [];
        return [...given, ...implicit].map((v, j) => ({
          id: uuidv7(),
          attributeCode: a.code,
          code: v.code,
          label: v.label.trim(),
          position: v.position ?? j,
          translations: v.translations ?? null,
        }));
      });
      const savedValues = await this.attributes.upsertValues(ctx, values);
      const valueId = new Map(savedValues.map((v) => [`${v.attribute_code}\u0000${v.code}`, v.id]));

      const translated = input.filter((a) => a.translations != null);
      await this.attributes.replaceTranslations(
        ctx,
        'attribute_translation',
        translated.map((a) => attributeId.get(a.code)!),
        translated.flatMap((a) =>
          a.translations!.map((t) => ({ ownerId: attributeId.get(a.code)!, locale: t.locale, text: t.name.trim() })),
        ),
      );
      const valuesTranslated = values.filter((v) => v.translations != null);
      const idOf = (v: (typeof values)[number]) => valueId.get(`${v.attributeCode}\u0000${v.code}`)!;
      await this.attributes.replaceTranslations(
        ctx,
        'attribute_value_translation',
        valuesTranslated.map(idOf),
        valuesTranslated.flatMap((v) =>
          v.translations!.map((t) => ({ ownerId: idOf(v), locale: t.locale, text: t.label.trim() })),
        ),
      );
      this.db.afterCommit(() => this.cache.bump());
      const byCode = new Map((await this.attributes.byCodes(ctx, [...seen])).map((a) => [a.code, a]));
      return input.map((a) => byCode.get(a.code)!);
    });
  }

  /**
   * Checks and stores the attributes of products and variants whose lists were given (each list replaces the
   * owner's set), then recomputes the facet values of every variant of `productIds`. Runs inside the caller's
   * transaction; throws BAD_USER_INPUT naming every bad entry before writing anything.
   */
  async assign(ctx: RequestContext, products: AttributeOwner[], variants: AttributeOwner[], productIds: string[]): Promise<void> {
    const codes = [...new Set([...products, ...variants].flatMap((o) => o.attributes.map((a) => a.code)))];
    const definitions = new Map<string, AttributeDefinition>();
    if (codes.length) {
      for (const a of await this.attributes.byCodes(ctx, codes)) {
        definitions.set(a.code, { id: a.id, code: a.code, type: a.type, valueIds: new Map(a.values.map((v) => [v.code, v.id])) });
      }
    }
    const errors: FieldError[] = [];
    const check = (owners: AttributeOwner[], kind: 'product' | 'variant') =>
      owners.flatMap((o) => {
        const r = checkAssignments(o.attributes, definitions, kind, o.path);
        errors.push(...r.errors);
        return r.cells.map((c): AttributeCell & { ownerId: string } => ({ ...c, ownerId: o.id }));
      });
    const productCells = check(products, 'product');
    const variantCells = check(variants, 'variant');
    if (errors.length) throw badInput(errors);
    await this.attributes.replaceCells(
      ctx,
      'product',
      products.map((o) => o.id),
      productCells,
    );
    await this.attributes.replaceCells(
      ctx,
      'variant',
      variants.map((o) => o.id),
      variantCells,
    );
    if (productIds.length) await this.attributes.refreshFacetValues(ctx, productIds);
  }
}
