import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { PageInfo } from '../../../../core/graphql/page-info.type';
import { AudienceEnum } from '../../../tenants/graphql/enums';
import { CustomerStatusEnum, VerificationStatusEnum } from '../customer.types';

@ObjectType('CustomerCompanySummary')
export class CustomerCompanySummary {
  @Field(() => String) name!: string;
  @Field(() => String) vatNumber!: string;
  @Field(() => VerificationStatusEnum) vatStatus!: VerificationStatusEnum;
}

@ObjectType('Customer')
export class AdminCustomer {
  @Field(() => ID) id!: string;
  @Field(() => String) brandCode!: string;
  @Field(() => AudienceEnum) audience!: AudienceEnum;
  @Field(() => String) email!: string;
  @Field(() => String) firstName!: string;
  @Field(() => String) lastName!: string;
  @Field(() => String, { nullable: true }) phone!: string | null;
  @Field(() => CustomerStatusEnum) status!: CustomerStatusEnum;
  @Field(() => String, { nullable: true }) rejectionReason!: string | null;
  @Field(() => CustomerCompanySummary, { nullable: true }) company!: CustomerCompanySummary | null;
  @Field(() => Date) createdAt!: Date;
}

@ObjectType('CustomerEdge')
export class CustomerEdge {
  @Field(() => String) cursor!: string;
  @Field(() => AdminCustomer) node!: AdminCustomer;
}

@ObjectType('CustomerConnection')
export class CustomerConnection {
  @Field(() => [CustomerEdge]) edges!: CustomerEdge[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
  @Field(() => Int) totalCount!: number;
}
