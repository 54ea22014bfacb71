import type { WebhookDeliveryStatus } from '../../../../../libs/domain/src';
import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { AdminPermission } from '../../../../core/auth/access.decorators';
import { Ctx } from '../../../../core/context/ctx.decorator';
import type { RequestContext } from '../../../../core/context/request-context';
import { WebhookDeliveriesService } from '../../webhook-deliveries.service';
import { WebhooksService } from '../../webhooks.service';
import { CreateWebhookInput, UpdateWebhookInput } from './webhook-admin.inputs';
import {
  WebhookCreated,
  WebhookDeliveryConnection,
  WebhookDeliveryStatusEnum,
  WebhookDeliveryType,
  WebhookType,
} from './webhook-admin.types';

/** Webhook endpoints and their deliveries (CONTRACT §4 createWebhook, §6). Any admin, for their brands; API keys may not. */
@Resolver()
export class WebhookAdminResolver {
  constructor(
    private readonly webhookService: WebhooksService,
    private readonly deliveryService: WebhookDeliveriesService,
  ) {}

  @Query(() => [WebhookType], { description: "Webhooks of the caller's brands (and, for super admins, the global ones)." })
  @AdminPermission()
  webhooks(@Ctx() ctx: RequestContext): Promise<WebhookType[]> {
    return this.webhookService.list(ctx);
  }

  @Mutation(() => WebhookCreated, { description: 'The signing secret is in the answer, and only there.' })
  @AdminPermission()
  createWebhook(@Ctx() ctx: RequestContext, @Args('input') input: CreateWebhookInput): Promise<WebhookCreated> {
    return this.webhookService.create(ctx, input);
  }

  @Mutation(() => WebhookType)
  @AdminPermission()
  updateWebhook(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID }) id: string,
    @Args('input') input: UpdateWebhookInput,
  ): Promise<WebhookType> {
    return this.webhookService.update(ctx, id, input);
  }

  @Mutation(() => Boolean, { description: 'Deletes the webhook and its delivery history.' })
  @AdminPermission()
  deleteWebhook(@Ctx() ctx: RequestContext, @Args('id', { type: () => ID }) id: string): Promise<boolean> {
    return this.webhookService.delete(ctx, id);
  }

  @Query(() => WebhookDeliveryConnection, { description: 'Deliveries of your webhooks, newest first. first: 1..100.' })
  @AdminPermission()
  webhookDeliveries(
    @Ctx() ctx: RequestContext,
    @Args('webhookId', { type: () => ID, nullable: true }) webhookId: string | null,
    @Args('status', { type: () => WebhookDeliveryStatusEnum, nullable: true }) status: WebhookDeliveryStatus | null,
    @Args('first', { type: () => Int, defaultValue: 20 }) first: number,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
  ): Promise<WebhookDeliveryConnection> {
    return this.deliveryService.list(ctx, { webhookId, status, first, after });
  }

  @Mutation(() => WebhookDeliveryType, {
    description: 'Sends the event again now, on a fresh retry schedule (e.g. a DEAD delivery once the receiver is fixed).',
  })
  @AdminPermission()
  redeliverWebhookDelivery(@Ctx() ctx: RequestContext, @Args('id', { type: () => ID }) id: string): Promise<WebhookDeliveryType> {
    return this.deliveryService.redeliver(ctx, id);
  }
}
