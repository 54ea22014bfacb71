import { Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { endpointReceives } from '../../../libs/webhooks/src';
import { DatabaseService } from '../../core/database/database.service';

/** Any constant: the advisory lock that lets one relay run at a time across every instance. */
const RELAY_LOCK = 7_436_210_001;
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

  constructor(private readonly db: DatabaseService) {}

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
    // Cheap when idle (the poll): one indexed read, no transaction, no lock.
    const [pending] = await this.db.query(`SELECT 1 FROM outbox_event WHERE relayed_at IS NULL LIMIT 1`);
    if (!pending) return 0;
    let total = 0;
    for (;;) {
      const n = await this.relayBatch();
      total += n;
      if (n < BATCH) return total;
    }
  }

  private relayBatch(): Promise<number> {
    return this.db.transaction(async () => {
      await this.db.query(`SELECT pg_advisory_xact_lock($1)`, [RELAY_LOCK]);
      const events = await this.db.query<{
        id: string;
        position: string;
        type: string;
        brand_id: string | null;
        aggregate_id: string;
      }>(
        `SELECT id, position::text AS position, type, brand_id, aggregate_id FROM outbox_event
          WHERE relayed_at IS NULL ORDER BY position LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [BATCH],
      );
      if (!events.length) return 0;
      const endpoints = await this.db.query<{ id: string; brand_id: string | null; events: string[] }>(
        `SELECT id, brand_id, events FROM webhook_endpoint WHERE enabled`,
      );
      const rows: { endpointId: string; eventId: string; position: string; aggregateId: string }[] = [];
      for (const ev of events) {
        for (const ep of endpoints) {
          if (endpointReceives({ brandId: ep.brand_id, events: ep.events }, { brandId: ev.brand_id, type: ev.type })) {
            rows.push({ endpointId: ep.id, eventId: ev.id, position: ev.position, aggregateId: ev.aggregate_id });
          }
        }
      }
      if (rows.length) {
        await this.db.query(
          `INSERT INTO webhook_delivery (id, endpoint_id, event_id, event_position, aggregate_id, status, attempts, next_attempt_at)
           SELECT t.id, t.endpoint_id, t.event_id, t.position, t.aggregate_id, 'PENDING', 0, now()
             FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::bigint[], $5::text[]) AS t(id, endpoint_id, event_id, position, aggregate_id)
           ON CONFLICT ON CONSTRAINT webhook_delivery_once DO NOTHING`,
          [
            rows.map(() => uuidv7()),
            rows.map((r) => r.endpointId),
            rows.map((r) => r.eventId),
            rows.map((r) => r.position),
            rows.map((r) => r.aggregateId),
          ],
        );
      }
      await this.db.query(`UPDATE outbox_event SET relayed_at = now() WHERE id = ANY($1::uuid[])`, [events.map((e) => e.id)]);
      return events.length;
    });
  }
}
