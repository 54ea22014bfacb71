import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { AdminPermission } from '../../../../core/auth/access.decorators';
import { Ctx } from '../../../../core/context/ctx.decorator';
import type { RequestContext } from '../../../../core/context/request-context';
import { OrderAdminService } from '../../order-admin.service';
import { OrderCancellationService } from '../../order-cancellation.service';
import { OrderType } from '../order.types';
import { CreateShipmentInput, RecordPaymentInput } from './order-ops.types';

/** What happens to an order after it was placed: payment, shipments, cancellation (docs/ORDERS.md). */
@Resolver()
export class OrderOpsResolver {
  constructor(
    private readonly orders: OrderAdminService,
    private readonly cancellations: OrderCancellationService,
  ) {}

  @Mutation(() => OrderType, {
    description:
      'Records the payment of the whole order (amount = totalGross exactly). AWAITING_PAYMENT → CONFIRMED; a B2B order on ' +
      'account keeps its status. The same (provider, reference) again answers the order unchanged.',
  })
  @AdminPermission({ apiKeyScope: 'ORDERS_WRITE' })
  recordPayment(@Ctx() ctx: RequestContext, @Args('input') input: RecordPaymentInput): Promise<OrderType> {
    return this.orders.recordPayment(ctx, input);
  }

  @Mutation(() => OrderType, {
    description:
      "A parcel left a warehouse with some of the order's units (CONFIRMED or PARTIALLY_SHIPPED orders). The order becomes " +
      'PARTIALLY_SHIPPED or SHIPPED. A key limited to warehouses ships only from those.',
  })
  @AdminPermission({ apiKeyScope: 'ORDERS_WRITE' })
  createShipment(@Ctx() ctx: RequestContext, @Args('input') input: CreateShipmentInput): Promise<OrderType> {
    return this.orders.createShipment(ctx, input);
  }

  @Mutation(() => OrderType, {
    description: 'Cancels an order nothing of which has shipped (paid ones too: refunds happen outside); releases its stock.',
  })
  @AdminPermission({ apiKeyScope: 'ORDERS_WRITE' })
  cancelOrder(
    @Ctx() ctx: RequestContext,
    @Args('number', { type: () => String }) number: string,
    @Args('reason', { type: () => String, description: '1..500 characters, kept on the order and sent in order.cancelled.' })
    reason: string,
  ): Promise<OrderType> {
    return this.cancellations.cancelByAdmin(ctx, number, reason);
  }
}
