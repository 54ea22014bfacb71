import type { ApprovalPolicy, Audience, StockDisplay } from '../../../../../libs/domain/src';
import { Field, InputType, Int } from '@nestjs/graphql';
import { ArrayMaxSize, ArrayUnique, IsOptional, Length, Matches, Max, Min } from 'class-validator';
import { IsCode, IsCountryCode, IsCurrencyCode, IsLocaleCode, NotBlank } from '../../../../core/validation/validators';
import { ApprovalPolicyEnum, AudienceEnum, StockDisplayEnum } from '../enums';

@InputType()
export class CreateBrandInput {
  @Field(() => String) @IsCode() code!: string;
  @Field(() => String) @Length(1, 200) @NotBlank() name!: string;
  @Field(() => String, { nullable: true, description: "The seller's VAT id (VIES requester), e.g. NL123456789B01." })
  @IsOptional()
  @Matches(/^[A-Z]{2}[0-9A-Z+*]{2,12}$/, { message: 'must be a VAT number with its country prefix, e.g. NL123456789B01' })
  vatNumber?: string | null;
}

@InputType()
export class CreateWarehouseInput {
  @Field(() => String) @IsCode() code!: string;
  @Field(() => String) @Length(1, 200) @NotBlank() name!: string;
}

@InputType()
export class CreateStorefrontInput {
  @Field(() => String) @IsCode() code!: string;
  @Field(() => String) @Length(1, 200) @NotBlank() name!: string;
  @Field(() => String) @IsCode() brandCode!: string;
  @Field(() => AudienceEnum) audience!: Audience;
  @Field(() => String) @IsCurrencyCode() currency!: string;
  @Field(() => String) @IsCountryCode() country!: string;
  @Field(() => String) @IsLocaleCode() locale!: string;
  @Field(() => Boolean, { nullable: true, description: 'default: true for B2C, false for B2B' })
  @IsOptional()
  pricesIncludeTax?: boolean | null;
  @Field(() => StockDisplayEnum, { nullable: true, description: 'default: STATUS for B2C, EXACT for B2B' })
  @IsOptional()
  stockDisplay?: StockDisplay | null;
  @Field(() => Int, { nullable: true, description: 'default 5: 1..threshold available is LOW_STOCK' })
  @IsOptional()
  @Min(0)
  @Max(1_000_000)
  lowStockThreshold?: number | null;
  @Field(() => ApprovalPolicyEnum, { nullable: true, description: 'B2B only; default AUTOMATIC_WHEN_VERIFIED' })
  @IsOptional()
  approvalPolicy?: ApprovalPolicy | null;
  @Field(() => Int, { nullable: true, description: 'B2B orders on account: days until payment is due; default 30.' })
  @IsOptional()
  @Min(0)
  @Max(365)
  paymentTermsDays?: number | null;
  @Field(() => Int, {
    nullable: true,
    description: 'Customers registered here are NEW while their first order is ≤ this many days old; default 30.',
  })
  @IsOptional()
  @Min(1)
  @Max(3650)
  segmentNewDays?: number | null;
  @Field(() => Int, {
    nullable: true,
    description: 'AT_RISK after max(2 × their usual order interval, this many days) without an order; default 60.',
  })
  @IsOptional()
  @Min(1)
  @Max(3650)
  segmentAtRiskMinDays?: number | null;
  @Field(() => Int, {
    nullable: true,
    description: 'LAPSED after this many days without an order; default 365 (above the other two).',
  })
  @IsOptional()
  @Min(1)
  @Max(3650)
  segmentLapsedDays?: number | null;
  @Field(() => [String], { description: 'In order: checkout reserves stock from the first warehouse first.' })
  @ArrayMaxSize(100)
  @ArrayUnique()
  @IsCode({ each: true })
  warehouseCodes!: string[];
}

@InputType()
export class UpdateStorefrontInput {
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 200) @NotBlank() name?: string | null;
  @Field(() => Boolean, { nullable: true }) @IsOptional() pricesIncludeTax?: boolean | null;
  @Field(() => StockDisplayEnum, { nullable: true }) @IsOptional() stockDisplay?: StockDisplay | null;
  @Field(() => Int, { nullable: true }) @IsOptional() @Min(0) @Max(1_000_000) lowStockThreshold?: number | null;
  @Field(() => ApprovalPolicyEnum, { nullable: true }) @IsOptional() approvalPolicy?: ApprovalPolicy | null;
  @Field(() => Int, { nullable: true }) @IsOptional() @Min(0) @Max(365) paymentTermsDays?: number | null;
  @Field(() => Int, { nullable: true }) @IsOptional() @Min(1) @Max(3650) segmentNewDays?: number | null;
  @Field(() => Int, { nullable: true }) @IsOptional() @Min(1) @Max(3650) segmentAtRiskMinDays?: number | null;
  @Field(() => Int, { nullable: true }) @IsOptional() @Min(1) @Max(3650) segmentLapsedDays?: number | null;
  @Field(() => [String], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(100)
  @ArrayUnique()
  @IsCode({ each: true })
  warehouseCodes?: string[] | null;
}
