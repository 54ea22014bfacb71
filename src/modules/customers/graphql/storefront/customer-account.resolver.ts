import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { DomainError } from '../../../../../libs/errors/src';
import { CustomerOnly, StorefrontAccess } from '../../../../core/auth/access.decorators';
import { OperationLimit } from '../../../../core/rate-limit/operation-limit';
import { ClientIp, Ctx } from '../../../../core/context/ctx.decorator';
import type { RequestContext } from '../../../../core/context/request-context';
import { CustomerAuthService, type Session } from '../../customer-auth.service';
import { CustomerViewService } from '../../customer-view.service';
import { RegistrationService } from '../../registration.service';
import { RegisterCustomerInput } from '../customer.inputs';
import { AuthPayloadType, CustomerType } from '../customer.types';

@Resolver()
export class CustomerAccountResolver {
  constructor(
    private readonly registration: RegistrationService,
    private readonly auth: CustomerAuthService,
    private readonly view: CustomerViewService,
  ) {}

  private async payload(ctx: RequestContext, s: Session): Promise<AuthPayloadType> {
    const customer = await this.view.one(ctx, s.customerId);
    return { accessToken: s.accessToken, refreshToken: s.refreshToken, expiresIn: s.expiresIn, customer: customer! };
  }

  @Query(() => CustomerType, { nullable: true, description: 'The logged-in customer; null when anonymous.' })
  @StorefrontAccess()
  async me(@Ctx() ctx: RequestContext): Promise<CustomerType | null> {
    if (ctx.customerTokenRejected) throw new DomainError('UNAUTHENTICATED', 'The access token is invalid, expired or revoked.');
    if (!ctx.customer) return null;
    return this.view.one(ctx, ctx.customer.id);
  }

  @Mutation(() => CustomerType, {
    description: "Registers in this storefront's realm; B2B needs a company (VAT checked with VIES).",
  })
  @StorefrontAccess()
  @OperationLimit('registration')
  registerCustomer(@Ctx() ctx: RequestContext, @Args('input') input: RegisterCustomerInput): Promise<CustomerType> {
    return this.registration.register(ctx, input);
  }

  @Mutation(() => AuthPayloadType)
  @StorefrontAccess()
  async login(
    @Ctx() ctx: RequestContext,
    @Args('email', { type: () => String }) email: string,
    @Args('password', { type: () => String }) password: string,
    @ClientIp() ip: string,
  ): Promise<AuthPayloadType> {
    return this.payload(ctx, await this.auth.login(ctx, email, password, ip));
  }

  @Mutation(() => AuthPayloadType, {
    description: 'Rotates: the old refresh token stops working; reusing it revokes the session.',
  })
  @StorefrontAccess()
  async refreshSession(
    @Ctx() ctx: RequestContext,
    @Args('refreshToken', { type: () => String }) refreshToken: string,
  ): Promise<AuthPayloadType> {
    return this.payload(ctx, await this.auth.refresh(ctx, refreshToken));
  }

  @Mutation(() => Boolean, { description: 'Ends this session (its access and refresh tokens).' })
  @CustomerOnly()
  logout(@Ctx() ctx: RequestContext): Promise<boolean> {
    return this.auth.logout(ctx);
  }

  @Mutation(() => Boolean, {
    description: 'Always true (no enumeration); emits customer.password_reset_requested for a known account.',
  })
  @StorefrontAccess()
  @OperationLimit('email')
  requestPasswordReset(@Ctx() ctx: RequestContext, @Args('email', { type: () => String }) email: string): Promise<boolean> {
    return this.auth.requestPasswordReset(ctx, email);
  }

  @Mutation(() => AuthPayloadType, { description: 'Single-use, expiring token; ends every other session.' })
  @StorefrontAccess()
  async resetPassword(
    @Ctx() ctx: RequestContext,
    @Args('token', { type: () => String }) token: string,
    @Args('newPassword', { type: () => String }) newPassword: string,
    @ClientIp() ip: string,
  ): Promise<AuthPayloadType> {
    return this.payload(ctx, await this.auth.resetPassword(ctx, token, newPassword, ip));
  }
}
