import { Field, InputType, Int, ObjectType } from '@nestjs/graphql';

@InputType()
export class StockLevelInput {
  @Field(() => String) sku!: string;
  @Field(() => Int, { description: 'Absolute on-hand quantity in the warehouse (≥ 0).' }) onHand!: number;
  @Field(() => String, { description: 'Decimal integer (up to 2^63−1) that grows with each change at the source.' })
  sequence!: string;
}

@ObjectType('StockPushResult')
export class StockPushResultType {
  @Field(() => Int) applied!: number;
  @Field(() => Int, { description: 'Levels whose sequence was not newer than the stored one: nothing changed.' }) stale!: number;
  @Field(() => [String], { description: 'SKUs not (yet) in the catalog: stored, they count once the SKU appears.' })
  unknownSkus!: string[];
}

@ObjectType('StockLevel')
export class StockLevelType {
  @Field(() => String) sku!: string;
  @Field(() => String) warehouseCode!: string;
  @Field(() => Int) onHand!: number;
  @Field(() => Int) reserved!: number;
  @Field(() => String) sequence!: string;
  @Field(() => Date) updatedAt!: Date;
}
