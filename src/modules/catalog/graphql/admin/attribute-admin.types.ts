import { Field, Float, InputType, Int, ObjectType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import type { AttributeKind } from '../../../../../libs/catalog/src';
import { IsContentLocale, NotBlank } from '../../../../core/validation/validators';
import { AttributeTypeEnum } from '../storefront/attribute.types';
import { TranslationsField } from '../content.types';

export const ATTRIBUTE_CODE_PATTERN = /^[a-z][a-z0-9_]{0,49}$/;
const ATTRIBUTE_CODE_MESSAGE = 'must be 1-50 lower-case letters, digits or underscores, starting with a letter';
const VALUE_CODE_PATTERN = /^[a-z0-9][a-z0-9_-]{0,49}$/;
const VALUE_CODE_MESSAGE = 'must be 1-50 lower-case letters, digits, underscores or dashes';

@ObjectType('AttributeTranslation')
export class AttributeTranslationType {
  @Field(() => String) locale!: string;
  @Field(() => String) name!: string;
}

@ObjectType('AttributeValueTranslation')
export class AttributeValueTranslationType {
  @Field(() => String) locale!: string;
  @Field(() => String) label!: string;
}

@ObjectType('AttributeValue')
export class AdminAttributeValue {
  @Field(() => String) code!: string;
  @Field(() => String) label!: string;
  @Field(() => Int) position!: number;
  @Field(() => [AttributeValueTranslationType]) translations!: AttributeValueTranslationType[];
}

@ObjectType('Attribute', { description: 'An attribute of the shared catalog (products and variants carry its values).' })
export class AdminAttribute {
  @Field(() => String) code!: string;
  @Field(() => String) name!: string;
  @Field(() => AttributeTypeEnum) type!: AttributeKind;
  @Field(() => String, { nullable: true }) unit!: string | null;
  @Field(() => Boolean, { description: 'Offered as a facet on storefronts (ENUM and BOOLEAN only).' }) filterable!: boolean;
  @Field(() => Int) position!: number;
  @Field(() => [AttributeTranslationType]) translations!: AttributeTranslationType[];
  @Field(() => [AdminAttributeValue], { description: 'ENUM: its values; BOOLEAN: true and false (labels); otherwise empty.' })
  values!: AdminAttributeValue[];
}

@InputType()
export class AttributeTranslationInput {
  @Field(() => String, { description: 'BCP 47: a language (nl) or a language with a region (nl-NL).' })
  @IsContentLocale()
  locale!: string;
  @Field(() => String) @IsString() @Length(1, 200) @NotBlank() name!: string;
}

@InputType()
export class AttributeValueTranslationInput {
  @Field(() => String, { description: 'BCP 47: a language (nl) or a language with a region (nl-NL).' })
  @IsContentLocale()
  locale!: string;
  @Field(() => String) @IsString() @Length(1, 200) @NotBlank() label!: string;
}

@InputType()
export class AttributeValueInput {
  @Field(() => String, { description: 'Unique in the attribute; 1..50 of a-z, 0-9, _ and -. BOOLEAN: "true" or "false".' })
  @Matches(VALUE_CODE_PATTERN, { message: VALUE_CODE_MESSAGE })
  code!: string;
  @Field(() => String) @IsString() @Length(1, 200) @NotBlank() label!: string;
  @Field(() => Int, { nullable: true, description: 'Display order; default: its index in this list.' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100000)
  position?: number | null;
  @TranslationsField(AttributeValueTranslationInput)
  translations?: AttributeValueTranslationInput[] | null;
}

@InputType()
export class AttributeInput {
  @Field(() => String, { description: 'Unique; 1..50 of a-z, 0-9 and _, starting with a letter (e.g. "en388_cut").' })
  @Matches(ATTRIBUTE_CODE_PATTERN, { message: ATTRIBUTE_CODE_MESSAGE })
  code!: string;
  @Field(() => String) @IsString() @Length(1, 200) @NotBlank() name!: string;
  @Field(() => AttributeTypeEnum, { description: 'Fixed once created.' }) type!: AttributeKind;
  @Field(() => String, { nullable: true, description: 'NUMBER only (e.g. "mm").' })
  @IsOptional()
  @IsString()
  @Length(1, 20)
  @NotBlank()
  unit?: string | null;
  @Field(() => Boolean, { nullable: true, description: 'A facet on storefronts (ENUM and BOOLEAN only); default false.' })
  @IsOptional()
  @IsBoolean()
  filterable?: boolean | null;
  @Field(() => Int, { nullable: true, description: 'Display order; default 0.' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100000)
  position?: number | null;
  @TranslationsField(AttributeTranslationInput)
  translations?: AttributeTranslationInput[] | null;
  @Field(() => [AttributeValueInput], {
    nullable: true,
    description: 'ENUM values (and BOOLEAN labels), created or updated by code; values not listed are kept. At most 500.',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @ArrayUnique((v: { code?: unknown }) => v?.code, { message: 'must have one entry per code' })
  @ValidateNested({ each: true })
  @Type(() => AttributeValueInput)
  values?: AttributeValueInput[] | null;
}

@InputType({ description: 'One attribute of a product or variant: exactly the field of its type.' })
export class AttributeAssignmentInput {
  @Field(() => String) @Matches(ATTRIBUTE_CODE_PATTERN, { message: ATTRIBUTE_CODE_MESSAGE }) code!: string;
  @Field(() => String, { nullable: true, description: 'TEXT: 1..1,000 characters.' })
  @IsOptional()
  @IsString()
  @Length(1, 1000)
  text?: string | null;
  @Field(() => Float, { nullable: true, description: 'NUMBER: between -1e12 and 1e12.' })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(-1e12)
  @Max(1e12)
  number?: number | null;
  @Field(() => Boolean, { nullable: true, description: 'BOOLEAN.' }) @IsOptional() @IsBoolean() boolean?: boolean | null;
  @Field(() => [String], {
    nullable: true,
    description: 'ENUM: value codes (a product 1..20, a variant exactly one — it is one of the product options).',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @Matches(VALUE_CODE_PATTERN, { each: true, message: VALUE_CODE_MESSAGE })
  values?: string[] | null;
}
