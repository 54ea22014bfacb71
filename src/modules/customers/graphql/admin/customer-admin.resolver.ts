import type { Audience, CustomerSegment, CustomerStatus } from '../../../../../libs/domain/src';
import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { AdminPermission } from '../../../../core/auth/access.decorators';
import { Ctx } from '../../../../core/context/ctx.decorator';
import type { RequestContext } from '../../../../core/context/request-context';
import { mapNodes } from '../../../../core/graphql/pagination';
import { AudienceEnum } from '../../../tenants/graphql/enums';
import { type AdminCustomerRow, CustomersAdminService } from '../../customers-admin.service';
import { GdprService } from '../../gdpr.service';
import { CustomerSegmentEnum, CustomerStatusEnum } from '../customer.types';
import { AdminCustomer, CustomerConnection } from './customer-admin.types';

function toAdminCustomer(r: AdminCustomerRow): AdminCustomer {
  return {
    id: r.id,
    brandCode: r.brandCode,
    audience: r.audience,
    email: r.email,
    firstName: r.firstName,
    lastName: r.lastName,
    phone: r.phone,
    status: r.status,
    rejectionReason: r.rejectionReason,
    company: r.company ? { ...r.company, vatStatus: r.company.vatVerification.status } : null,
    segment: r.segment,
    segmentSince: r.segmentSince,
    createdAt: r.createdAt,
  };
}

@Resolver()
export class CustomerAdminResolver {
  constructor(
    private readonly service: CustomersAdminService,
    private readonly gdpr: GdprService,
  ) {}

  @Query(() => CustomerConnection, { description: 'Customers of your brands; pending approvals first. first: 1..100.' })
  @AdminPermission({ apiKeyScope: 'CUSTOMERS_READ' })
  async customers(
    @Ctx() ctx: RequestContext,
    @Args('brandCode', { type: () => String, nullable: true }) brandCode: string | null,
    @Args('audience', { type: () => AudienceEnum, nullable: true }) audience: Audience | null,
    @Args('status', { type: () => CustomerStatusEnum, nullable: true }) status: CustomerStatus | null,
    @Args('segment', { type: () => CustomerSegmentEnum, nullable: true }) segment: CustomerSegment | null,
    @Args('search', { type: () => String, nullable: true }) search: string | null,
    @Args('first', { type: () => Int, defaultValue: 20 }) first: number,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
    @Args('possibleDuplicates', {
      type: () => Boolean,
      nullable: true,
      description: 'Only customers who look like another of the realm (same name + postcode + house number, or same phone).',
    })
    possibleDuplicates: boolean | null,
  ): Promise<CustomerConnection> {
    return mapNodes(
      await this.service.list(ctx, { brandCode, audience, status, segment, search, first, after, possibleDuplicates }),
      toAdminCustomer,
    );
  }

  @Query(() => AdminCustomer, { nullable: true })
  @AdminPermission({ apiKeyScope: 'CUSTOMERS_READ' })
  async customer(@Ctx() ctx: RequestContext, @Args('id', { type: () => ID }) id: string): Promise<AdminCustomer | null> {
    const row = await this.service.byId(ctx, id);
    return row ? toAdminCustomer(row) : null;
  }

  @Mutation(() => AdminCustomer)
  @AdminPermission()
  async approveCustomer(@Ctx() ctx: RequestContext, @Args('id', { type: () => ID }) id: string): Promise<AdminCustomer> {
    return toAdminCustomer((await this.service.byId(ctx, await this.service.approve(ctx, id)))!);
  }

  @Mutation(() => AdminCustomer, { description: 'The reason is kept and shown to the customer.' })
  @AdminPermission()
  async rejectCustomer(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID }) id: string,
    @Args('reason', { type: () => String }) reason: string,
  ): Promise<AdminCustomer> {
    return toAdminCustomer((await this.service.byId(ctx, await this.service.reject(ctx, id, reason)))!);
  }

  @Mutation(() => Boolean, { description: 'Erases the personal data of a customer of your brands (GDPR art. 17).' })
  @AdminPermission()
  async eraseCustomer(@Ctx() ctx: RequestContext, @Args('id', { type: () => ID }) id: string): Promise<boolean> {
    const c = await this.service.require(ctx, id);
    await this.gdpr.erase(ctx, c.id, 'admin');
    return true;
  }

  @Mutation(() => AdminCustomer, { description: "Checks the company's VAT number with VIES again (in the background)." })
  @AdminPermission()
  async reverifyCustomer(@Ctx() ctx: RequestContext, @Args('id', { type: () => ID }) id: string): Promise<AdminCustomer> {
    return toAdminCustomer((await this.service.byId(ctx, await this.service.reverify(ctx, id)))!);
  }
}
