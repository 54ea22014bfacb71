import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { IsCode } from '../../../../core/validation/validators';
import { SKU_PATTERN } from './catalog-admin.types';

@InputType()
export class PriceTierInput {
  @Field(() => Int, { description: '2..9,999' }) @IsInt() @Min(2) @Max(9999) minQuantity!: number;
  @Field(() => String, {
    description: "Unit price from this quantity on; decimal in the storefront's currency and price convention.",
  })
  @IsString()
  @MaxLength(32)
  amount!: string;
}

@InputType()
export class PriceTiersInput {
  @Field(() => String) @IsCode() storefrontCode!: string;
  @Field(() => String) @Matches(SKU_PATTERN, { message: 'must be 1-100 printable characters without spaces' }) sku!: string;
  @Field(() => [PriceTierInput], {
    description: 'Replaces the breaks of this SKU on this storefront; [] removes them. At most 10.',
  })
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => PriceTierInput)
  tiers!: PriceTierInput[];
}

@InputType()
export class CompanyPriceInput {
  @Field(() => ID) @IsUUID() companyId!: string;
  @Field(() => String, { description: "A B2B storefront of the company's brand." }) @IsCode() storefrontCode!: string;
  @Field(() => String) @Matches(SKU_PATTERN, { message: 'must be 1-100 printable characters without spaces' }) sku!: string;
  @Field(() => String, {
    nullable: true,
    description: 'The agreed unit price (decimal, net on a B2B storefront); null removes it.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  amount!: string | null;
}

@ObjectType('CompanyPrice')
export class CompanyPriceType {
  @Field(() => ID) companyId!: string;
  @Field(() => String) storefrontCode!: string;
  @Field(() => String) sku!: string;
  @Field(() => String) amount!: string;
  @Field(() => String) currency!: string;
  @Field(() => Date) updatedAt!: Date;
}
