import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Tenancy (brands, storefronts, warehouses, admins, API keys), catalog (products, variants, publications,
 * prices, tax rates), stock (levels per SKU and warehouse, sequence-guarded) and the event outbox.
 *
 * Tenant-owned rows carry `brand_id NOT NULL`; composite foreign keys `(brand_id, storefront_id)` make a
 * cross-brand reference impossible even through a bug.
 */
export class InitialSchema1764032400000 implements MigrationInterface {
  name = 'InitialSchema1764032400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE brand (
        id uuid PRIMARY KEY,
        code text NOT NULL UNIQUE CHECK (code ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        vat_number text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE warehouse (
        id uuid PRIMARY KEY,
        code text NOT NULL UNIQUE CHECK (code ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE storefront (
        id uuid PRIMARY KEY,
        brand_id uuid NOT NULL REFERENCES brand(id),
        code text NOT NULL UNIQUE CHECK (code ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        audience text NOT NULL CHECK (audience IN ('B2B','B2C')),
        currency char(3) NOT NULL,
        country char(2) NOT NULL,
        locale text NOT NULL,
        prices_include_tax boolean NOT NULL,
        stock_display text NOT NULL CHECK (stock_display IN ('EXACT','STATUS')),
        low_stock_threshold integer NOT NULL CHECK (low_stock_threshold >= 0),
        approval_policy text NOT NULL CHECK (approval_policy IN ('AUTOMATIC_WHEN_VERIFIED','MANUAL')),
        token_hash text NOT NULL UNIQUE,
        token_rotated_at timestamptz NOT NULL DEFAULT now(),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (brand_id, id)
      )`);
    await q.query(`
      CREATE TABLE storefront_warehouse (
        storefront_id uuid NOT NULL REFERENCES storefront(id) ON DELETE CASCADE,
        warehouse_id uuid NOT NULL REFERENCES warehouse(id),
        PRIMARY KEY (storefront_id, warehouse_id)
      )`);
    await q.query(`CREATE INDEX storefront_warehouse_wh ON storefront_warehouse (warehouse_id)`);
    await q.query(`
      CREATE TABLE admin_user (
        id uuid PRIMARY KEY,
        email text NOT NULL UNIQUE,
        password_hash text NOT NULL,
        role text NOT NULL CHECK (role IN ('SUPERADMIN','BRAND_ADMIN')),
        created_at timestamptz NOT NULL DEFAULT now(),
        last_login_at timestamptz
      )`);
    await q.query(`
      CREATE TABLE app_secret (
        name text PRIMARY KEY,
        value text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE admin_brand (
        admin_id uuid NOT NULL REFERENCES admin_user(id) ON DELETE CASCADE,
        brand_id uuid NOT NULL REFERENCES brand(id),
        PRIMARY KEY (admin_id, brand_id)
      )`);
    await q.query(`
      CREATE TABLE api_key (
        id uuid PRIMARY KEY,
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        prefix text NOT NULL,
        secret_hash text NOT NULL UNIQUE,
        scopes text[] NOT NULL,
        all_brands boolean NOT NULL,
        created_by uuid REFERENCES admin_user(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz,
        last_used_at timestamptz
      )`);
    await q.query(`
      CREATE TABLE api_key_brand (
        api_key_id uuid NOT NULL REFERENCES api_key(id) ON DELETE CASCADE,
        brand_id uuid NOT NULL REFERENCES brand(id),
        PRIMARY KEY (api_key_id, brand_id)
      )`);
    await q.query(`
      CREATE TABLE api_key_warehouse (
        api_key_id uuid NOT NULL REFERENCES api_key(id) ON DELETE CASCADE,
        warehouse_id uuid NOT NULL REFERENCES warehouse(id),
        PRIMARY KEY (api_key_id, warehouse_id)
      )`);
    await q.query(`
      CREATE TABLE tax_rate (
        country char(2) NOT NULL,
        category text NOT NULL CHECK (category IN ('STANDARD','REDUCED','ZERO')),
        rate numeric(5,2) NOT NULL CHECK (rate >= 0),
        PRIMARY KEY (country, category)
      )`);
    // Standard / reduced rates of the EU member states as of 2026 (the lowest general reduced rate).
    const rates: [string, string, string][] = [
      ['AT', '20', '10'],
      ['BE', '21', '6'],
      ['BG', '20', '9'],
      ['CY', '19', '5'],
      ['CZ', '21', '12'],
      ['DE', '19', '7'],
      ['DK', '25', '25'],
      ['EE', '24', '9'],
      ['ES', '21', '10'],
      ['FI', '25.5', '14'],
      ['FR', '20', '5.5'],
      ['GR', '24', '13'],
      ['HR', '25', '13'],
      ['HU', '27', '5'],
      ['IE', '23', '13.5'],
      ['IT', '22', '10'],
      ['LT', '21', '9'],
      ['LU', '17', '8'],
      ['LV', '21', '12'],
      ['MT', '18', '7'],
      ['NL', '21', '9'],
      ['PL', '23', '8'],
      ['PT', '23', '6'],
      ['RO', '21', '11'],
      ['SE', '25', '12'],
      ['SI', '22', '9.5'],
      ['SK', '23', '19'],
    ];
    for (const [country, standard, reduced] of rates) {
      await q.query(
        `INSERT INTO tax_rate (country, category, rate) VALUES ($1,'STANDARD',$2), ($1,'REDUCED',$3), ($1,'ZERO',0)`,
        [country, standard, reduced],
      );
    }
    await q.query(`
      CREATE TABLE product (
        id uuid PRIMARY KEY,
        slug text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9][a-z0-9-]{0,199}$'),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 300),
        description text CHECK (length(description) <= 20000),
        tax_category text NOT NULL DEFAULT 'STANDARD' CHECK (tax_category IN ('STANDARD','REDUCED','ZERO')),
        search tsvector GENERATED ALWAYS AS (
          to_tsvector('simple', coalesce(name,'') || ' ' || coalesce(description,''))) STORED,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX product_search ON product USING gin (search)`);
    await q.query(`CREATE INDEX product_slug_prefix ON product (slug text_pattern_ops)`);
    await q.query(`
      CREATE TABLE variant (
        id uuid PRIMARY KEY,
        product_id uuid NOT NULL REFERENCES product(id) ON DELETE CASCADE,
        sku text NOT NULL UNIQUE CHECK (length(sku) BETWEEN 1 AND 100),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 300),
        position integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX variant_product ON variant (product_id, position)`);
    await q.query(`CREATE INDEX variant_sku_prefix ON variant (sku text_pattern_ops)`);
    await q.query(`
      CREATE TABLE publication (
        brand_id uuid NOT NULL,
        storefront_id uuid NOT NULL,
        product_id uuid NOT NULL REFERENCES product(id) ON DELETE CASCADE,
        published_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (storefront_id, product_id),
        FOREIGN KEY (brand_id, storefront_id) REFERENCES storefront(brand_id, id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX publication_product ON publication (product_id)`);
    await q.query(`
      CREATE TABLE price (
        brand_id uuid NOT NULL,
        storefront_id uuid NOT NULL,
        variant_id uuid NOT NULL REFERENCES variant(id) ON DELETE CASCADE,
        amount_minor bigint NOT NULL CHECK (amount_minor >= 0),
        currency char(3) NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (storefront_id, variant_id),
        FOREIGN KEY (brand_id, storefront_id) REFERENCES storefront(brand_id, id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX price_variant ON price (variant_id)`);
    // Keyed by SKU text, not by variant id: levels for SKUs the catalog does not know yet are kept.
    await q.query(`
      CREATE TABLE stock_level (
        sku text NOT NULL CHECK (length(sku) BETWEEN 1 AND 100),
        warehouse_id uuid NOT NULL REFERENCES warehouse(id),
        on_hand integer NOT NULL CHECK (on_hand >= 0),
        reserved integer NOT NULL DEFAULT 0 CHECK (reserved >= 0),
        sequence bigint NOT NULL CHECK (sequence >= 0),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (sku, warehouse_id)
      )`);
    await q.query(`
      CREATE TABLE outbox_event (
        id uuid PRIMARY KEY,
        position bigserial NOT NULL UNIQUE,
        type text NOT NULL,
        brand_id uuid REFERENCES brand(id),
        aggregate_id text NOT NULL,
        payload jsonb NOT NULL,
        occurred_at timestamptz NOT NULL DEFAULT now(),
        relayed_at timestamptz
      )`);
    await q.query(`CREATE INDEX outbox_event_pending ON outbox_event (position) WHERE relayed_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of [
      'outbox_event',
      'stock_level',
      'price',
      'publication',
      'variant',
      'product',
      'tax_rate',
      'api_key_warehouse',
      'api_key_brand',
      'api_key',
      'admin_brand',
      'app_secret',
      'admin_user',
      'storefront_warehouse',
      'storefront',
      'warehouse',
      'brand',
    ]) {
      await q.query(`DROP TABLE IF EXISTS ${t}`);
    }
  }
}
