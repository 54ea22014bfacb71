import { Injectable } from '@nestjs/common';
import { attributeDisplay, type OptionChoice, productOptions } from '../../../libs/catalog/src';
import { ReadCache } from '../../core/cache/read-cache.service';
import type { RequestContext } from '../../core/context/request-context';
import { AttributeRepository, type StorefrontAttributeRow } from './attribute.repository';
import type { ProductMatch } from './catalog-sql';
import { CatalogReadService } from './catalog-read.service';
import type { FacetType, ProductAttributeType, ProductOptionType, VariantOptionType } from './graphql/storefront/attribute.types';

/** The attributes of one product and of each of its variants, as a storefront shows them. */
export interface ProductAttributes {
  product: ProductAttributeType[];
  variants: Map<string, { attributes: ProductAttributeType[]; options: (VariantOptionType & { choice: OptionChoice })[] }>;
}

const EMPTY: ProductAttributes = { product: [], variants: new Map() };

/**
 * Attributes, options and facets on the Storefront API. Labels are in the storefront's locale; attributes are
 * shared catalog data read for a page of products at once (one statement) and cached with the catalog.
 */
@Injectable()
export class AttributeReadService {
  constructor(
    private readonly attributes: AttributeRepository,
    private readonly catalog: CatalogReadService,
    private readonly cache: ReadCache,
  ) {}

  /** Attributes of these products and their variants (one statement for any number of products). */
  async ofProducts(ctx: RequestContext, productIds: readonly string[]): Promise<Map<string, ProductAttributes>> {
    const sf = ctx.requireStorefront();
    const ids = [...productIds].sort();
    const rows = await this.cache.get(JSON.stringify(['attributes', sf.locale, ids]), () =>
      this.attributes.storefrontAttributes(ctx, ids),
    );
    return group(rows);
  }

  /** The product page's selectors: the options of the product's visible variants. */
  optionsOf(attrs: ProductAttributes | undefined, visibleVariantIds: readonly string[]): ProductOptionType[] {
    return productOptions(visibleVariantIds.map((id) => (attrs ?? EMPTY).variants.get(id)?.options.map((o) => o.choice) ?? []));
  }

  /** The facets of a page's query, grouped by attribute in display order. */
  async facets(ctx: RequestContext, match: ProductMatch): Promise<FacetType[]> {
    const rows = await this.catalog.facets(ctx, match);
    const out: FacetType[] = [];
    for (const r of rows) {
      let facet = out[out.length - 1];
      if (!facet || facet.code !== r.attribute_code) {
        facet = { code: r.attribute_code, name: r.attribute_name, values: [] };
        out.push(facet);
      }
      facet.values.push({ code: r.value_code, label: r.value_label, count: r.count, selected: r.selected });
    }
    return out;
  }
}

function toAttribute(r: StorefrontAttributeRow): ProductAttributeType {
  const values = (r.vals ?? []).map((v) => ({ code: v.code, label: v.label }));
  return {
    code: r.code,
    name: r.name,
    type: r.type,
    unit: r.unit,
    text: r.text_value,
    number: r.number_value === null ? null : Number(r.number_value),
    boolean: r.type === 'BOOLEAN' ? values[0]?.code === 'true' : null,
    values,
    display: attributeDisplay({
      type: r.type,
      unit: r.unit,
      text: r.text_value,
      number: r.number_value,
      labels: values.map((v) => v.label),
    }),
  };
}

/** Rows (in attribute order) → per product: its attributes, and per variant its attributes and options. */
function group(rows: readonly StorefrontAttributeRow[]): Map<string, ProductAttributes> {
  const out = new Map<string, ProductAttributes>();
  const of = (productId: string) => {
    let e = out.get(productId);
    if (!e) out.set(productId, (e = { product: [], variants: new Map() }));
    return e;
  };
  for (const r of rows) {
    const entry = of(r.product_id);
    const a = toAttribute(r);
    if (r.kind === 'p') {
      entry.product.push(a);
      continue;
    }
    let v = entry.variants.get(r.owner_id);
    if (!v) entry.variants.set(r.owner_id, (v = { attributes: [], options: [] }));
    v.attributes.push(a);
    const first = r.vals?.[0];
    if (r.type === 'ENUM' && first) {
      const value = { code: first.code, label: first.label };
      v.options.push({
        code: r.code,
        name: r.name,
        value,
        choice: { code: r.code, name: r.name, position: r.position, value: { ...value, position: first.position } },
      });
    }
  }
  return out;
}
