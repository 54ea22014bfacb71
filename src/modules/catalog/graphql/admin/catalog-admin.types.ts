import type { TaxCategory } from '../../../../../libs/domain/src';
import { Field, ID, InputType, ObjectType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsOptional, IsString, Length, Matches, MaxLength, ValidateNested } from 'class-validator';
import { IsCode, NotBlank } from '../../../../core/validation/validators';
import { TaxCategoryEnum } from '../enums';

export const SLUG_PATTERN = /^[a-z0-9][a-z0-9-]{0,199}$/;
/** Printable ASCII without spaces, 1..100 characters. */
export const SKU_PATTERN = /^[\x21-\x7E]{1,100}$/;

@ObjectType('ProductVariant')
export class AdminVariant {
  @Field(() => ID) id!: string;
  @Field(() => String) sku!: string;
  @Field(() => String) name!: string;
}

@ObjectType('Product')
export class AdminProduct {
  @Field(() => ID) id!: string;
  @Field(() => String) slug!: string;
  @Field(() => String) name!: string;
  @Field(() => String, { nullable: true }) description!: string | null;
  @Field(() => TaxCategoryEnum) taxCategory!: TaxCategory;
  @Field(() => [AdminVariant]) variants!: AdminVariant[];
  @Field(() => [String], { description: 'Codes of the storefronts (of your brands) where the product is published.' })
  publishedOn!: string[];
}

@InputType()
export class VariantInput {
  @Field(() => String) @Matches(SKU_PATTERN, { message: 'must be 1-100 printable characters without spaces' }) sku!: string;
  @Field(() => String) @IsString() @Length(1, 300) @NotBlank() name!: string;
}

@InputType()
export class ProductInput {
  @Field(() => String)
  @Matches(SLUG_PATTERN, { message: 'must be 1-200 lower-case letters, digits or dashes' })
  slug!: string;
  @Field(() => String) @IsString() @Length(1, 300) @NotBlank() name!: string;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(20000) description?: string | null;
  @Field(() => TaxCategoryEnum, { nullable: true, description: 'default STANDARD; omitted on update: unchanged' })
  @IsOptional()
  taxCategory?: TaxCategory | null;
  @Field(() => [VariantInput])
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => VariantInput)
  variants!: VariantInput[];
}

@InputType()
export class PriceInput {
  @Field(() => String) @IsCode() storefrontCode!: string;
  @Field(() => String) @Matches(SKU_PATTERN, { message: 'must be 1-100 printable characters without spaces' }) sku!: string;
  @Field(() => String, { description: 'Decimal string ≥ 0 with at most 2 decimals, as the storefront shows it.' })
  @IsString()
  @MaxLength(32)
  amount!: string;
}
