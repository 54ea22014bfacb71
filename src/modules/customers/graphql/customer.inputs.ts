import type { ConsentPurpose } from '../../../../libs/domain/src';
import { CONSENT_PURPOSES } from '../../../../libs/domain/src';
import { graphqlEnum } from '../../../core/graphql/graphql-enum';
import { Field, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsBoolean, IsOptional, IsString, Length, MaxLength, ValidateNested } from 'class-validator';
import { IsPasswordLength } from '../../../core/validation/validators';

export const ConsentPurposeEnum = graphqlEnum(CONSENT_PURPOSES, 'ConsentPurpose');

@InputType()
export class AddressInput {
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(200) fullName?: string | null;
  @Field(() => String) @IsString() @Length(1, 200) street!: string;
  @Field(() => String) @IsString() @Length(1, 20) houseNumber!: string;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(20) houseNumberAddition?: string | null;
  @Field(() => String) @IsString() @Length(1, 20) postalCode!: string;
  @Field(() => String) @IsString() @Length(1, 100) city!: string;
  @Field(() => String) @IsString() @Length(2, 2) country!: string;
  @Field(() => Boolean, { nullable: true }) @IsOptional() @IsBoolean() defaultShipping?: boolean | null;
  @Field(() => Boolean, { nullable: true }) @IsOptional() @IsBoolean() defaultBilling?: boolean | null;
}

@InputType()
export class ConsentInput {
  @Field(() => ConsentPurposeEnum) purpose!: ConsentPurpose;
  @Field(() => Boolean) @IsBoolean() granted!: boolean;
  @Field(() => String, { nullable: true, description: 'Version of the consent text the customer saw.' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  textVersion?: string | null;
}

@InputType()
export class CompanyInput {
  @Field(() => String) @IsString() @Length(1, 200) name!: string;
  @Field(() => String, { description: 'ISO 3166-1 alpha-2 (GR for Greece; its VAT numbers use EL).' })
  @IsString()
  @Length(2, 2)
  country!: string;
  @Field(() => String) @IsString() @Length(1, 30) vatNumber!: string;
  @Field(() => String, { nullable: true, description: 'Required for Dutch companies: 8 digits.' })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  kvkNumber?: string | null;
  @Field(() => AddressInput) @ValidateNested() @Type(() => AddressInput) address!: AddressInput;
}

@InputType()
export class RegisterCustomerInput {
  @Field(() => String) @IsString() @Length(1, 254) email!: string;
  @Field(() => String) @IsString() @IsPasswordLength() password!: string;
  @Field(() => String) @IsString() @Length(1, 100) firstName!: string;
  @Field(() => String) @IsString() @Length(1, 100) lastName!: string;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(40) phone?: string | null;
  @Field(() => [ConsentInput], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(3)
  @ValidateNested({ each: true })
  @Type(() => ConsentInput)
  consents?: ConsentInput[] | null;
  @Field(() => CompanyInput, { nullable: true, description: 'Required on B2B storefronts, refused on B2C storefronts.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => CompanyInput)
  company?: CompanyInput | null;
}

@InputType()
export class UpdateProfileInput {
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @Length(1, 100) firstName?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @Length(1, 100) lastName?: string | null;
  @Field(() => String, { nullable: true, description: 'E.164 after normalisation; an empty string removes it.' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  phone?: string | null;
}

@InputType()
export class UpdateCompanyInput {
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @Length(1, 200) name?: string | null;
  @Field(() => String, { nullable: true, description: 'A new VAT number is verified again (VIES).' })
  @IsOptional()
  @IsString()
  @Length(1, 30)
  vatNumber?: string | null;
  @Field(() => AddressInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => AddressInput)
  address?: AddressInput | null;
}

@InputType()
export class AcceptCompanyInvitationInput {
  @Field(() => String) @IsString() @Length(1, 200) token!: string;
  @Field(() => String) @IsString() @IsPasswordLength() password!: string;
  @Field(() => String) @IsString() @Length(1, 100) firstName!: string;
  @Field(() => String) @IsString() @Length(1, 100) lastName!: string;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(40) phone?: string | null;
}
