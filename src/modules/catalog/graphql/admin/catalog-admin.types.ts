import { applyDecorators } from '@nestjs/common';
import type { TaxCategory } from '../../../../../libs/domain/src';
import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsCode, NotBlank } from '../../../../core/validation/validators';
import {
  CategoryTranslationInput,
  ImageInput,
  ImageType,
  TranslationInput,
  TranslationsField,
  TranslationType,
  VariantTranslationInput,
} from '../content.types';
import { TaxCategoryEnum } from '../enums';
import { AttributeAssignmentInput } from './attribute-admin.types';

export const SLUG_PATTERN = /^[a-z0-9][a-z0-9-]{0,199}$/;
/** Printable ASCII without spaces, 1..100 characters. */
export const SKU_PATTERN = /^[\x21-\x7E]{1,100}$/;
export const CATEGORY_SLUG_PATTERN = /^[a-z0-9][a-z0-9-]{0,99}$/;
const CATEGORY_SLUG_MESSAGE = 'must be 1-100 lower-case letters, digits or dashes';

/** A replace-when-given list of images (at most `max`). */
const ImagesField = (max: number) =>
  applyDecorators(
    Field(() => [ImageInput], {
      nullable: true,
      description: `Replaces the images when given ([] removes them; position = index); omitted or null: unchanged. At most ${max}.`,
    }),
    IsOptional(),
    IsArray(),
    ArrayMaxSize(max),
    ValidateNested({ each: true }),
    Type(() => ImageInput),
  );

/** A replace-when-given list of attribute values (one per attribute code, at most 50). */
const AttributesField = () =>
  applyDecorators(
    Field(() => [AttributeAssignmentInput], {
      nullable: true,
      description: 'Replaces the attributes when given ([] removes them; one per code, at most 50); omitted or null: unchanged.',
    }),
    IsOptional(),
    IsArray(),
    ArrayMaxSize(50),
    ValidateNested({ each: true }),
    Type(() => AttributeAssignmentInput),
  );

@ObjectType('ProductVariant')
export class AdminVariant {
  @Field(() => ID) id!: string;
  @Field(() => String) sku!: string;
  @Field(() => String) name!: string;
  @Field(() => [ImageType]) images!: ImageType[];
  @Field(() => [TranslationType], { description: 'Names per locale (the base name is `name`).' })
  translations!: TranslationType[];
}

@ObjectType('CategoryRef')
export class AdminCategoryRef {
  @Field(() => String) brandCode!: string;
  @Field(() => String) slug!: string;
}

@ObjectType('Product')
export class AdminProduct {
  @Field(() => ID) id!: string;
  @Field(() => String) slug!: string;
  @Field(() => String) name!: string;
  @Field(() => String, { nullable: true }) description!: string | null;
  @Field(() => TaxCategoryEnum) taxCategory!: TaxCategory;
  @Field(() => [ImageType]) images!: ImageType[];
  @Field(() => [TranslationType], { description: 'Names and descriptions per locale (the base text is on the product).' })
  translations!: TranslationType[];
  @Field(() => [AdminVariant]) variants!: AdminVariant[];
  @Field(() => [String], { description: 'Codes of the storefronts (of your brands) where the product is published.' })
  publishedOn!: string[];
  @Field(() => [AdminCategoryRef], { description: 'Where the product is filed in your brands.' })
  categories!: AdminCategoryRef[];
}

@InputType()
export class VariantInput {
  @Field(() => String) @Matches(SKU_PATTERN, { message: 'must be 1-100 printable characters without spaces' }) sku!: string;
  @Field(() => String) @IsString() @Length(1, 300) @NotBlank() name!: string;
  @ImagesField(10) images?: ImageInput[] | null;
  @TranslationsField(VariantTranslationInput) translations?: VariantTranslationInput[] | null;
  @AttributesField() attributes?: AttributeAssignmentInput[] | null;
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
  @ImagesField(20) images?: ImageInput[] | null;
  @TranslationsField(TranslationInput) translations?: TranslationInput[] | null;
  @AttributesField() attributes?: AttributeAssignmentInput[] | null;
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

@ObjectType('Category')
export class AdminCategory {
  @Field(() => String) slug!: string;
  @Field(() => String) name!: string;
  @Field(() => String, { nullable: true }) description!: string | null;
  @Field(() => Int) position!: number;
  @Field(() => Int, { description: '1 for a root, at most 10.' }) depth!: number;
  @Field(() => String, { nullable: true }) parentSlug!: string | null;
  @Field(() => [TranslationType]) translations!: TranslationType[];
}

@InputType()
export class CategoryInput {
  @Field(() => String, { description: 'Unique per brand; 1..100 of a-z, 0-9 and dashes.' })
  @Matches(CATEGORY_SLUG_PATTERN, { message: CATEGORY_SLUG_MESSAGE })
  slug!: string;
  @Field(() => String) @IsString() @Length(1, 200) @NotBlank() name!: string;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(5000) description?: string | null;
  @Field(() => String, { nullable: true, description: 'The parent (in this batch or stored); null or omitted: a root.' })
  @IsOptional()
  @Matches(CATEGORY_SLUG_PATTERN, { message: CATEGORY_SLUG_MESSAGE })
  parentSlug?: string | null;
  @Field(() => Int, { nullable: true, description: 'Order among siblings (then slug); default 0.' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100000)
  position?: number | null;
  @TranslationsField(CategoryTranslationInput)
  translations?: CategoryTranslationInput[] | null;
}

@InputType()
export class ProductCategoriesInput {
  @Field(() => String)
  @Matches(SLUG_PATTERN, { message: 'must be 1-200 lower-case letters, digits or dashes' })
  productSlug!: string;
  @Field(() => [String], { description: "The product's whole set of categories in the brand (0..20; [] removes it from all)." })
  @IsArray()
  @ArrayMaxSize(20)
  @Matches(CATEGORY_SLUG_PATTERN, { each: true, message: CATEGORY_SLUG_MESSAGE })
  categorySlugs!: string[];
}
