import { Inject, Injectable } from '@nestjs/common';
import { PollingWorker } from '../../core/jobs/polling-worker';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { InsightsCountingService } from './insights-counting.service';

/**
 * Every INSIGHTS_POLL_MS (default JOB_POLL_MS): counts committed orders and un-counts cancelled ones (batches claimed with FOR UPDATE SKIP
 * LOCKED, so instances share the work), then runs the daily segment pass when SEGMENT_RECOMPUTE_MS has passed since
 * the last one (claimed by one instance). One run at a time per instance; shutdown waits for it.
 */
@Injectable()
export class InsightsWorker extends PollingWorker {
  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly counting: InsightsCountingService,
  ) {
    super('InsightsWorker', config.insightsPollMs);
  }

  protected async runOnce(): Promise<number> {
    let done = 0;
    for (let n = await this.counting.countDue(); n > 0; n = await this.counting.countDue()) done += n;
    return done + (await this.counting.recomputeTimedSegments());
  }
}
