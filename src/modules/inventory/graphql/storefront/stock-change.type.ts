import { Field, ObjectType } from '@nestjs/graphql';
import { AvailabilityType } from '../../../catalog/graphql/storefront/catalog.types';

@ObjectType('StockChange')
export class StockChangeType {
  @Field(() => String) sku!: string;
  @Field(() => AvailabilityType) availability!: AvailabilityType;
  @Field(() => Date) changedAt!: Date;
}
