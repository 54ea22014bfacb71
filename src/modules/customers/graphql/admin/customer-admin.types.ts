import type { Audience, CustomerSegment, CustomerStatus, VerificationStatus } from '../../../../../libs/domain/src';
import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Paginated } from '../../../../core/graphql/pagination.types';
import { AudienceEnum } from '../../../tenants/graphql/enums';
import { CompanyType, CustomerSegmentEnum, CustomerStatusEnum, VerificationStatusEnum } from '../customer.types';

/**
 * The contract's `Company` (with `vatVerification`: what VIES said, so an admin can decide on a
 * PENDING_APPROVAL account), plus `vatStatus`, kept for admin clients written against the earlier summary.
 */
@ObjectType('Company')
export class AdminCompany extends CompanyType {
  @Field(() => VerificationStatusEnum, { deprecationReason: 'Use vatVerification.status.' })
  vatStatus!: VerificationStatus;
}

@ObjectType('Customer')
export class AdminCustomer {
  @Field(() => ID) id!: string;
  @Field(() => String) brandCode!: string;
  @Field(() => AudienceEnum) audience!: Audience;
  @Field(() => String) email!: string;
  @Field(() => String) firstName!: string;
  @Field(() => String) lastName!: string;
  @Field(() => String, { nullable: true }) phone!: string | null;
  @Field(() => CustomerStatusEnum) status!: CustomerStatus;
  @Field(() => String, { nullable: true }) rejectionReason!: string | null;
  @Field(() => AdminCompany, { nullable: true }) company!: AdminCompany | null;
  @Field(() => CustomerSegmentEnum, { description: 'Where the customer stands by their orders (docs/INSIGHTS.md).' })
  segment!: CustomerSegment;
  @Field(() => Date, { description: 'Since when the customer is in this segment.' }) segmentSince!: Date;
  @Field(() => Date) createdAt!: Date;
}

@ObjectType('CustomerConnection')
export class CustomerConnection extends Paginated(AdminCustomer, 'Customer') {}
