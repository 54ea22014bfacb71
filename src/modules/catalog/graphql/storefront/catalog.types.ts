import type { StockStatus } from '../../../../../libs/domain/src';
import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsOptional,
  IsString,
  Length,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { Paginated } from '../../../../core/graphql/pagination.types';
import { ImageType } from '../content.types';
import { StockStatusEnum } from '../enums';
import { AttributeFilter } from './attribute.types';

@ObjectType('PriceTier', { description: 'A quantity break: from minQuantity units on, each costs amount.' })
export class PriceTierType {
  @Field(() => Int) minQuantity!: number;
  @Field(() => String) amount!: string;
}

@ObjectType('Price')
export class PriceType {
  @Field(() => String, { description: 'Decimal string with the currency\'s decimals, e.g. "12.50".' }) amount!: string;
  @Field(() => String) currency!: string;
  @Field(() => Boolean, { description: "Whether amount includes tax (the storefront's pricesIncludeTax)." })
  includesTax!: boolean;
  @Field(() => String, { description: 'Tax rate in percent for the seller country and the product\'s tax category, e.g. "21".' })
  taxRate!: string;
  @Field(() => [PriceTierType], {
    description:
      'Quantity breaks below this price (ascending); the cart applies them. For a B2B buyer, only those below their agreed price.',
  })
  tiers!: PriceTierType[];
  @Field(() => String, {
    nullable: true,
    description:
      "The storefront's list price when the logged-in buyer's company has a lower agreed price (amount); null otherwise.",
  })
  listAmount!: string | null;
}

@ObjectType('Availability')
export class AvailabilityType {
  @Field(() => StockStatusEnum) status!: StockStatus;
  @Field(() => Int, { nullable: true, description: 'null when the storefront shows only the status (stockDisplay STATUS).' })
  quantity!: number | null;
}

@ObjectType('ProductVariant')
export class ProductVariantType {
  @Field(() => ID) id!: string;
  @Field(() => String) sku!: string;
  @Field(() => String) name!: string;
  @Field(() => PriceType) price!: PriceType;
  @Field(() => AvailabilityType) availability!: AvailabilityType;
  @Field(() => [ImageType], { description: "The variant's own images (a product page shows the product's otherwise)." })
  images!: ImageType[];
  productId!: string;
}

@ObjectType('Category', {
  description: "A category of this storefront's brand with at least one product shown here (itself or below).",
})
export class CategoryType {
  id!: string;
  @Field(() => String) slug!: string;
  @Field(() => String, { description: "In the storefront's locale (fallback: exact locale, language, base text)." })
  name!: string;
  @Field(() => String, { nullable: true }) description!: string | null;
  @Field(() => Int, { description: 'Order among siblings (then slug).' }) position!: number;
  @Field(() => Int, { description: '1 for a root.' }) depth!: number;
  @Field(() => String, { nullable: true }) parentSlug!: string | null;
  @Field(() => [CategoryType], { description: 'The visible subcategories, in order.' }) children!: CategoryType[];
  @Field(() => [CategoryType], { description: 'From the root down to and including this category.' })
  breadcrumbs!: CategoryType[];
  @Field(() => Int, {
    description: 'Products shown here in this category or below (= products(filter: { categorySlug }).totalCount).',
  })
  productCount!: number;
}

@ObjectType('Product')
export class ProductType {
  @Field(() => ID) id!: string;
  @Field(() => String) slug!: string;
  @Field(() => String) name!: string;
  @Field(() => String, { nullable: true }) description!: string | null;
  @Field(() => [ImageType]) images!: ImageType[];
  /** Ids of the brand's categories the product is filed under; Product.categories resolves them from the cached tree. */
  categoryIds!: string[];
  /** Resolved by ProductResolver.variants (batched). */
  @Field(() => [ProductVariantType], { description: 'The variants published and priced on this storefront.' })
  variants?: ProductVariantType[];
  taxCategory!: string;
}

@ObjectType('ProductConnection')
export class ProductConnection extends Paginated(ProductType, 'Product') {}

@InputType()
export class ProductFilter {
  @Field(() => String, {
    nullable: true,
    description:
      'Case-insensitive: words of name and description (prefixes, with typo tolerance), and SKU / slug prefixes. ' +
      'With sort RELEVANCE: an exact SKU first, then name matches, then description matches.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  search?: string | null;

  @Field(() => [String], { nullable: true })
  @IsOptional()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @Length(1, 100, { each: true })
  skus?: string[] | null;

  @Field(() => String, { nullable: true, description: 'Products in this category or any of its descendants.' })
  @IsOptional()
  @Matches(/^[a-z0-9][a-z0-9-]{0,99}$/, { message: 'must be 1-100 lower-case letters, digits or dashes' })
  categorySlug?: string | null;

  @Field(() => [AttributeFilter], {
    nullable: true,
    description:
      'Products with a variant that has, for every attribute listed, one of its values (on the variant or the product); 1..20.',
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => AttributeFilter)
  attributes?: AttributeFilter[] | null;
}
