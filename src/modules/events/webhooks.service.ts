import { Inject, Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { badInput, DomainError } from '../../../libs/errors/src';
import { destinationProblem } from '../../../libs/net/src';
import { generateWebhookSecret } from '../../../libs/webhooks/src';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import type { RequestContext } from '../../core/context/request-context';
import { DatabaseService } from '../../core/database/database.service';
import { WebhookDispatcher } from './webhook-dispatcher.worker';
import { type WebhookBrandRow, WebhookRepository, type WebhookRow } from './webhook.repository';

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Webhook endpoints (admin): a brand admin manages their brands' endpoints; global endpoints (no brand) are
 * for super admins. Another brand's endpoint is NOT_FOUND. The signing secret is shown once, at creation.
 */
@Injectable()
export class WebhooksService {
  constructor(
    private readonly db: DatabaseService,
    private readonly webhooks: WebhookRepository,
    private readonly dispatcher: WebhookDispatcher,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Refuses (BAD_USER_INPUT on `url`) a URL whose host is, or now resolves to, an address webhooks may not
   * reach (loopback, private, link-local, metadata … unless WEBHOOK_ALLOW_PRIVATE_URLS). Runs before any
   * transaction (it may wait for DNS). Every delivery checks again after resolving (see postWebhook).
   */
  private async assertDestinationAllowed(url: string, path = 'url'): Promise<void> {
    const problem = await destinationProblem(new URL(url), { allowPrivate: this.config.webhookAllowPrivateUrls });
    if (problem) {
      throw badInput([{ path, message: `must point to a public host: ${problem}` }]);
    }
  }

  list(ctx: RequestContext): Promise<WebhookRow[]> {
    return this.webhooks.list(ctx);
  }

  /** The endpoint if the caller may see it; NOT_FOUND otherwise. */
  async get(ctx: RequestContext, id: string, opts: { lock?: boolean; path?: string } = {}): Promise<WebhookRow> {
    const row = UUID.test(id) ? await this.webhooks.byId(ctx, id, opts.lock) : undefined;
    if (!row) {
      throw new DomainError('NOT_FOUND', 'Webhook was not found.', {
        fieldErrors: [{ path: opts.path ?? 'id', message: 'unknown webhook' }],
      });
    }
    return row;
  }

  /**
   * `brandCode`: one of the caller's brands (another brand is NOT_FOUND), or none for a global endpoint, which
   * only a super admin may create.
   */
  async create(
    ctx: RequestContext,
    input: { url: string; events: string[]; brandCode?: string | null },
  ): Promise<{ webhook: WebhookRow; secret: string }> {
    const brand = input.brandCode ? await this.brand(ctx, input.brandCode) : null;
    if (brand === null && !ctx.brandScope.all) {
      throw badInput([
        { path: 'brandCode', message: 'name one of your brands: only a super admin may create a webhook for every brand' },
      ]);
    }
    await this.assertDestinationAllowed(input.url);
    const secret = generateWebhookSecret();
    const id = uuidv7();
    const row = await this.webhooks.insert(ctx, {
      id,
      brandId: brand?.id ?? null,
      url: input.url,
      events: [...new Set(input.events)],
      secret,
    });
    return {
      webhook: {
        id,
        url: input.url,
        events: [...new Set(input.events)],
        brandCode: brand?.code ?? null,
        enabled: true,
        createdAt: row.createdAt,
        updatedAt: row.createdAt,
      },
      secret,
    };
  }

  /** Changes URL, event filter or enabled. Open deliveries go to the new URL; a disabled endpoint gets no new events and its open deliveries wait. */
  async update(
    ctx: RequestContext,
    id: string,
    patch: { url?: string | null; events?: string[] | null; enabled?: boolean | null },
  ): Promise<WebhookRow> {
    if (patch.url) {
      await this.get(ctx, id); // another brand's webhook is NOT_FOUND, whatever the URL
      await this.assertDestinationAllowed(patch.url);
    }
    return this.db.transaction(async () => {
      await this.get(ctx, id, { lock: true });
      await this.webhooks.update(ctx, id, {
        url: patch.url ?? null,
        events: patch.events ? [...new Set(patch.events)] : null,
        enabled: patch.enabled ?? null,
      });
      // Enabled (again): its waiting deliveries are due.
      if (patch.enabled) this.db.afterCommit(() => this.dispatcher.kick());
      return this.get(ctx, id);
    });
  }

  /** Deletes the endpoint and its deliveries (history included). */
  async delete(ctx: RequestContext, id: string): Promise<boolean> {
    return this.db.transaction(async () => {
      await this.get(ctx, id, { lock: true });
      await this.webhooks.delete(ctx, id);
      return true;
    });
  }

  /** A brand the caller may create endpoints for, by code; NOT_FOUND otherwise (as everywhere brand codes are taken). */
  private async brand(ctx: RequestContext, code: string): Promise<WebhookBrandRow> {
    const brand = await this.webhooks.brandByCode(ctx, code);
    if (!brand) {
      throw new DomainError('NOT_FOUND', `Brand "${code}" was not found.`, {
        fieldErrors: [{ path: 'brandCode', message: 'unknown brand' }],
      });
    }
    return brand;
  }
}
