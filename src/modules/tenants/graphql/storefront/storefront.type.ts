import { Field, ObjectType } from '@nestjs/graphql';
import type { StorefrontInfo } from '../../../../core/context/request-context';
import { StorefrontFields } from '../storefront-fields.type';

@ObjectType('Brand')
export class StorefrontBrand {
  @Field(() => String) code!: string;
  @Field(() => String) name!: string;
}

/** The storefront as its own frontend sees it. */
@ObjectType('Storefront')
export class StorefrontView extends StorefrontFields {
  @Field(() => StorefrontBrand) brand!: StorefrontBrand;
}

export function toStorefrontView(s: StorefrontInfo): StorefrontView {
  return {
    code: s.code,
    name: s.name,
    brand: { code: s.brandCode, name: s.brandName },
    audience: s.audience,
    currency: s.currency,
    country: s.country,
    locale: s.locale,
    pricesIncludeTax: s.pricesIncludeTax,
    stockDisplay: s.stockDisplay,
    lowStockThreshold: s.lowStockThreshold,
    paymentTermsDays: s.paymentTermsDays,
  };
}
