import { Injectable } from '@nestjs/common';
import type { WebhookDeliveryStatus } from '../../../libs/domain/src';
import type { RequestContext } from '../../core/context/request-context';
import { DatabaseService } from '../../core/database/database.service';
import { Repository, type SqlParams } from '../../core/database/repository';

/** One event for one endpoint, as admins see it. */
export interface WebhookDeliveryRow {
  id: string;
  webhookId: string;
  eventId: string;
  eventType: string;
  occurredAt: Date;
  status: WebhookDeliveryStatus;
  attempts: number;
  nextAttemptAt: Date | null;
  lastAttemptAt: Date | null;
  lastStatusCode: number | null;
  lastError: string | null;
  deliveredAt: Date | null;
  createdAt: Date;
}

/** A delivery claimed for one attempt, with what the attempt needs. */
export interface ClaimedDeliveryRow {
  id: string;
  /** Attempts including this one: the claim's identity when recording its outcome. */
  attempts: number;
  url: string;
  secret: string;
  eventId: string;
  type: string;
  payload: unknown;
  occurredAt: Date;
  brandCode: string | null;
}

/** Which deliveries a list shows. */
export interface DeliveryFilter {
  webhookId: string | null;
  status: WebhookDeliveryStatus | null;
}

const SELECT_DELIVERY = `
  SELECT d.id, d.endpoint_id AS "webhookId", d.event_id AS "eventId", o.type AS "eventType", o.occurred_at AS "occurredAt",
         d.status, d.attempts, d.next_attempt_at AS "nextAttemptAt", d.last_attempt_at AS "lastAttemptAt",
         d.last_status_code AS "lastStatusCode", d.last_error AS "lastError", d.delivered_at AS "deliveredAt", d.created_at AS "createdAt"
    FROM webhook_delivery d JOIN webhook_endpoint e ON e.id = d.endpoint_id JOIN outbox_event o ON o.id = d.event_id`;

/** The list's predicates on `d` (delivery) and `e` (its endpoint, which carries the brand). */
function filtered(p: SqlParams, f: DeliveryFilter): string {
  const webhookId = p.add(f.webhookId);
  const status = p.add(f.status);
  return `${p.brand('e.brand_id')} AND (${webhookId}::uuid IS NULL OR d.endpoint_id = ${webhookId})
          AND (${status}::text IS NULL OR d.status = ${status})`;
}

/**
 * Webhook deliveries (`webhook_delivery`): the admin history and redelivery, scoped by the endpoint's brand (a
 * brand admin never sees a global endpoint's deliveries), and the dispatcher's claims and outcomes (system work).
 */
@Injectable()
export class WebhookDeliveryRepository extends Repository {
  constructor(db: DatabaseService) {
    super(db);
  }

  /** Newest first (keyset on the time-ordered UUID v7 id): `limit` deliveries older than `before`. */
  list(ctx: RequestContext, f: DeliveryFilter, before: string | null, limit: number): Promise<WebhookDeliveryRow[]> {
    const p = this.params(ctx);
    const where = filtered(p, f);
    const after = p.add(before);
    return this.run(
      p,
      `${SELECT_DELIVERY} WHERE ${where} AND (${after}::uuid IS NULL OR d.id < ${after}) ORDER BY d.id DESC LIMIT ${p.add(limit)}`,
    );
  }

  async count(ctx: RequestContext, f: DeliveryFilter): Promise<number> {
    const p = this.params(ctx);
    const [row] = await this.run<{ n: string }>(
      p,
      `SELECT count(*) AS n FROM webhook_delivery d JOIN webhook_endpoint e ON e.id = d.endpoint_id WHERE ${filtered(p, f)}`,
    );
    return Number(row.n);
  }

  async byId(ctx: RequestContext, id: string): Promise<WebhookDeliveryRow | undefined> {
    const p = this.params(ctx);
    const [row] = await this.run<WebhookDeliveryRow>(
      p,
      `${SELECT_DELIVERY} WHERE d.id = ${p.add(id)} AND ${p.brand('e.brand_id')}`,
    );
    return row;
  }

  /** The delivery's status, row-locked until the transaction ends; undefined if the caller may not see it. */
  async lockStatus(ctx: RequestContext, id: string): Promise<WebhookDeliveryStatus | undefined> {
    const p = this.params(ctx);
    const [row] = await this.run<{ status: WebhookDeliveryStatus }>(
      p,
      `SELECT d.status FROM webhook_delivery d JOIN webhook_endpoint e ON e.id = d.endpoint_id
        WHERE d.id = ${p.add(id)} AND ${p.brand('e.brand_id')} FOR UPDATE OF d`,
    );
    return row?.status;
  }

