import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { AdminPermission, Public } from '../../../../core/auth/access.decorators';
import { ClientIp, Ctx } from '../../../../core/context/ctx.decorator';
import type { RequestContext } from '../../../../core/context/request-context';
import { AdminAuthService } from '../../admin-auth.service';
import { AdminsService } from '../../admins.service';
import {
  AdminAuthPayload,
  AdminType,
  ApiKeyCreated,
  ApiKeyType,
  CreateAdminInput,
  CreateApiKeyInput,
} from './identity-admin.types';

@Resolver()
export class IdentityAdminResolver {
  constructor(
    private readonly auth: AdminAuthService,
    private readonly adminService: AdminsService,
  ) {}

  @Mutation(() => AdminAuthPayload)
  @Public()
  adminLogin(
    @Args('email', { type: () => String }) email: string,
    @Args('password', { type: () => String }) password: string,
    @ClientIp() ip: string,
  ): Promise<AdminAuthPayload> {
    return this.auth.login(email, password, ip) as Promise<AdminAuthPayload>;
  }

  @Query(() => AdminType, { description: 'The logged-in admin.' })
  @AdminPermission()
  async adminMe(@Ctx() ctx: RequestContext): Promise<AdminType> {
    const a = ctx.actor!;
    if (a.kind !== 'admin') throw new Error('unreachable: API keys are refused by the guard');
    return { id: a.id, email: a.email, role: a.role, brandCodes: await this.auth.brandCodes(a) } as AdminType;
  }

  @Query(() => [AdminType])
  @AdminPermission()
  admins(@Ctx() ctx: RequestContext): Promise<AdminType[]> {
    return this.adminService.listAdmins(ctx) as Promise<AdminType[]>;
  }

  @Mutation(() => AdminType)
  @AdminPermission({ superadminOnly: true })
  createAdmin(@Ctx() ctx: RequestContext, @Args('input') input: CreateAdminInput): Promise<AdminType> {
    return this.adminService.createAdmin(ctx, input) as Promise<AdminType>;
  }

  @Query(() => [ApiKeyType])
  @AdminPermission()
  apiKeys(@Ctx() ctx: RequestContext): Promise<ApiKeyType[]> {
    return this.adminService.listApiKeys(ctx) as Promise<ApiKeyType[]>;
  }

  @Mutation(() => ApiKeyCreated)
  @AdminPermission()
  createApiKey(@Ctx() ctx: RequestContext, @Args('input') input: CreateApiKeyInput): Promise<ApiKeyCreated> {
    return this.adminService.createApiKey(ctx, input) as Promise<ApiKeyCreated>;
  }

  @Mutation(() => Boolean)
  @AdminPermission()
  revokeApiKey(@Ctx() ctx: RequestContext, @Args('id', { type: () => ID }) id: string): Promise<boolean> {
    return this.adminService.revokeApiKey(ctx, id);
  }
}
