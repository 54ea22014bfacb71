import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Webhooks (CONTRACT §6): endpoints (per brand, or global with brand_id NULL) and one delivery row per
 * (endpoint, outbox event), created by the outbox relay and worked off by the dispatcher with
 * `FOR UPDATE SKIP LOCKED` claims, retries with backoff and a dead state.
 */
export class Webhooks1764039600000 implements MigrationInterface {
  name = 'Webhooks1764039600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE webhook_endpoint (
        id uuid PRIMARY KEY,
        brand_id uuid REFERENCES brand(id),
        url text NOT NULL CHECK (length(url) BETWEEN 1 AND 2000 AND url ~ '^https?://'),
        events text[] NOT NULL CHECK (cardinality(events) BETWEEN 1 AND 50),
        secret text NOT NULL,
        enabled boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX webhook_endpoint_brand ON webhook_endpoint (brand_id)`);
    await q.query(`
      CREATE TABLE webhook_delivery (
        id uuid PRIMARY KEY,
        endpoint_id uuid NOT NULL REFERENCES webhook_endpoint(id) ON DELETE CASCADE,
        event_id uuid NOT NULL REFERENCES outbox_event(id),
        event_position bigint NOT NULL,
        aggregate_id text NOT NULL,
        status text NOT NULL CHECK (status IN ('PENDING','DELIVERING','SUCCEEDED','DEAD')),
        attempts int NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        next_attempt_at timestamptz,
        locked_until timestamptz,
        last_attempt_at timestamptz,
        last_status_code int,
        last_error text,
        delivered_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT webhook_delivery_once UNIQUE (endpoint_id, event_id),
        CHECK (status <> 'PENDING' OR next_attempt_at IS NOT NULL),
        CHECK (status <> 'DELIVERING' OR locked_until IS NOT NULL)
      )`);
    // Due work (claims), and the "earlier delivery of the same object still open" check that keeps order.
    await q.query(`CREATE INDEX webhook_delivery_due ON webhook_delivery (next_attempt_at) WHERE status = 'PENDING'`);
    await q.query(`CREATE INDEX webhook_delivery_leased ON webhook_delivery (locked_until) WHERE status = 'DELIVERING'`);
    await q.query(
      `CREATE INDEX webhook_delivery_open_per_object ON webhook_delivery (endpoint_id, aggregate_id, event_position)
        WHERE status IN ('PENDING','DELIVERING')`,
    );
    await q.query(`CREATE INDEX webhook_delivery_event ON webhook_delivery (event_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS webhook_delivery`);
    await q.query(`DROP TABLE IF EXISTS webhook_endpoint`);
  }
}
