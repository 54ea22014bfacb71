import { Args, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { OrderStatus } from '../../../../../libs/domain/src';
import { AdminPermission } from '../../../../core/auth/access.decorators';
import { Ctx } from '../../../../core/context/ctx.decorator';
import type { RequestContext } from '../../../../core/context/request-context';
import type { Connection } from '../../../../core/graphql/pagination';
import { OrdersReadService } from '../../orders-read.service';
import { ShippingMethodsService } from '../../shipping-methods.service';
import { OrderConnection, OrderStatusEnum, OrderType } from '../order.types';
import { AdminShippingMethodType, CreateShippingMethodInput, UpdateShippingMethodInput } from './shipping-method-admin.types';

/** Orders and shipping methods on the Admin API, limited to the caller's brands. */
@Resolver()
export class OrderAdminResolver {
  constructor(
    private readonly reads: OrdersReadService,
    private readonly shipping: ShippingMethodsService,
  ) {}

  @Query(() => OrderConnection, { description: 'Newest first; search matches number, e-mail, PO number, company and last name.' })
  @AdminPermission({ apiKeyScope: 'ORDERS_READ' })
  orders(
    @Ctx() ctx: RequestContext,
    @Args('brandCode', { type: () => String, nullable: true }) brandCode?: string | null,
    @Args('storefrontCode', { type: () => String, nullable: true }) storefrontCode?: string | null,
    @Args('status', { type: () => OrderStatusEnum, nullable: true }) status?: OrderStatus | null,
    @Args('placedFrom', { type: () => Date, nullable: true }) placedFrom?: Date | null,
    @Args('placedTo', { type: () => Date, nullable: true, description: 'Exclusive.' }) placedTo?: Date | null,
    @Args('search', { type: () => String, nullable: true }) search?: string | null,
    @Args('first', { type: () => Int, defaultValue: 20 }) first = 20,
    @Args('after', { type: () => String, nullable: true }) after?: string | null,
  ): Promise<Connection<OrderType>> {
    return this.reads.adminOrders(ctx, { brandCode, storefrontCode, status, placedFrom, placedTo, search, first, after });
  }

  @Query(() => OrderType, { nullable: true })
  @AdminPermission({ apiKeyScope: 'ORDERS_READ' })
  order(@Ctx() ctx: RequestContext, @Args('number', { type: () => String }) number: string): Promise<OrderType | null> {
    return this.reads.byNumber(ctx, number);
  }

  @Query(() => [AdminShippingMethodType])
  @AdminPermission()
  shippingMethods(
    @Ctx() ctx: RequestContext,
    @Args('storefrontCode', { type: () => String, nullable: true }) storefrontCode?: string | null,
  ): Promise<AdminShippingMethodType[]> {
    return this.shipping.list(ctx, storefrontCode ?? null);
  }

  @Mutation(() => AdminShippingMethodType)
  @AdminPermission()
  createShippingMethod(
    @Ctx() ctx: RequestContext,
    @Args('input') input: CreateShippingMethodInput,
  ): Promise<AdminShippingMethodType> {
    return this.shipping.create(ctx, input);
  }

  @Mutation(() => AdminShippingMethodType)
  @AdminPermission()
  updateShippingMethod(
    @Ctx() ctx: RequestContext,
    @Args('storefrontCode', { type: () => String }) storefrontCode: string,
    @Args('code', { type: () => String }) code: string,
    @Args('input') input: UpdateShippingMethodInput,
  ): Promise<AdminShippingMethodType> {
    return this.shipping.update(ctx, storefrontCode, code, input);
  }
}
