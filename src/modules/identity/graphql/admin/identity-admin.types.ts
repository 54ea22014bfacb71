import type { AdminRole, ApiScope } from '../../../../../libs/domain/src';
import { ADMIN_ROLES, API_SCOPES } from '../../../../../libs/domain/src';
import { graphqlEnum } from '../../../../core/graphql/graphql-enum';
import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsEmail, IsOptional, Length, MaxLength } from 'class-validator';
import { IsCode, IsPasswordLength, NotBlank } from '../../../../core/validation/validators';

export const AdminRoleEnum = graphqlEnum(ADMIN_ROLES, 'AdminRole');
export const ApiScopeEnum = graphqlEnum(API_SCOPES, 'ApiScope');

@ObjectType('Admin')
export class AdminType {
  @Field(() => ID) id!: string;
  @Field(() => String) email!: string;
  @Field(() => AdminRoleEnum) role!: AdminRole;
  @Field(() => [String], { description: 'Brands a BRAND_ADMIN manages (empty for a SUPERADMIN: all).' })
  brandCodes!: string[];
}

@ObjectType('AdminAuthPayload')
export class AdminAuthPayload {
  @Field(() => String) accessToken!: string;
  @Field(() => Int, { description: 'Seconds until the access token expires.' }) expiresIn!: number;
  @Field(() => AdminType) admin!: AdminType;
}

@ObjectType('ApiKey')
export class ApiKeyType {
  @Field(() => ID) id!: string;
  @Field(() => String) name!: string;
  @Field(() => String, { description: 'The first characters of the secret, to recognise it.' }) prefix!: string;
  @Field(() => [ApiScopeEnum]) scopes!: ApiScope[];
  @Field(() => [String]) warehouseCodes!: string[];
  @Field(() => [String], { nullable: true, description: 'null: every brand.' }) brandCodes!: string[] | null;
  @Field(() => Date) createdAt!: Date;
  @Field(() => Date, { nullable: true }) revokedAt!: Date | null;
}

@ObjectType('ApiKeyCreated')
export class ApiKeyCreated {
  @Field(() => ApiKeyType) apiKey!: ApiKeyType;
  @Field(() => String, { description: 'Use as `authorization: Bearer <secret>`. Shown once.' }) secret!: string;
}

@InputType()
export class CreateAdminInput {
  @Field(() => String) @IsEmail({}, { message: 'must be an e-mail address' }) @MaxLength(254) email!: string;
  @Field(() => String) @IsPasswordLength() password!: string;
  @Field(() => AdminRoleEnum) role!: AdminRole;
  @Field(() => [String], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(100)
  @ArrayUnique()
  @IsCode({ each: true })
  brandCodes?: string[] | null;
}

@InputType()
export class CreateApiKeyInput {
  @Field(() => String) @Length(1, 200) @NotBlank() name!: string;
  @Field(() => [ApiScopeEnum]) @ArrayMinSize(1) @ArrayUnique() scopes!: ApiScope[];
  @Field(() => [String], { nullable: true, description: 'INVENTORY_WRITE: the warehouses the key may push to.' })
  @IsOptional()
  @ArrayMaxSize(100)
  @ArrayUnique()
  @IsCode({ each: true })
  warehouseCodes?: string[] | null;
  @Field(() => [String], {
    nullable: true,
    description: 'Brands the key may act for. Omitted: every brand (SUPERADMIN only). A brand admin must name own brands.',
  })
  @IsOptional()
  @ArrayMaxSize(100)
  @ArrayUnique()
  @IsCode({ each: true })
  brandCodes?: string[] | null;
}
