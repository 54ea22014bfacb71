import { Field, InputType, ObjectType } from '@nestjs/graphql';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsBoolean, IsOptional, IsString, Length, MaxLength } from 'class-validator';
import { IsCode, IsCountryCode, NotBlank } from '../../../../core/validation/validators';
import { ShippingMethodType } from '../order.types';

@ObjectType('AdminShippingMethod')
export class AdminShippingMethodType extends ShippingMethodType {
  @Field(() => String) storefrontCode!: string;
  @Field(() => Boolean, { description: 'Inactive methods are not offered and cannot be chosen.' }) active!: boolean;
}

@InputType()
export class CreateShippingMethodInput {
  @Field(() => String) @IsCode() storefrontCode!: string;
  @Field(() => String, { description: 'Unique per storefront, e.g. "postnl-standard".' }) @IsCode() code!: string;
  @Field(() => String) @Length(1, 200) @NotBlank() name!: string;
  @Field(() => String, {
    description: "Decimal in the storefront's currency and price convention (VAT included when pricesIncludeTax).",
  })
  @IsString()
  @MaxLength(20)
  price!: string;
  @Field(() => String, { nullable: true, description: 'Free when the goods reach this amount (same convention).' })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  freeAbove?: string | null;
  @Field(() => [String], { description: 'Destination countries, ISO 3166-1 alpha-2.' })
  @ArrayMinSize(1)
  @ArrayMaxSize(250)
  @ArrayUnique()
  @IsCountryCode({ each: true })
  countries!: string[];
  @Field(() => Boolean, { nullable: true, description: 'default true' }) @IsOptional() @IsBoolean() active?: boolean | null;
}

@InputType()
export class UpdateShippingMethodInput {
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 200) @NotBlank() name?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(20) price?: string | null;
  @Field(() => String, { nullable: true, description: 'An explicit null removes the threshold.' })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  freeAbove?: string | null;
  @Field(() => [String], { nullable: true })
  @IsOptional()
  @ArrayMinSize(1)
  @ArrayMaxSize(250)
  @ArrayUnique()
  @IsCountryCode({ each: true })
  countries?: string[] | null;
  @Field(() => Boolean, { nullable: true }) @IsOptional() @IsBoolean() active?: boolean | null;
}
