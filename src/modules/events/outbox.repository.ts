import { Injectable } from '@nestjs/common';
import { DatabaseService } from '../../core/database/database.service';
import { Repository } from '../../core/database/repository';

/** Any constant: the advisory lock that lets one relay run at a time across every instance. */
const RELAY_LOCK = 7_436_210_001;

/** An event the relay has not turned into deliveries yet. */
export interface UnrelayedEventRow {
  id: string;
  /** The outbox position (bigint as text): deliveries of one object are created and sent in this order. */
  position: string;
  type: string;
  /** null: an event of no brand (stock.changed), for global endpoints only. */
  brandId: string | null;
  aggregateId: string;
}

/** An enabled endpoint as the relay matches it against events. */
export interface RelayEndpointRow {
  id: string;
  brandId: string | null;
  events: string[];
}

/** One delivery the relay creates (PENDING, due now). */
export interface NewDelivery {
  id: string;
  endpointId: string;
  eventId: string;
  position: string;
  aggregateId: string;
}

/**
 * The outbox (`outbox_event`) and the relay's reads and writes. Every statement here is system work: an event
 * is written by the module whose change it describes (already authorised there), and the relay fans out every
 * brand's events to every brand's endpoints.
 */
@Injectable()
export class OutboxRepository extends Repository {
  constructor(db: DatabaseService) {
    super(db);
  }

  /** Stores one event; runs in the transaction of the change it describes. */
  async insert(event: {
    id: string;
    type: string;
    brandId: string | null;
    aggregateId: string;
    data: Record<string, unknown>;
  }): Promise<void> {
    await this.unscoped(
      'the outbox records the event of a change its own module authorised, in that change’s transaction',
      `INSERT INTO outbox_event (id, type, brand_id, aggregate_id, payload) VALUES ($1, $2, $3, $4, $5::jsonb)`,
      [event.id, event.type, event.brandId, event.aggregateId, JSON.stringify(event.data)],
    );
  }

  /** Whether any event waits for the relay (cheap when idle: one indexed read, no transaction, no lock). */
  async anyUnrelayed(): Promise<boolean> {
    const rows = await this.unscoped(
      'the relay looks for events of every brand',
      `SELECT 1 FROM outbox_event WHERE relayed_at IS NULL LIMIT 1`,
    );
    return rows.length > 0;
  }

  /** Serialises relay runs across instances until the current transaction ends. */
  async lockRelay(): Promise<void> {
    await this.unscoped('the relay serialises itself across instances', `SELECT pg_advisory_xact_lock($1)`, [RELAY_LOCK]);
  }

  /** Unrelayed events in outbox position order, locked for this run. */
  claimUnrelayed(limit: number): Promise<UnrelayedEventRow[]> {
    return this.unscoped(
      'the relay takes the unrelayed events of every brand',
      `SELECT id, position::text AS position, type, brand_id AS "brandId", aggregate_id AS "aggregateId" FROM outbox_event
        WHERE relayed_at IS NULL ORDER BY position LIMIT $1 FOR UPDATE SKIP LOCKED`,
      [limit],
    );
  }

  /** Every enabled endpoint, of every brand and global ones. */
  enabledEndpoints(): Promise<RelayEndpointRow[]> {
    return this.unscoped(
      'the relay matches events against the endpoints of every brand',
      `SELECT id, brand_id AS "brandId", events FROM webhook_endpoint WHERE enabled`,
    );
  }

  /** Creates the deliveries (at most one per endpoint and event). */
  async insertDeliveries(rows: readonly NewDelivery[]): Promise<void> {
    await this.unscoped(
      'the relay creates deliveries for the endpoints of every brand',
      `INSERT INTO webhook_delivery (id, endpoint_id, event_id, event_position, aggregate_id, status, attempts, next_attempt_at)
       SELECT t.id, t.endpoint_id, t.event_id, t.position, t.aggregate_id, 'PENDING', 0, now()
         FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::bigint[], $5::text[]) AS t(id, endpoint_id, event_id, position, aggregate_id)
       ON CONFLICT ON CONSTRAINT webhook_delivery_once DO NOTHING`,
      [
        rows.map((r) => r.id),
        rows.map((r) => r.endpointId),
        rows.map((r) => r.eventId),
        rows.map((r) => r.position),
        rows.map((r) => r.aggregateId),
      ],
    );
  }

  async markRelayed(eventIds: readonly string[]): Promise<void> {
    await this.unscoped(
      'the relay marks events of every brand relayed',
      `UPDATE outbox_event SET relayed_at = now() WHERE id = ANY($1::uuid[])`,
      [[...eventIds]],
    );
  }
}
