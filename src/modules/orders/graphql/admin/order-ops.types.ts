import { Field, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Length,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { NotBlank } from '../../../../core/validation/validators';

@InputType()
export class RecordPaymentInput {
  @Field(() => String) @IsString() @Length(1, 80) orderNumber!: string;
  @Field(() => String, { description: 'The payment provider, e.g. "mollie".' })
  @IsString()
  @Length(1, 100)
  @NotBlank()
  provider!: string;
  @Field(() => String, { description: "The provider's payment id; (provider, reference) is recorded once." })
  @IsString()
  @Length(1, 200)
  @NotBlank()
  reference!: string;
  @Field(() => String, { description: "Decimal in the order's currency; must equal the order's totalGross exactly." })
  @IsString()
  @MaxLength(20)
  amount!: string;
}

@InputType()
export class ShipmentLineInput {
  @Field(() => String) @IsString() @Length(1, 100) sku!: string;
  @Field(() => Int, { description: '1 .. the units of this SKU not shipped yet.' }) @IsInt() @Min(1) @Max(9999) quantity!: number;
}

@InputType()
export class CreateShipmentInput {
  @Field(() => String) @IsString() @Length(1, 80) orderNumber!: string;
  @Field(() => String, { description: 'The warehouse the parcel left from (an API key limited to warehouses: one of its own).' })
  @IsString()
  @Length(1, 100)
  warehouseCode!: string;
  @Field(() => String) @IsString() @Length(1, 100) @NotBlank() carrier!: string;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @Length(1, 100) @NotBlank() trackingCode?: string | null;
  @Field(() => String, { nullable: true, description: 'An https URL, at most 500 characters.' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  @IsUrl({ protocols: ['https'], require_protocol: true, require_tld: true }, { message: 'must be an https URL' })
  trackingUrl?: string | null;
  @Field(() => [ShipmentLineInput], { description: '1..100 lines, each SKU once.' })
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => ShipmentLineInput)
  lines!: ShipmentLineInput[];
  @Field(() => String, {
    nullable: true,
    description:
      "The warehouse system's sequence of the stock movement of this shipment (as in pushStockLevels): a pushed level with " +
      'this sequence or a later one already counts the units out (docs/ORDERS.md, "Shipments and pushes").',
  })
  @IsOptional()
  @IsString()
  @MaxLength(19)
  stockSequence?: string | null;
}
