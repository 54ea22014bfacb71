import type { CustomerSegment } from '../../../../libs/domain/src';
import { Field, Int, ObjectType } from '@nestjs/graphql';
import { ProductVariantType } from '../../catalog/graphql/storefront/catalog.types';
import { CustomerSegmentEnum } from '../../customers/graphql/customer.types';

@ObjectType('FrequentlyOrderedItem', {
  description: 'A variant the buyer (B2B: their company) ordered before, for "order again".',
})
export class FrequentlyOrderedItemType {
  @Field(() => String) sku!: string;
  @Field(() => Int, { description: 'In how many orders (placed and not cancelled) it was.' }) timesOrdered!: number;
  @Field(() => Int, { description: 'Units over those orders.' }) totalQuantity!: number;
  @Field(() => Int, { description: 'Units in the latest of them.' }) lastQuantity!: number;
  @Field(() => Date) lastOrderedAt!: Date;
  @Field(() => ProductVariantType, {
    nullable: true,
    description: 'As this storefront sells it to the buyer now (agreed prices included); null when no longer sold here.',
  })
  variant!: ProductVariantType | null;
}

@ObjectType('SegmentCount')
export class SegmentCountType {
  @Field(() => CustomerSegmentEnum) segment!: CustomerSegment;
  @Field(() => Int, { description: 'Customers (not erased) in this segment.' }) count!: number;
}
