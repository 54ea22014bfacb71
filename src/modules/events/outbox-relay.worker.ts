import { Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { endpointReceives } from '../../../libs/webhooks/src';
import { DatabaseService } from '../../core/database/database.service';
import { type NewDelivery, OutboxRepository } from './outbox.repository';

const BATCH = 500;

/**
 * Turns committed outbox events into webhook deliveries: one per enabled endpoint that wants the event
 * (its brand, or a global endpoint; exact type or `*`), then marks the events relayed. A system job: it
 * reads every brand's events and endpoints (unscoped on purpose).
 *
 * Runs right after each committing transaction that wrote events (OutboxService) and on the worker's
 * poll, which also picks up events whose after-commit run was lost (crash between commit and relay).
 * Runs are serialised (in-process, and across instances by an advisory lock) and take events in outbox
 * position order, so deliveries of one object are created in the order its events happened.
 */
@Injectable()
export class OutboxRelay {
  private running?: Promise<number>;
  private queued?: Promise<number>;

  constructor(
    private readonly db: DatabaseService,
    private readonly outbox: OutboxRepository,
  ) {}

  /**
   * Relays every committed, unrelayed event; resolves once the events committed before the call are
   * relayed (a call during a run waits for one more run, shared by every such caller).
   */
  relayPending(): Promise<number> {
    if (this.queued) return this.queued;
    if (this.running) {
      this.queued = this.running
        .catch(() => 0)
        .then(() => {
          this.queued = undefined;
          return this.start();
        });
      return this.queued;
    }
    return this.start();
  }

  private start(): Promise<number> {
    const run: Promise<number> = this.relayAll().finally(() => {
      if (this.running === run) this.running = undefined;
    });
    this.running = run;
    return run;
  }

  private async relayAll(): Promise<number> {
    if (!(await this.outbox.anyUnrelayed())) return 0;
    let total = 0;
    for (;;) {
      const n = await this.relayBatch();
      total += n;
      if (n < BATCH) return total;
    }
  }

  private relayBatch(): Promise<number> {
    return this.db.transaction(async () => {
      await this.outbox.lockRelay();
      const events = await this.outbox.claimUnrelayed(BATCH);
      if (!events.length) return 0;
      const endpoints = await this.outbox.enabledEndpoints();
      const rows: NewDelivery[] = [];
      for (const ev of events) {
        for (const ep of endpoints) {
          if (endpointReceives(ep, ev)) {
            rows.push({ id: uuidv7(), endpointId: ep.id, eventId: ev.id, position: ev.position, aggregateId: ev.aggregateId });
          }
        }
      }
      if (rows.length) await this.outbox.insertDeliveries(rows);
      await this.outbox.markRelayed(events.map((e) => e.id));
      return events.length;
    });
  }
}
