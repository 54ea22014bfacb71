import type { CartStatus, OrderStatus } from '../../../../libs/domain/src';
import { CART_STATUSES, ORDER_STATUSES } from '../../../../libs/domain/src';
import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsOptional, IsString, Length, MaxLength, ValidateNested } from 'class-validator';
import { graphqlEnum } from '../../../core/graphql/graphql-enum';
import { Paginated } from '../../../core/graphql/pagination.types';
import { AvailabilityType, PriceType } from '../../catalog/graphql/storefront/catalog.types';
import { AddressInput } from '../../customers/graphql/customer.inputs';
import { PostalAddressFields } from '../../customers/graphql/customer.types';

export const OrderStatusEnum = graphqlEnum(ORDER_STATUSES, 'OrderStatus');
export const CartStatusEnum = graphqlEnum(CART_STATUSES, 'CartStatus');

@ObjectType('Money')
export class MoneyType {
  @Field(() => String, { description: 'Decimal string with the currency\'s decimals, e.g. "12.50".' }) amount!: string;
  @Field(() => String) currency!: string;
}

@ObjectType('TaxLine')
export class TaxLineType {
  @Field(() => String, { description: 'Percent, e.g. "21"; "0" under reverse charge.' }) rate!: string;
  @Field(() => MoneyType, { description: 'Net amount taxed at this rate (goods and their share of shipping).' })
  taxableAmount!: MoneyType;
  @Field(() => MoneyType) tax!: MoneyType;
}

@ObjectType('Totals', {
  description: 'totalGross = subtotalNet + shipping + tax. Rounding is per line (docs/MONEY-AND-VAT.md).',
})
export class TotalsType {
  @Field(() => MoneyType, { description: 'Goods, net of VAT.' }) subtotalNet!: MoneyType;
  @Field(() => MoneyType, { description: 'Goods, VAT included.' }) subtotalGross!: MoneyType;
  @Field(() => MoneyType, { description: 'Shipping, net of VAT.' }) shipping!: MoneyType;
  @Field(() => MoneyType, { description: 'Shipping, VAT included.' }) shippingGross!: MoneyType;
  @Field(() => MoneyType, { description: 'All VAT: goods and shipping.' }) tax!: MoneyType;
  @Field(() => MoneyType) totalGross!: MoneyType;
  @Field(() => [TaxLineType], { description: 'VAT per rate, highest rate first.' }) taxLines!: TaxLineType[];
}

@ObjectType('OrderAddress', {
  description: 'An address as given for a cart or an order (a copy: later account edits do not change it).',
})
export class OrderAddressType extends PostalAddressFields {
  @Field(() => String, { nullable: true, description: 'B2B: the company the goods are for.' }) companyName!: string | null;
}

@ObjectType('ShippingMethod')
export class ShippingMethodType {
  @Field(() => String) code!: string;
  @Field(() => String) name!: string;
  @Field(() => MoneyType, { description: "In the storefront's price convention (VAT included when pricesIncludeTax)." })
  price!: MoneyType;
  @Field(() => MoneyType, { nullable: true, description: 'Free when the goods (same convention) reach this amount.' })
  freeAbove!: MoneyType | null;
  @Field(() => [String], { description: 'Destination countries (ISO 3166-1 alpha-2).' }) countries!: string[];
}

@ObjectType('ProductSummary')
export class ProductSummaryType {
  @Field(() => String) slug!: string;
  @Field(() => String) name!: string;
}

@ObjectType('CartLine')
export class CartLineType {
  @Field(() => String) sku!: string;
  @Field(() => Int) quantity!: number;
  @Field(() => String, { description: 'The variant name.' }) name!: string;
  @Field(() => ProductSummaryType) product!: ProductSummaryType;
  @Field(() => PriceType, { description: 'The current price.' }) unitPrice!: PriceType;
  @Field(() => MoneyType, { description: "unitPrice × quantity, in the storefront's price convention." }) lineTotal!: MoneyType;
  @Field(() => AvailabilityType, { description: 'Now; placeOrder reserves or answers INSUFFICIENT_STOCK.' })
  availability!: AvailabilityType;
}

@ObjectType('Cart')
export class CartType {
  @Field(() => ID, { description: 'Unguessable: whoever has it can use an anonymous cart on this storefront.' }) id!: string;
  @Field(() => CartStatusEnum) status!: CartStatus;
  @Field(() => String) currency!: string;
  @Field(() => [CartLineType]) lines!: CartLineType[];
  @Field(() => TotalsType, { description: 'With current prices; shipping once a method is chosen.' }) totals!: TotalsType;
  @Field(() => Boolean, { description: 'B2B: VAT will be reverse charged (0 %) for this buyer.' }) reverseCharge!: boolean;
  @Field(() => String, { nullable: true }) email!: string | null;
  @Field(() => String, { nullable: true }) firstName!: string | null;
  @Field(() => String, { nullable: true }) lastName!: string | null;
  @Field(() => String, { nullable: true }) phone!: string | null;
  @Field(() => OrderAddressType, { nullable: true }) shippingAddress!: OrderAddressType | null;
  @Field(() => OrderAddressType, { nullable: true, description: 'null: the shipping address (B2B: the company address).' })
  billingAddress!: OrderAddressType | null;
  @Field(() => ShippingMethodType, { nullable: true }) shippingMethod!: ShippingMethodType | null;
  @Field(() => String, { nullable: true }) purchaseOrderNumber!: string | null;
  @Field(() => String, { nullable: true, description: 'Set once the cart was ordered.' }) orderNumber!: string | null;
}

