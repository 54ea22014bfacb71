import { Inject, Injectable } from '@nestjs/common';
import { PollingWorker } from '../../core/jobs/polling-worker';
import { formatAmount } from '../../../libs/pricing/src';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { DatabaseService } from '../../core/database/database.service';
import { OutboxService } from '../events/outbox.service';
import { OrderAccountRepository } from './order-account.repository';

const BATCH = 50;

/**
 * `cart.abandoned`: every JOB_POLL_MS, carts of customers who granted NEWSLETTER, with lines and idle longer than
 * CART_ABANDONED_AFTER_MS, are claimed (FOR UPDATE SKIP LOCKED, so instances share the work), marked notified and
 * given their event in one transaction: once per cart. One run at a time per instance; shutdown waits for it.
 */
@Injectable()
export class CartAbandonedWorker extends PollingWorker {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly db: DatabaseService,
    private readonly repo: OrderAccountRepository,
    private readonly outbox: OutboxService,
  ) {
    super('CartAbandonedWorker', config.jobPollMs);
  }

  protected runOnce(): Promise<number | void> {
    return this.runDue();
  }

  /** One batch: claimed carts get their event in the claim's transaction. Returns how many. */
  async runDue(): Promise<number> {
    return this.db.transaction(async () => {
      const carts = await this.repo.claimAbandoned(this.config.cartAbandonedAfterMs, BATCH);
      for (const c of carts) {
        const currency = c.currency.trim();
        await this.outbox.add({
          type: 'cart.abandoned',
          brandId: c.brand_id,
          aggregateId: c.id,
          data: {
            cartId: c.id,
            customerId: c.customer_id,
            email: c.email,
            firstName: c.first_name,
            storefrontCode: c.storefront_code,
            lines: c.lines.map((l) => ({
              sku: l.sku,
              name: l.name,
              quantity: l.quantity,
              price: l.price_minor === null ? null : { amount: formatAmount(l.price_minor, currency), currency },
            })),
          },
        });
      }
      return carts.length;
    });
  }
}
