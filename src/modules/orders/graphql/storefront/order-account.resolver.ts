import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { StorefrontAccess } from '../../../../core/auth/access.decorators';
import { ClientIp, Ctx } from '../../../../core/context/ctx.decorator';
import type { RequestContext } from '../../../../core/context/request-context';
import { OperationLimit } from '../../../../core/rate-limit/operation-limit';
import { CustomerViewService } from '../../../customers/customer-view.service';
import { AuthPayloadType } from '../../../customers/graphql/customer.types';
import { OrderAccountsService } from '../../order-accounts.service';

/** A guest's order becoming an account. */
@Resolver()
export class OrderAccountResolver {
  constructor(
    private readonly accounts: OrderAccountsService,
    private readonly view: CustomerViewService,
  ) {}

  @Mutation(() => AuthPayloadType, {
    description:
      "An account from a guest order (B2C): `token` is the order.placed event's accountToken, single use. The account gets the order's " +
      'name, e-mail, phone and addresses, and is logged in. Known e-mail: EMAIL_ALREADY_REGISTERED, and the order joins that account at its next login.',
  })
  @StorefrontAccess()
  @OperationLimit('registration')
  async registerFromOrder(
    @Ctx() ctx: RequestContext,
    @Args('orderNumber', { type: () => String }) orderNumber: string,
    @Args('token', { type: () => String }) token: string,
    @Args('password', { type: () => String }) password: string,
    @ClientIp() ip: string,
  ): Promise<AuthPayloadType> {
    const s = await this.accounts.registerFromOrder(ctx, orderNumber, token, password, ip);
    const customer = await this.view.one(ctx, s.customerId);
    return { accessToken: s.accessToken, refreshToken: s.refreshToken, expiresIn: s.expiresIn, customer: customer! };
  }
}
