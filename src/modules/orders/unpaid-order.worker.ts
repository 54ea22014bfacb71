import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { OrderCancellationService } from './order-cancellation.service';

/**
 * Cancels orders left unpaid: every JOB_POLL_MS, AWAITING_PAYMENT orders placed more than UNPAID_ORDER_TIMEOUT_MS
 * ago are claimed (FOR UPDATE SKIP LOCKED, so instances share the work and each order is cancelled once), their stock
 * is released and `order.cancelled` says `by: "payment-timeout"`. One run at a time per instance; shutdown waits for
 * the run in progress. The use case itself is OrderCancellationService.cancelOverdueUnpaid.
 */
@Injectable()
export class UnpaidOrderWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('UnpaidOrderWorker');
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly cancellations: OrderCancellationService,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.running ??= this.cancellations
        .cancelOverdueUnpaid()
        .then((n) => {
          if (n) this.log.log(`cancelled ${n} unpaid order(s)`);
        })
        .catch((e: Error) => this.log.error(`unpaid-order run failed: ${e.message}`))
        .finally(() => (this.running = undefined));
    }, this.config.jobPollMs);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}
