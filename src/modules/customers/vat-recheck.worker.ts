import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
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
export class VatRecheckWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('VatRecheckWorker');
  private readonly ctx = RequestContext.system('vat re-check');
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly vat: VatVerificationService,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.running ??= this.vat
        .runDue(this.ctx)
        .then(() => undefined)
        .catch((e: Error) => this.log.error(`re-check run failed: ${e.message}`))
        .finally(() => (this.running = undefined));
    }, this.config.jobPollMs);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}
