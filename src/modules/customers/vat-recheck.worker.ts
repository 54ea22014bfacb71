import { Inject, Injectable } from '@nestjs/common';
import { PollingWorker } from '../../core/jobs/polling-worker';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { RequestContext } from '../../core/context/request-context';
import { VatVerificationService } from './vat-verification.service';

/**
 * Background re-checks of VAT numbers VIES could not answer: every JOB_POLL_MS, due re-checks are claimed
 * (FOR UPDATE SKIP LOCKED, so instances share the work) and run; one run at a time per instance, and
 * shutdown waits for the run in progress. The use case itself is VatVerificationService.runDue.
 */
@Injectable()
export class VatRecheckWorker extends PollingWorker {
  private readonly ctx = RequestContext.system('vat re-check');

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly vat: VatVerificationService,
  ) {
    super('VatRecheckWorker', config.jobPollMs);
  }

  protected runOnce(): Promise<number | void> {
    return this.vat.runDue(this.ctx).then(() => undefined);
  }
}
