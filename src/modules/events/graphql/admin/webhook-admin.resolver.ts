import type { WebhookDeliveryStatus } from '../../../../../libs/domain/src';
import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { AdminPermission } from '../../../../core/auth/access.decorators';
import { Ctx } from '../../../../core/context/ctx.decorator';
import type { RequestContext } from '../../../../core/context/request-context';
import { BrandsService } from '../../../tenants/brands.service';
import { deliveryCursor, WebhookDeliveriesService, type WebhookDeliveryView } from '../../webhook-deliveries.service';
import { WebhooksService } from '../../webhooks.service';
import { CreateWebhookInput, UpdateWebhookInput } from './webhook-admin.inputs';
import {
  WebhookCreated,
  WebhookDeliveryConnection,
  WebhookDeliveryStatusEnum,
  WebhookDeliveryType,
  WebhookType,
} from './webhook-admin.types';

const toDelivery = (d: WebhookDeliveryView): WebhookDeliveryType => ({ ...d });

/** Webhook endpoints and their deliveries (CONTRACT §4 createWebhook, §6). Any admin, for their brands; API keys may not. */
@Resolver()
export class WebhookAdminResolver {
  constructor(
    private readonly webhookService: WebhooksService,
    private readonly deliveryService: WebhookDeliveriesService,
    private readonly brandService: BrandsService,
  ) {}

  @Query(() => [WebhookType], { description: "Webhooks of the caller's brands (and, for super admins, the global ones)." })
  @AdminPermission()
  webhooks(@Ctx() ctx: RequestContext): Promise<WebhookType[]> {
    return this.webhookService.list(ctx);
  }

  @Mutation(() => WebhookCreated, { description: 'The signing secret is in the answer, and only there.' })
  @AdminPermission()
  async createWebhook(@Ctx() ctx: RequestContext, @Args('input') input: CreateWebhookInput): Promise<WebhookCreated> {
    const brand = input.brandCode ? await this.brandService.getByCode(ctx, input.brandCode) : null;
    return this.webhookService.create(ctx, { url: input.url, events: input.events, brand });
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
  async webhookDeliveries(
    @Ctx() ctx: RequestContext,
    @Args('webhookId', { type: () => ID, nullable: true }) webhookId: string | null,
    @Args('status', { type: () => WebhookDeliveryStatusEnum, nullable: true }) status: WebhookDeliveryStatus | null,
    @Args('first', { type: () => Int, defaultValue: 20 }) first: number,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
  ): Promise<WebhookDeliveryConnection> {
    const page = await this.deliveryService.list(ctx, { webhookId, status, first, after });
    return {
      edges: page.rows.map((r) => ({ node: toDelivery(r), cursor: deliveryCursor(r.id) })),
      pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor },
      totalCount: page.totalCount,
    };
  }

  @Mutation(() => WebhookDeliveryType, {
    description: 'Sends the event again now, on a fresh retry schedule (e.g. a DEAD delivery once the receiver is fixed).',
  })
  @AdminPermission()
  async redeliverWebhookDelivery(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<WebhookDeliveryType> {
    return toDelivery(await this.deliveryService.redeliver(ctx, id));
  }
}
