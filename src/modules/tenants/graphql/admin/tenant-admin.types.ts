import type { ApprovalPolicy } from '../../../../../libs/domain/src';
import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { ApprovalPolicyEnum } from '../enums';
import { StorefrontFields } from '../storefront-fields.type';

@ObjectType('Brand')
export class AdminBrand {
  @Field(() => ID) id!: string;
  @Field(() => String) code!: string;
  @Field(() => String) name!: string;
  @Field(() => String, { nullable: true, description: "The seller's VAT id (requester in VIES checks)." })
  vatNumber!: string | null;
  @Field(() => Date) createdAt!: Date;
}

@ObjectType('Warehouse')
export class AdminWarehouse {
  @Field(() => ID) id!: string;
  @Field(() => String) code!: string;
  @Field(() => String) name!: string;
}

@ObjectType('Storefront')
export class AdminStorefront extends StorefrontFields {
  @Field(() => ID) id!: string;
  @Field(() => AdminBrand) brand!: AdminBrand;
  @Field(() => ApprovalPolicyEnum) approvalPolicy!: ApprovalPolicy;
  @Field(() => [String]) warehouseCodes!: string[];
  @Field(() => Int, { description: 'Customers registered here are NEW while their first order is at most this many days old.' })
  segmentNewDays!: number;
  @Field(() => Int, {
    description: 'AT_RISK after max(2 × their usual interval between orders, this many days) without an order.',
  })
  segmentAtRiskMinDays!: number;
  @Field(() => Int, { description: 'LAPSED after this many days without an order.' })
  segmentLapsedDays!: number;
  @Field(() => Date) tokenRotatedAt!: Date;
}

@ObjectType('StorefrontCreated')
export class StorefrontCreated {
  @Field(() => AdminStorefront) storefront!: AdminStorefront;
  @Field(() => String, { description: 'The storefront token. Shown once: only its hash is stored.' })
  token!: string;
}
