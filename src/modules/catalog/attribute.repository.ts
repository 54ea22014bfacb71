import { Injectable } from '@nestjs/common';
import type { AttributeCell, AttributeKind } from '../../../libs/catalog/src';
import type { RequestContext } from '../../core/context/request-context';
import { DatabaseService } from '../../core/database/database.service';
import { Repository } from '../../core/database/repository';
import { localesParam, translated, translationsJson } from './catalog-sql';

/** An attribute's own columns, as written. */
export interface AttributeWrite {
  id: string;
  code: string;
  name: string;
  type: AttributeKind;
  unit: string | null;
  filterable: boolean;
  position: number;
}

/** An attribute of the shared catalog with its values (admin view and write checks). */
export interface AttributeRow extends AttributeWrite {
  translations: { locale: string; name: string }[];
  values: { id: string; code: string; label: string; position: number; translations: { locale: string; label: string }[] }[];
}

export interface AttributeValueWrite {
  id: string;
  attributeCode: string;
  code: string;
  label: string;
  position: number;
}

/** One attribute of a product or of one of its variants, in the storefront's locale. */
export interface StorefrontAttributeRow {
  /** `p`: of the product; `v`: of the variant `owner_id`. */
  kind: 'p' | 'v';
  owner_id: string;
  product_id: string;
  code: string;
  name: string;
  type: AttributeKind;
  unit: string | null;
  position: number;
  text_value: string | null;
  number_value: string | null;
  vals: { code: string; label: string; position: number }[] | null;
}

/**
 * SQL of attributes and their values on products and variants (shared catalog, like products: written by the super
 * admin or a CATALOG_WRITE key; storefronts read labels in their locale).
 */
@Injectable()
export class AttributeRepository extends Repository {
  constructor(db: DatabaseService) {
    super(db);
  }

  /** Attributes by code (all of them with `codes` null), values and translations included, in display order. */
  byCodes(ctx: RequestContext, codes: string[] | null): Promise<AttributeRow[]> {
    const p = this.params(ctx);
    const c = p.add(codes);
    return this.run(
      p,
      `SELECT a.id, a.code, a.name, a.type, a.unit, a.filterable, a.position,
              ${translationsJson('attribute_translation', 'attribute_id', 'a.id', ['name'])} AS translations,
              coalesce((SELECT json_agg(json_build_object('id', av.id, 'code', av.code, 'label', av.label, 'position', av.position,
                                                          'translations', ${translationsJson('attribute_value_translation', 'value_id', 'av.id', ['label'])})
                                        ORDER BY av.position, av.code)
                          FROM attribute_value av WHERE av.attribute_id = a.id), '[]') AS values
         FROM attribute a
        WHERE ${c}::text[] IS NULL OR a.code = ANY(${c}::text[])
        ORDER BY a.position, a.code`,
    );
  }

  /** Creates or updates attributes by code (one statement); the type never changes (checked before). */
  upsert(ctx: RequestContext, rows: AttributeWrite[]): Promise<{ id: string; code: string }[]> {
    const p = this.params(ctx);
    const col = <K extends keyof AttributeWrite>(k: K) => p.add(rows.map((r) => r[k]));
    return this.run(
      p,
      `INSERT INTO attribute (id, code, name, type, unit, filterable, position)
       SELECT * FROM unnest(${col('id')}::uuid[], ${col('code')}::text[], ${col('name')}::text[], ${col('type')}::text[],
                            ${col('unit')}::text[], ${col('filterable')}::boolean[], ${col('position')}::int[])
       ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, unit = EXCLUDED.unit, filterable = EXCLUDED.filterable,
                                        position = EXCLUDED.position, updated_at = now()
       RETURNING id, code`,
    );
  }

  /** Creates or updates values by (attribute, code) (one statement); returns their ids. */
  upsertValues(
    ctx: RequestContext,
    rows: AttributeValueWrite[],
  ): Promise<{ id: string; attribute_code: string; code: string }[]> {
    if (!rows.length) return Promise.resolve([]);
    const p = this.params(ctx);
    const col = <K extends keyof AttributeValueWrite>(k: K) => p.add(rows.map((r) => r[k]));
    return this.run(
      p,
      `WITH ins AS (
         INSERT INTO attribute_value (id, attribute_id, code, label, position)
         SELECT t.id, a.id, t.code, t.label, t.position
           FROM unnest(${col('id')}::uuid[], ${col('attributeCode')}::text[], ${col('code')}::text[], ${col('label')}::text[],
                       ${col('position')}::int[]) AS t(id, attribute_code, code, label, position)
           JOIN attribute a ON a.code = t.attribute_code
         ON CONFLICT (attribute_id, code) DO UPDATE SET label = EXCLUDED.label, position = EXCLUDED.position
         RETURNING id, attribute_id, code)
       SELECT ins.id, a.code AS attribute_code, ins.code FROM ins JOIN attribute a ON a.id = ins.attribute_id`,
    );
  }

