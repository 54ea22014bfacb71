import { Args, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CustomerOnly } from '../../../../core/auth/access.decorators';
import { Ctx } from '../../../../core/context/ctx.decorator';
import type { RequestContext } from '../../../../core/context/request-context';
import type { Connection } from '../../../../core/graphql/pagination';
import { OrderCancellationService } from '../../order-cancellation.service';
import { OrdersReadService } from '../../orders-read.service';
import { OrderConnection, OrderType } from '../order.types';

/** "My orders": the logged-in customer's orders, never another's; cancelling one while it is unpaid. */
@Resolver()
export class MyOrdersResolver {
  constructor(
    private readonly orders: OrdersReadService,
    private readonly cancellations: OrderCancellationService,
  ) {}

  @Query(() => OrderConnection, { description: 'Newest first.' })
  @CustomerOnly()
  myOrders(
    @Ctx() ctx: RequestContext,
    @Args('first', { type: () => Int, defaultValue: 20 }) first: number,
    @Args('after', { type: () => String, nullable: true }) after?: string | null,
  ): Promise<Connection<OrderType>> {
    return this.orders.myOrders(ctx, first, after);
  }

  @Query(() => OrderType, { nullable: true, description: 'null when not mine.' })
  @CustomerOnly()
  myOrder(@Ctx() ctx: RequestContext, @Args('number', { type: () => String }) number: string): Promise<OrderType | null> {
    return this.orders.byNumber(ctx, number);
  }

  @Mutation(() => OrderType, {
    description: 'Cancels my order while nothing of it is paid or shipped; its stock is released. NOT_FOUND when not mine.',
  })
  @CustomerOnly()
  cancelMyOrder(@Ctx() ctx: RequestContext, @Args('number', { type: () => String }) number: string): Promise<OrderType> {
    return this.cancellations.cancelByCustomer(ctx, number);
  }
}
