import { Field, Int, ObjectType } from '@nestjs/graphql';
import type { StorefrontInfo } from '../../../../core/context/request-context';
import { AudienceEnum, StockDisplayEnum } from '../enums';

@ObjectType('Brand')
export class StorefrontBrand {
  @Field(() => String) code!: string;
  @Field(() => String) name!: string;
}

/** The storefront as its own frontend sees it. */
@ObjectType('Storefront')
export class StorefrontView {
  @Field(() => String) code!: string;
  @Field(() => String) name!: string;
  @Field(() => StorefrontBrand) brand!: StorefrontBrand;
  @Field(() => AudienceEnum) audience!: AudienceEnum;
  @Field(() => String) currency!: string;
  @Field(() => String) country!: string;
  @Field(() => String) locale!: string;
  @Field(() => Boolean) pricesIncludeTax!: boolean;
  @Field(() => StockDisplayEnum) stockDisplay!: StockDisplayEnum;
  @Field(() => Int, { description: 'Available quantities from 1 up to this are LOW_STOCK.' })
  lowStockThreshold!: number;
}

export function toStorefrontView(s: StorefrontInfo): StorefrontView {
  return {
    code: s.code,
    name: s.name,
    brand: { code: s.brandCode, name: s.brandName },
    audience: s.audience as AudienceEnum,
    currency: s.currency,
    country: s.country,
    locale: s.locale,
    pricesIncludeTax: s.pricesIncludeTax,
    stockDisplay: s.stockDisplay as StockDisplayEnum,
    lowStockThreshold: s.lowStockThreshold,
  };
}