  /** Replaces the translations of these attributes or values (two statements). */
  async replaceTranslations(
    ctx: RequestContext,
    table: 'attribute_translation' | 'attribute_value_translation',
    ownerIds: string[],
    rows: { ownerId: string; locale: string; text: string }[],
  ): Promise<void> {
    if (!ownerIds.length) return;
    const [owner, field] = table === 'attribute_translation' ? ['attribute_id', 'name'] : ['value_id', 'label'];
    const p = this.params(ctx);
    await this.run(p, `DELETE FROM ${table} WHERE ${owner} = ANY(${p.add(ownerIds)}::uuid[])`);
    if (!rows.length) return;
    const q = this.params(ctx);
    await this.run(
      q,
      `INSERT INTO ${table} (${owner}, locale, ${field})
       SELECT * FROM unnest(${q.add(rows.map((r) => r.ownerId))}::uuid[], ${q.add(rows.map((r) => r.locale))}::text[],
                            ${q.add(rows.map((r) => r.text))}::text[])`,
    );
  }

  /** Replaces the attributes of these products or variants with `cells` (two statements). */
  async replaceCells(
    ctx: RequestContext,
    owner: 'product' | 'variant',
    ownerIds: string[],
    cells: (AttributeCell & { ownerId: string })[],
  ): Promise<void> {
    if (!ownerIds.length) return;
    const table = `${owner}_attribute`;
    const p = this.params(ctx);
    await this.run(p, `DELETE FROM ${table} WHERE ${owner}_id = ANY(${p.add(ownerIds)}::uuid[])`);
    if (!cells.length) return;
    const q = this.params(ctx);
    // Value ids travel as one text per cell ("id,id"): unnest cannot take an array of arrays of different lengths.
    await this.run(
      q,
      `INSERT INTO ${table} (${owner}_id, attribute_id, text_value, number_value, value_ids)
       SELECT t.owner_id, t.attribute_id, t.text_value, t.number_value, string_to_array(t.value_ids, ',')::uuid[]
         FROM unnest(${q.add(cells.map((c) => c.ownerId))}::uuid[], ${q.add(cells.map((c) => c.attributeId))}::uuid[],
                     ${q.add(cells.map((c) => c.text))}::text[], ${q.add(cells.map((c) => c.number))}::numeric[],
                     ${q.add(cells.map((c) => c.valueIds?.join(',') ?? null))}::text[])
              AS t(owner_id, attribute_id, text_value, number_value, value_ids)`,
    );
  }

  /**
   * Recomputes `variant.facet_values` (the variant's own value ids and its product's, sorted, once each) for every
   * variant of these products — one statement, run after any change of their attributes or of attribute values.
   */
  async refreshFacetValues(ctx: RequestContext, productIds: string[] | null): Promise<void> {
    const p = this.params(ctx);
    const ids = p.add(productIds);
    await this.run(
      p,
      `UPDATE variant v
          SET facet_values = coalesce((SELECT array_agg(DISTINCT x ORDER BY x) FROM (
                                         SELECT unnest(pa.value_ids) AS x FROM product_attribute pa WHERE pa.product_id = v.product_id
                                         UNION ALL
                                         SELECT unnest(va.value_ids) FROM variant_attribute va WHERE va.variant_id = v.id) s), '{}')
        WHERE ${ids}::uuid[] IS NULL OR v.product_id = ANY(${ids}::uuid[])`,
    );
  }

  /** Products that carry any of these attributes (on themselves or a variant). */
  productsUsing(ctx: RequestContext, attributeIds: string[]): Promise<{ product_id: string }[]> {
    const p = this.params(ctx);
    const a = p.add(attributeIds);
    return this.run(
      p,
      `SELECT product_id FROM product_attribute WHERE attribute_id = ANY(${a}::uuid[])
       UNION
       SELECT v.product_id FROM variant_attribute va JOIN variant v ON v.id = va.variant_id WHERE va.attribute_id = ANY(${a}::uuid[])`,
    );
  }

  /** The attributes of these products and of all their variants, names and labels in the caller's storefront locale. */
  storefrontAttributes(ctx: RequestContext, productIds: string[]): Promise<StorefrontAttributeRow[]> {
    const p = this.params(ctx);
    const ids = p.add(productIds);
    const locales = localesParam(p, ctx);
    const columns = (
      cell: string,
    ) => `a.code, ${translated('attribute_translation', 'attribute_id', 'a', 'name', locales)} AS name,
              a.type, a.unit, a.position, ${cell}.text_value, ${cell}.number_value::text AS number_value,
              (SELECT json_agg(json_build_object('code', av.code, 'position', av.position,
                                                 'label', ${translated('attribute_value_translation', 'value_id', 'av', 'label', locales)})
                               ORDER BY av.position, av.code)
                 FROM attribute_value av WHERE av.id = ANY(${cell}.value_ids)) AS vals`;
    return this.run(
      p,
      `SELECT 'p' AS kind, pa.product_id AS owner_id, pa.product_id, ${columns('pa')}
         FROM product_attribute pa JOIN attribute a ON a.id = pa.attribute_id
        WHERE pa.product_id = ANY(${ids}::uuid[])
       UNION ALL
       SELECT 'v', va.variant_id, v.product_id, ${columns('va')}
         FROM variant v JOIN variant_attribute va ON va.variant_id = v.id JOIN attribute a ON a.id = va.attribute_id
        WHERE v.product_id = ANY(${ids}::uuid[])
       ORDER BY position, code`,
    );
  }
}
