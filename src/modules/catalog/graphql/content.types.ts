import { applyDecorators } from '@nestjs/common';
import { Field, InputType, Int, ObjectType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsContentLocale, IsMediaUrl, NotBlank } from '../../../core/validation/validators';

/** Image references and translations: the same shape on both APIs (docs/CATALOG.md). */

@ObjectType('Image', { description: 'A reference to an image in a DAM or CDN (the file is not stored here).' })
export class ImageType {
  @Field(() => String, { description: 'https URL of the file.' }) url!: string;
  @Field(() => String, { nullable: true }) alt!: string | null;
  @Field(() => Int, { nullable: true, description: 'Pixels; given together with height.' }) width!: number | null;
  @Field(() => Int, { nullable: true }) height!: number | null;
  @Field(() => Int, { description: '0-based order of the images of one product or variant.' }) position!: number;
}

@InputType()
export class ImageInput {
  @Field(() => String, { description: 'https, at most 2,000 characters, no credentials.' }) @IsMediaUrl() url!: string;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(500) alt?: string | null;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() @Min(1) @Max(20000) width?: number | null;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() @Min(1) @Max(20000) height?: number | null;
}

@ObjectType('Translation')
export class TranslationType {
  @Field(() => String) locale!: string;
  @Field(() => String) name!: string;
  @Field(() => String, { nullable: true }) description?: string | null;
}

/** A translation of a product or category (name 1..300, description ≤ 20,000; categories check 200 / 5,000). */
@InputType()
export class TranslationInput {
  @Field(() => String, { description: 'BCP 47: a language (nl) or a language with a region (nl-NL).' })
  @IsContentLocale()
  locale!: string;
  @Field(() => String) @IsString() @Length(1, 300) @NotBlank() name!: string;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(20000) description?: string | null;
}

@InputType()
export class VariantTranslationInput {
  @Field(() => String, { description: 'BCP 47: a language (nl) or a language with a region (nl-NL).' })
  @IsContentLocale()
  locale!: string;
  @Field(() => String) @IsString() @Length(1, 300) @NotBlank() name!: string;
}

@InputType()
export class CategoryTranslationInput {
  @Field(() => String, { description: 'BCP 47: a language (nl) or a language with a region (nl-NL).' })
  @IsContentLocale()
  locale!: string;
  @Field(() => String) @IsString() @Length(1, 200) @NotBlank() name!: string;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(5000) description?: string | null;
}

const byLocale = (t: { locale?: unknown }) => t?.locale;

/** A replace-when-given list of translations, one per locale (at most 20). */
export const TranslationsField = (input: new () => object) =>
  applyDecorators(
    Field(() => [input], {
      nullable: true,
      description: 'Replaces the translations when given (one per locale, at most 20); omitted or null: unchanged.',
    }),
    IsOptional(),
    IsArray(),
    ArrayMaxSize(20),
    ArrayUnique(byLocale, { message: 'must have one entry per locale' }),
    ValidateNested({ each: true }),
    Type(() => input),
  );