  /** Due now, on a fresh retry schedule (attempts from 0). */
  async redeliver(ctx: RequestContext, id: string): Promise<void> {
    const p = this.params(ctx);
    await this.run(
      p,
      `UPDATE webhook_delivery d SET status = 'PENDING', attempts = 0, next_attempt_at = now(), locked_until = NULL, updated_at = now()
         FROM webhook_endpoint e
        WHERE d.id = ${p.add(id)} AND e.id = d.endpoint_id AND ${p.brand('e.brand_id')}`,
    );
  }

  /**
   * Claims up to `limit` due deliveries of enabled endpoints (PENDING and due, or DELIVERING past its lease) for
   * one attempt each: DELIVERING with a lease of `leaseMs`, attempts + 1. Skips rows other instances hold, and a
   * delivery while an earlier one (by outbox position) of the same object to the same endpoint is still open.
   */
  claimDue(limit: number, leaseMs: number): Promise<ClaimedDeliveryRow[]> {
    return this.unscoped(
      'the dispatcher sends the due deliveries of every brand',
      `WITH due AS (
         SELECT d.id FROM webhook_delivery d JOIN webhook_endpoint e ON e.id = d.endpoint_id
          WHERE e.enabled
            AND ((d.status = 'PENDING' AND d.next_attempt_at <= now()) OR (d.status = 'DELIVERING' AND d.locked_until <= now()))
            AND NOT EXISTS (SELECT 1 FROM webhook_delivery p
                             WHERE p.endpoint_id = d.endpoint_id AND p.aggregate_id = d.aggregate_id
                               AND p.event_position < d.event_position AND p.status IN ('PENDING','DELIVERING'))
          ORDER BY d.event_position
          LIMIT $1
          FOR UPDATE OF d SKIP LOCKED),
       claimed AS (
         UPDATE webhook_delivery d
            SET status = 'DELIVERING', attempts = d.attempts + 1, locked_until = now() + ($2 || ' milliseconds')::interval,
                next_attempt_at = NULL, last_attempt_at = now(), updated_at = now()
           FROM due WHERE d.id = due.id
         RETURNING d.id, d.attempts, d.endpoint_id, d.event_id)
       SELECT c.id, c.attempts, e.url, e.secret, o.id AS "eventId", o.type, o.payload, o.occurred_at AS "occurredAt", b.code AS "brandCode"
         FROM claimed c JOIN webhook_endpoint e ON e.id = c.endpoint_id JOIN outbox_event o ON o.id = c.event_id
         LEFT JOIN brand b ON b.id = o.brand_id`,
      [limit, String(leaseMs)],
    );
  }

  /** Hands a claim back unattempted (graceful stop mid-call): due now, the attempt not counted. */
  async release(claim: { id: string; attempts: number }): Promise<void> {
    await this.unscoped(
      'the dispatcher hands back its own claim',
      `UPDATE webhook_delivery SET status = 'PENDING', attempts = attempts - 1, next_attempt_at = now(), locked_until = NULL,
              updated_at = now()
        WHERE id = $1 AND status = 'DELIVERING' AND attempts = $2`,
      [claim.id, claim.attempts],
    );
  }

  /**
   * Records an attempt's outcome if the claim is still current (one taken over after its lease ended does not):
   * SUCCEEDED, PENDING again after `retryInMs`, or DEAD.
   */
  async recordOutcome(
    claim: { id: string; attempts: number },
    outcome: { status: WebhookDeliveryStatus; retryInMs: number | null; statusCode: number | null; error: string | null },
  ): Promise<void> {
    await this.unscoped(
      'the dispatcher records the outcome of its own claim',
      `UPDATE webhook_delivery
          SET status = $3, next_attempt_at = CASE WHEN $3 = 'PENDING' THEN now() + ($4 || ' milliseconds')::interval END,
              locked_until = NULL, last_status_code = $5, last_error = $6,
              delivered_at = CASE WHEN $3 = 'SUCCEEDED' THEN now() ELSE delivered_at END, updated_at = now()
        WHERE id = $1 AND status = 'DELIVERING' AND attempts = $2`,
      [claim.id, claim.attempts, outcome.status, String(outcome.retryInMs ?? 0), outcome.statusCode, outcome.error],
    );
  }
}
