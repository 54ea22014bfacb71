import type { CompanyRole, ConsentPurpose, CustomerStatus, VerificationStatus } from '../../../../libs/domain/src';
import { COMPANY_ROLES, CUSTOMER_SEGMENTS, CUSTOMER_STATUSES, VERIFICATION_STATUSES } from '../../../../libs/domain/src';
import { graphqlEnum } from '../../../core/graphql/graphql-enum';
import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { ConsentPurposeEnum } from './customer.inputs';

export const CustomerStatusEnum = graphqlEnum(CUSTOMER_STATUSES, 'CustomerStatus');
export const VerificationStatusEnum = graphqlEnum(VERIFICATION_STATUSES, 'VerificationStatus');
export const CompanyRoleEnum = graphqlEnum(COMPANY_ROLES, 'CompanyRole');
export const CustomerSegmentEnum = graphqlEnum(CUSTOMER_SEGMENTS, 'CustomerSegment');

/** The postal fields every address type shows (a saved address, a cart's or an order's copy). */
@ObjectType({ isAbstract: true })
export abstract class PostalAddressFields {
  @Field(() => String, { nullable: true }) fullName!: string | null;
  @Field(() => String) street!: string;
  @Field(() => String) houseNumber!: string;
  @Field(() => String, { nullable: true }) houseNumberAddition!: string | null;
  @Field(() => String) postalCode!: string;
  @Field(() => String) city!: string;
  @Field(() => String) country!: string;
}

@ObjectType('Address')
export class AddressType extends PostalAddressFields {
  @Field(() => ID) id!: string;
  @Field(() => Boolean) defaultShipping!: boolean;
  @Field(() => Boolean) defaultBilling!: boolean;
}

@ObjectType('Consent')
export class ConsentType {
  @Field(() => ConsentPurposeEnum) purpose!: ConsentPurpose;
  @Field(() => Boolean) granted!: boolean;
  @Field(() => String, { nullable: true }) textVersion!: string | null;
  @Field(() => Date) updatedAt!: Date;
}

@ObjectType('VatVerification')
export class VatVerificationType {
  @Field(() => VerificationStatusEnum) status!: VerificationStatus;
  @Field(() => Date, { nullable: true }) checkedAt!: Date | null;
  @Field(() => String, { nullable: true, description: 'VIES consultation number: proof of the check.' })
  consultationNumber!: string | null;
  @Field(() => String, { nullable: true }) registeredName!: string | null;
}

@ObjectType('Company')
export class CompanyType {
  @Field(() => ID) id!: string;
  @Field(() => String) name!: string;
  @Field(() => String) country!: string;
  @Field(() => String) vatNumber!: string;
  @Field(() => String, { nullable: true }) kvkNumber!: string | null;
  @Field(() => VatVerificationType) vatVerification!: VatVerificationType;
  @Field(() => CompanyRoleEnum, { description: "The customer's role in the company." }) role!: CompanyRole;
  @Field(() => AddressType) address!: AddressType;
}

@ObjectType('Customer')
export class CustomerType {
  @Field(() => ID) id!: string;
  @Field(() => String) email!: string;
  @Field(() => String) firstName!: string;
  @Field(() => String) lastName!: string;
  @Field(() => String, { nullable: true }) phone!: string | null;
  @Field(() => CustomerStatusEnum) status!: CustomerStatus;
  @Field(() => String, { nullable: true, description: 'Why the account was rejected (REJECTED only).' })
  rejectionReason!: string | null;
  @Field(() => [AddressType]) addresses!: AddressType[];
  @Field(() => [ConsentType]) consents!: ConsentType[];
  @Field(() => CompanyType, { nullable: true }) company!: CompanyType | null;
}

@ObjectType('AuthPayload')
export class AuthPayloadType {
  @Field(() => String) accessToken!: string;
  @Field(() => String) refreshToken!: string;
  @Field(() => Int, { description: 'Seconds until the access token expires.' }) expiresIn!: number;
  @Field(() => CustomerType) customer!: CustomerType;
}
