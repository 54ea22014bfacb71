import { Inject, Injectable } from '@nestjs/common';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { DatabaseService } from '../../core/database/database.service';
import { OutboxService } from '../events/outbox.service';
import { InsightsRepository, type SegmentChangeRow } from './insights.repository';

const BATCH = 200;

/**
 * Keeps the insights up to date from orders (docs/INSIGHTS.md): committed orders are counted once — their product
 * pairs, their buyer's items, their customer's statistics and segment — and cancelled counted orders are taken out
 * again. Segments that change by time passing are recomputed by a set-based pass every SEGMENT_RECOMPUTE_MS.
 * A changed segment is kept in the history; `customer.segment_changed` goes out only with NEWSLETTER consent.
 */
@Injectable()
export class InsightsCountingService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly db: DatabaseService,
    private readonly repo: InsightsRepository,
    private readonly outbox: OutboxService,
  ) {}

  /** One batch of due orders in one transaction (claimed with SKIP LOCKED). Returns how many. */
  async countDue(): Promise<number> {
    return this.db.transaction(async () => {
      const due = await this.repo.claimDue(BATCH);
      if (!due.length) return 0;
      const signed = due.map((o) => ({ id: o.id, sign: o.counted ? -1 : 1 }));
      const counting = due.filter((o) => !o.counted).map((o) => o.id);
      const uncounting = due.filter((o) => o.counted).map((o) => o.id);
      await this.repo.applyPairs(signed);
      if (counting.length) await this.repo.countItems(counting);
      const touched = uncounting.length ? await this.repo.uncountItems(uncounting) : [];
      await this.repo.mark(signed);
      await this.repo.settleItems(touched);
      const customers = [...new Set(due.flatMap((o) => (o.customer_id ? [o.customer_id] : [])))].sort();
      if (customers.length) {
        await this.repo.refreshCustomerStats(customers);
        await this.announce(await this.repo.resegment(customers));
      }
      return due.length;
    });
  }

  /** The daily pass when due (one instance claims it), in batches. Returns how many segments changed. */
  async recomputeTimedSegments(): Promise<number> {
    if (!(await this.db.transaction(() => this.repo.claimDailyPass(this.config.segmentRecomputeMs)))) return 0;
    let total = 0;
    for (;;) {
      const n = await this.db.transaction(async () => {
        const changes = await this.repo.resegmentTimed(BATCH);
        await this.announce(changes);
        return changes.length;
      });
      total += n;
      if (n < BATCH) return total;
    }
  }

  /** `customer.segment_changed` for the consenting customers among the changes (inside the change's transaction). */
  private async announce(changes: SegmentChangeRow[]): Promise<void> {
    for (const c of changes) {
      if (!c.consented) continue;
      await this.outbox.add({
        type: 'customer.segment_changed',
        brandId: c.brand_id,
        aggregateId: c.customer_id,
        data: {
          customerId: c.customer_id,
          brandCode: c.brand_code,
          audience: c.audience,
          from: c.from_segment,
          to: c.to_segment,
          at: new Date(c.changed_at).toISOString(),
        },
      });
    }
  }
}
