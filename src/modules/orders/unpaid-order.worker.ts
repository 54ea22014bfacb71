import { Inject, Injectable } from '@nestjs/common';
import { PollingWorker } from '../../core/jobs/polling-worker';
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
export class UnpaidOrderWorker extends PollingWorker {
  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly cancellations: OrderCancellationService,
  ) {
    super('UnpaidOrderWorker', config.jobPollMs);
  }

  protected runOnce(): Promise<number | void> {
    return this.cancellations.cancelOverdueUnpaid();
  }
}
