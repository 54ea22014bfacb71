import type { Audience, StockDisplay } from '../../../../libs/domain/src';
import { Field, Int, ObjectType } from '@nestjs/graphql';
import { AudienceEnum, StockDisplayEnum } from './enums';

/** What both APIs show of a storefront; each surface's `Storefront` type adds its own fields. */
@ObjectType({ isAbstract: true })
export abstract class StorefrontFields {
  @Field(() => String) code!: string;
  @Field(() => String) name!: string;
  @Field(() => AudienceEnum) audience!: Audience;
  @Field(() => String) currency!: string;
  @Field(() => String) country!: string;
  @Field(() => String) locale!: string;
  @Field(() => Boolean) pricesIncludeTax!: boolean;
  @Field(() => StockDisplayEnum) stockDisplay!: StockDisplay;
  @Field(() => Int, { description: 'Available quantities from 1 up to this are LOW_STOCK.' })
  lowStockThreshold!: number;
  @Field(() => Int, { description: 'B2B orders are on account: days until payment is due (default 30).' })
  paymentTermsDays!: number;
}