@ObjectType('OrderLine')
export class OrderLineType {
  @Field(() => String) sku!: string;
  @Field(() => String, { description: 'Product and variant name at the time of the order.' }) name!: string;
  @Field(() => Int) quantity!: number;
  @Field(() => Int) shippedQuantity!: number;
  @Field(() => MoneyType, { description: "In the order's price convention (pricesIncludeTax)." }) unitPrice!: MoneyType;
  @Field(() => MoneyType, { description: "unitPrice × quantity, in the order's price convention." }) lineTotal!: MoneyType;
  @Field(() => MoneyType) lineNet!: MoneyType;
  @Field(() => MoneyType) lineTax!: MoneyType;
  @Field(() => String, { description: 'Percent charged on this line, e.g. "21"; "0" under reverse charge.' }) taxRate!: string;
}

@ObjectType('ShipmentLine')
export class ShipmentLineType {
  @Field(() => String) sku!: string;
  @Field(() => Int) quantity!: number;
}

@ObjectType('Shipment')
export class ShipmentType {
  @Field(() => String) carrier!: string;
  @Field(() => String, { nullable: true }) trackingCode!: string | null;
  @Field(() => String, { nullable: true }) trackingUrl!: string | null;
  @Field(() => Date) shippedAt!: Date;
  @Field(() => [ShipmentLineType]) lines!: ShipmentLineType[];
}

@ObjectType('Payment')
export class PaymentType {
  @Field(() => String) provider!: string;
  @Field(() => String) reference!: string;
  @Field(() => MoneyType) amount!: MoneyType;
  @Field(() => Date) recordedAt!: Date;
}

@ObjectType('Order')
export class OrderType {
  @Field(() => ID) id!: string;
  @Field(() => String, { description: 'Per brand, readable and increasing, e.g. ACME-000123.' }) number!: string;
  @Field(() => OrderStatusEnum) status!: OrderStatus;
  @Field(() => Date) placedAt!: Date;
  @Field(() => String) storefrontCode!: string;
  @Field(() => String) currency!: string;
  @Field(() => Boolean) pricesIncludeTax!: boolean;
  @Field(() => [OrderLineType]) lines!: OrderLineType[];
  @Field(() => TotalsType) totals!: TotalsType;
  @Field(() => Boolean) reverseCharge!: boolean;
  @Field(() => String, { nullable: true, description: 'The invoice note when reverseCharge.' }) reverseChargeNote!: string | null;
  @Field(() => String, { nullable: true, description: 'null once the customer was erased.' }) email!: string | null;
  @Field(() => String, { nullable: true }) firstName!: string | null;
  @Field(() => String, { nullable: true }) lastName!: string | null;
  @Field(() => String, { nullable: true }) phone!: string | null;
  @Field(() => String, { nullable: true }) companyName!: string | null;
  @Field(() => String, { nullable: true }) vatNumber!: string | null;
  @Field(() => OrderAddressType, { nullable: true }) shippingAddress!: OrderAddressType | null;
  @Field(() => OrderAddressType, { nullable: true }) billingAddress!: OrderAddressType | null;
  @Field(() => String) shippingMethodCode!: string;
  @Field(() => String) shippingMethodName!: string;
  @Field(() => String, { nullable: true }) purchaseOrderNumber!: string | null;
  @Field(() => Date, { nullable: true, description: 'B2B on account: placedAt + the payment terms.' }) paymentDueAt!: Date | null;
  @Field(() => Date, { nullable: true }) paidAt!: Date | null;
  @Field(() => [PaymentType]) payments!: PaymentType[];
  @Field(() => [ShipmentType]) shipments!: ShipmentType[];
  @Field(() => Date, { nullable: true }) cancelledAt!: Date | null;
  @Field(() => String, { nullable: true }) cancelReason!: string | null;
  @Field(() => ID, { nullable: true }) customerId!: string | null;
  @Field(() => ID, { nullable: true }) companyId!: string | null;
}

@ObjectType('OrderConnection')
export class OrderConnection extends Paginated(OrderType, 'Order') {}

@InputType()
export class CartDetailsInput {
  @Field(() => String, { nullable: true, description: 'Guests: required to order (B2C). Customers: defaults to the account.' })
  @IsOptional()
  @IsString()
  @Length(1, 254)
  email?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @Length(1, 100) firstName?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @Length(1, 100) lastName?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(40) phone?: string | null;
  @Field(() => AddressInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => AddressInput)
  shippingAddress?: AddressInput | null;
  @Field(() => AddressInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => AddressInput)
  billingAddress?: AddressInput | null;
  @Field(() => ID, {
    nullable: true,
    description: "Instead of shippingAddress: one of my saved addresses, or (B2B) my company's address id.",
  })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  shippingAddressId?: string | null;
  @Field(() => ID, { nullable: true, description: 'Instead of billingAddress, as shippingAddressId.' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  billingAddressId?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @Length(1, 63) shippingMethodCode?: string | null;
  @Field(() => String, { nullable: true, description: "B2B: the buyer's purchase order number, on the invoice." })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  purchaseOrderNumber?: string | null;
}
