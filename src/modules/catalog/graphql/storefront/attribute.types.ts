import { Field, Float, InputType, Int, ObjectType } from '@nestjs/graphql';
import { ArrayMaxSize, ArrayMinSize, IsArray, Length, Matches } from 'class-validator';
import { ATTRIBUTE_TYPES, type AttributeKind } from '../../../../../libs/catalog/src';
import { graphqlEnum } from '../../../../core/graphql/graphql-enum';
import { PRODUCT_SORTS } from '../../catalog-sql';

export const AttributeTypeEnum = graphqlEnum(
  ATTRIBUTE_TYPES,
  'AttributeType',
  'TEXT, NUMBER (with an optional unit), BOOLEAN or ENUM.',
);
export const ProductSortEnum = graphqlEnum(
  PRODUCT_SORTS,
  'ProductSort',
  'RELEVANCE (with a search: best match first; without: by slug), NAME (A–Z in the storefront locale), PRICE_ASC / ' +
    'PRICE_DESC (the lowest list price of the variants shown), NEWEST (latest created first). Ties are broken by id.',
);

@ObjectType('AttributeValue', { description: 'A value of an ENUM or BOOLEAN attribute; label in the storefront locale.' })
export class AttributeValueType {
  @Field(() => String) code!: string;
  @Field(() => String) label!: string;
}

@ObjectType('ProductAttribute', { description: 'An attribute of a product or variant, for a specification table.' })
export class ProductAttributeType {
  @Field(() => String) code!: string;
  @Field(() => String, { description: 'In the storefront locale.' }) name!: string;
  @Field(() => AttributeTypeEnum) type!: AttributeKind;
  @Field(() => String, { nullable: true, description: 'NUMBER only, e.g. "mm".' }) unit!: string | null;
  @Field(() => String, { nullable: true, description: 'TEXT only.' }) text!: string | null;
  @Field(() => Float, { nullable: true, description: 'NUMBER only.' }) number!: number | null;
  @Field(() => Boolean, { nullable: true, description: 'BOOLEAN only.' }) boolean!: boolean | null;
  @Field(() => [AttributeValueType], { description: 'ENUM: the values; BOOLEAN: the one value; otherwise empty.' })
  values!: AttributeValueType[];
  @Field(() => String, { description: 'The value as one line: "3.5 mm", "Yes", "Red, Blue".' }) display!: string;
}

@ObjectType('ProductOption', { description: 'A selector of the product page: an ENUM attribute its variants differ by.' })
export class ProductOptionType {
  @Field(() => String) code!: string;
  @Field(() => String) name!: string;
  @Field(() => [AttributeValueType], { description: 'The values its visible variants have, in order.' })
  values!: AttributeValueType[];
}

@ObjectType('VariantOption', { description: "The variant's value of one of its product's options." })
export class VariantOptionType {
  @Field(() => String) code!: string;
  @Field(() => String) name!: string;
  @Field(() => AttributeValueType) value!: AttributeValueType;
}

@ObjectType('FacetValue')
export class FacetValueType {
  @Field(() => String) code!: string;
  @Field(() => String) label!: string;
  @Field(() => Int, {
    description: "Products matching the current filter with this value, the facet's own selection left out (multi-select).",
  })
  count!: number;
  @Field(() => Boolean, { description: 'Whether the filter selects this value.' }) selected!: boolean;
}

@ObjectType('Facet', { description: 'A filterable attribute with the values found among the products of the filter.' })
export class FacetType {
  @Field(() => String) code!: string;
  @Field(() => String) name!: string;
  @Field(() => [FacetValueType]) values!: FacetValueType[];
}

@InputType()
export class AttributeFilter {
  @Field(() => String, { description: 'An attribute code, e.g. "colour".' })
  @Matches(/^[a-z][a-z0-9_]{0,49}$/, {
    message: 'must be 1-50 lower-case letters, digits or underscores, starting with a letter',
  })
  code!: string;
  @Field(() => [String], { description: 'Value codes, any of which will do (BOOLEAN: "true" or "false"); 1..50.' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @Length(1, 50, { each: true })
  values!: string[];
}
