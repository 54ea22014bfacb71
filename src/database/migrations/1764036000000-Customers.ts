import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Customers per realm (brand + audience), B2B companies with their VAT verification (evidence kept per
 * check, pending re-checks as rows so they survive restarts), addresses, consents with history, sessions
 * with rotating refresh tokens, and single-use tokens (password reset, e-mail change, invitations).
 */
export class Customers1764036000000 implements MigrationInterface {
  name = 'Customers1764036000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE company (
        id uuid PRIMARY KEY,
        brand_id uuid NOT NULL REFERENCES brand(id),
        audience text NOT NULL CHECK (audience = 'B2B'),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        country char(2) NOT NULL,
        vat_number text NOT NULL,
        kvk_number text,
        street text NOT NULL, house_number text NOT NULL, house_number_addition text,
        postal_code text NOT NULL, city text NOT NULL, address_country char(2) NOT NULL,
        address_full_name text,
        vat_status text NOT NULL CHECK (vat_status IN ('NOT_CHECKED','VALID','INVALID','UNAVAILABLE_RETRYING')),
        vat_checked_at timestamptz,
        vat_consultation_number text,
        vat_registered_name text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (brand_id, id),
        CONSTRAINT company_vat_per_realm UNIQUE (brand_id, audience, vat_number)
      )`);
    await q.query(`
      CREATE TABLE customer (
        id uuid PRIMARY KEY,
        brand_id uuid NOT NULL REFERENCES brand(id),
        audience text NOT NULL CHECK (audience IN ('B2B','B2C')),
        email text,
        password_hash text,
        first_name text,
        last_name text,
        phone text,
        status text NOT NULL CHECK (status IN ('ACTIVE','PENDING_VERIFICATION','PENDING_APPROVAL','REJECTED')),
        rejection_reason text,
        company_id uuid,
        company_role text CHECK (company_role IN ('ADMIN','BUYER')),
        registered_storefront_id uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        erased_at timestamptz,
        UNIQUE (brand_id, id),
        CONSTRAINT customer_email_per_realm UNIQUE (brand_id, audience, email),
        FOREIGN KEY (brand_id, company_id) REFERENCES company(brand_id, id),
        FOREIGN KEY (brand_id, registered_storefront_id) REFERENCES storefront(brand_id, id),
        CHECK ((company_id IS NULL) = (company_role IS NULL))
      )`);
    await q.query(`CREATE INDEX customer_company ON customer (company_id)`);
    await q.query(`CREATE INDEX customer_brand_status ON customer (brand_id, status, created_at)`);
    await q.query(`
      CREATE TABLE address (
        id uuid PRIMARY KEY,
        brand_id uuid NOT NULL,
        customer_id uuid NOT NULL,
        full_name text,
        street text NOT NULL,
        house_number text NOT NULL,
        house_number_addition text,
        postal_code text NOT NULL,
        city text NOT NULL,
        country char(2) NOT NULL,
        default_shipping boolean NOT NULL DEFAULT false,
        default_billing boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        FOREIGN KEY (brand_id, customer_id) REFERENCES customer(brand_id, id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX address_customer ON address (customer_id)`);
    await q.query(`CREATE UNIQUE INDEX address_one_default_shipping ON address (customer_id) WHERE default_shipping`);
    await q.query(`CREATE UNIQUE INDEX address_one_default_billing ON address (customer_id) WHERE default_billing`);
    await q.query(`
      CREATE TABLE vat_check (
        id uuid PRIMARY KEY,
        brand_id uuid NOT NULL,
        company_id uuid NOT NULL,
        vat_number text NOT NULL,
        outcome text NOT NULL,
        consultation_number text,
        registered_name text,
        raw jsonb,
        checked_at timestamptz NOT NULL DEFAULT now(),
        FOREIGN KEY (brand_id, company_id) REFERENCES company(brand_id, id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX vat_check_company ON vat_check (company_id, checked_at)`);
    await q.query(`
      CREATE TABLE vat_recheck (
        company_id uuid PRIMARY KEY REFERENCES company(id) ON DELETE CASCADE,
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL,
        locked_until timestamptz,
        last_error text
      )`);
    await q.query(`CREATE INDEX vat_recheck_due ON vat_recheck (next_attempt_at)`);
    await q.query(`
      CREATE TABLE customer_session (
        id uuid PRIMARY KEY,
        brand_id uuid NOT NULL,
        customer_id uuid NOT NULL,
        audience text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_used_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz,
        revoked_reason text,
        user_agent text,
        ip text,
        FOREIGN KEY (brand_id, customer_id) REFERENCES customer(brand_id, id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX customer_session_customer ON customer_session (customer_id)`);
    await q.query(`
      CREATE TABLE refresh_token (
        token_hash text PRIMARY KEY,
        session_id uuid NOT NULL REFERENCES customer_session(id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        used_at timestamptz
      )`);
    await q.query(`CREATE INDEX refresh_token_session ON refresh_token (session_id)`);
    await q.query(`
      CREATE TABLE customer_token (
        token_hash text PRIMARY KEY,
        brand_id uuid NOT NULL,
        audience text NOT NULL,
        customer_id uuid,
        company_id uuid,
        purpose text NOT NULL CHECK (purpose IN ('PASSWORD_RESET','EMAIL_CHANGE','COMPANY_INVITE')),
        data jsonb NOT NULL DEFAULT '{}',
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX customer_token_customer ON customer_token (customer_id)`);
    await q.query(`
      CREATE TABLE consent (
        customer_id uuid NOT NULL REFERENCES customer(id) ON DELETE CASCADE,
        brand_id uuid NOT NULL,
        purpose text NOT NULL CHECK (purpose IN ('NEWSLETTER','PERSONALISATION','ANALYTICS')),
        granted boolean NOT NULL,
        text_version text,
        storefront_id uuid NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (customer_id, purpose)
      )`);
    await q.query(`
      CREATE TABLE consent_history (
        id bigserial PRIMARY KEY,
        customer_id uuid NOT NULL REFERENCES customer(id) ON DELETE CASCADE,
        brand_id uuid NOT NULL,
        purpose text NOT NULL,
        granted boolean NOT NULL,
        text_version text,
        storefront_id uuid NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX consent_history_customer ON consent_history (customer_id, recorded_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of [
      'consent_history',
      'consent',
      'customer_token',
      'refresh_token',
      'customer_session',
      'vat_recheck',
      'vat_check',
      'address',
      'customer',
      'company',
    ]) {
      await q.query(`DROP TABLE IF EXISTS ${t}`);
    }
  }
}
