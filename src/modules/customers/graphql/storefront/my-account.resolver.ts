import { Args, ID, Mutation, Resolver } from '@nestjs/graphql';
import { CustomerOnly, StorefrontAccess } from '../../../../core/auth/access.decorators';
import { OperationLimit } from '../../../../core/rate-limit/operation-limit';
import { Ctx } from '../../../../core/context/ctx.decorator';
import type { RequestContext } from '../../../../core/context/request-context';
import { JSONScalar } from '../../../../core/graphql/json.scalar';
import { ListInputPipe } from '../../../../core/errors/input-validation';
import { AccountService } from '../../account.service';
import { CompanyService } from '../../company.service';
import { ConsentsService } from '../../consents.service';
import { CustomerViewService } from '../../customer-view.service';
import { GdprService } from '../../gdpr.service';
import {
  AcceptCompanyInvitationInput,
  AddressInput,
  ConsentInput,
  UpdateCompanyInput,
  UpdateProfileInput,
} from '../customer.inputs';
import { AddressType, CompanyType, ConsentType, CustomerType } from '../customer.types';

/** "My account": everything here acts on the logged-in customer (from the session), never on an id argument. */
@Resolver()
export class MyAccountResolver {
  constructor(
    private readonly account: AccountService,
    private readonly company: CompanyService,
    private readonly consents: ConsentsService,
    private readonly gdpr: GdprService,
    private readonly view: CustomerViewService,
  ) {}

  private async me(ctx: RequestContext): Promise<CustomerType> {
    return (await this.view.one(ctx, ctx.requireCustomer().id))!;
  }

  @Mutation(() => CustomerType)
  @CustomerOnly()
  async updateMyProfile(@Ctx() ctx: RequestContext, @Args('input') input: UpdateProfileInput): Promise<CustomerType> {
    await this.account.updateProfile(ctx, input);
    return this.me(ctx);
  }

  @Mutation(() => AddressType, { description: 'The first address becomes the default shipping and billing address.' })
  @CustomerOnly()
  async addMyAddress(@Ctx() ctx: RequestContext, @Args('input') input: AddressInput): Promise<AddressType> {
    const id = await this.account.addAddress(ctx, input);
    return (await this.me(ctx)).addresses.find((a) => a.id === id)!;
  }

  @Mutation(() => AddressType, { description: "Another customer's address id is NOT_FOUND." })
  @CustomerOnly()
  async updateMyAddress(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID }) id: string,
    @Args('input') input: AddressInput,
  ): Promise<AddressType> {
    await this.account.updateAddress(ctx, id, input);
    return (await this.me(ctx)).addresses.find((a) => a.id === id)!;
  }

  @Mutation(() => Boolean)
  @CustomerOnly()
  removeMyAddress(@Ctx() ctx: RequestContext, @Args('id', { type: () => ID }) id: string): Promise<boolean> {
    return this.account.removeAddress(ctx, id);
  }

  @Mutation(() => Boolean, { description: 'Ends every other session.' })
  @CustomerOnly()
  changeMyPassword(
    @Ctx() ctx: RequestContext,
    @Args('currentPassword', { type: () => String }) currentPassword: string,
    @Args('newPassword', { type: () => String }) newPassword: string,
  ): Promise<boolean> {
    return this.account.changePassword(ctx, currentPassword, newPassword);
  }

  @Mutation(() => Boolean, { description: 'Emits customer.email_change_requested with a single-use token for the new address.' })
  @CustomerOnly()
  @OperationLimit('email')
  requestEmailChange(
    @Ctx() ctx: RequestContext,
    @Args('newEmail', { type: () => String }) newEmail: string,
    @Args('password', { type: () => String }) password: string,
  ): Promise<boolean> {
    return this.account.requestEmailChange(ctx, newEmail, password);
  }

  @Mutation(() => CustomerType, { description: 'Confirms with the token from the e-mail; works without a session.' })
  @StorefrontAccess()
  async confirmEmailChange(
    @Ctx() ctx: RequestContext,
    @Args('token', { type: () => String }) token: string,
  ): Promise<CustomerType> {
    const id = await this.account.confirmEmailChange(ctx, token);
    return (await this.view.one(ctx, id))!;
  }

  @Mutation(() => [ConsentType], {
    description: 'Current state in me.consents; every change is kept in the history (exportMyData).',
  })
  @CustomerOnly()
  async setMyConsents(
    @Ctx() ctx: RequestContext,
    @Args('input', { type: () => [ConsentInput] }, new ListInputPipe(ConsentInput, 'input', { min: 1, max: 3 }))
    input: ConsentInput[],
  ): Promise<ConsentType[]> {
    await this.consents.set(ctx, ctx.requireCustomer().id, input);
    return (await this.me(ctx)).consents;
  }

  @Mutation(() => CompanyType, { description: 'Company ADMIN only; a new VAT number is verified again.' })
  @CustomerOnly()
  async updateMyCompany(@Ctx() ctx: RequestContext, @Args('input') input: UpdateCompanyInput): Promise<CompanyType> {
    await this.company.update(ctx, input);
    return (await this.me(ctx)).company!;
  }

  @Mutation(() => Boolean, { description: 'Company ADMIN only: emits customer.invited with a token for the e-mail software.' })
  @CustomerOnly()
  @OperationLimit('email')
  inviteColleague(@Ctx() ctx: RequestContext, @Args('email', { type: () => String }) email: string): Promise<boolean> {
    return this.company.invite(ctx, email);
  }

  @Mutation(() => CustomerType, { description: 'Joins the inviting company as BUYER.' })
  @StorefrontAccess()
  async acceptCompanyInvitation(
    @Ctx() ctx: RequestContext,
    @Args('input') input: AcceptCompanyInvitationInput,
  ): Promise<CustomerType> {
    const id = await this.company.accept(ctx, input);
    return (await this.view.one(ctx, id))!;
  }

  @Mutation(() => JSONScalar, { description: 'All personal data held about me, as JSON.' })
  @CustomerOnly()
  exportMyData(@Ctx() ctx: RequestContext): Promise<Record<string, unknown>> {
    return this.gdpr.export(ctx);
  }

  @Mutation(() => Boolean, { description: 'Erases my personal data now; the e-mail address can register again.' })
  @CustomerOnly()
  deleteMyAccount(@Ctx() ctx: RequestContext, @Args('password', { type: () => String }) password: string): Promise<boolean> {
    return this.gdpr.deleteMyAccount(ctx, password);
  }
}
