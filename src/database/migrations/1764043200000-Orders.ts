import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Carts, checkout and orders: shipping methods per storefront, carts (anonymous or a customer's), orders with
 * their lines, tax per rate, payments, shipments and the stock they reserve.
 *
 * Stock: `stock_level.reserved` holds every unit promised and not yet counted out by the warehouse system:
 * units of open orders (`stock_reservation`, per order, SKU and warehouse) and units shipped but not yet
 * reflected in a pushed level (`shipped_stock`). Available = on_hand − reserved, the one formula everywhere.
 */
export class Orders1764043200000 implements MigrationInterface {
  name = 'Orders1764043200000';

  async up(q: QueryRunner): Promise<void> {
    // The warehouses a storefront sells from are tried in the order they were listed.
    await q.query(`ALTER TABLE storefront_warehouse ADD COLUMN position integer NOT NULL DEFAULT 0`);
    await q.query(`
      UPDATE storefront_warehouse sw SET position = o.n
        FROM (SELECT storefront_id, warehouse_id, row_number() OVER (PARTITION BY storefront_id ORDER BY warehouse_id) AS n
                FROM storefront_warehouse) o
       WHERE o.storefront_id = sw.storefront_id AND o.warehouse_id = sw.warehouse_id`);
    await q.query(
      `ALTER TABLE storefront ADD COLUMN payment_terms_days integer NOT NULL DEFAULT 30 CHECK (payment_terms_days BETWEEN 0 AND 365)`,
    );

    await q.query(`
      CREATE TABLE shipping_method (
        id uuid PRIMARY KEY,
        brand_id uuid NOT NULL,
        storefront_id uuid NOT NULL,
        code text NOT NULL CHECK (code ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        price_minor bigint NOT NULL CHECK (price_minor >= 0),
        free_above_minor bigint CHECK (free_above_minor >= 0),
        countries text[] NOT NULL CHECK (cardinality(countries) BETWEEN 1 AND 250),
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (storefront_id, code),
        FOREIGN KEY (brand_id, storefront_id) REFERENCES storefront(brand_id, id) ON DELETE CASCADE
      )`);

    await q.query(`
      CREATE TABLE cart (
        id uuid PRIMARY KEY,
        brand_id uuid NOT NULL,
        storefront_id uuid NOT NULL,
        audience text NOT NULL CHECK (audience IN ('B2B','B2C')),
        customer_id uuid,
        status text NOT NULL DEFAULT 'ACTIVE' CHECK (status IN ('ACTIVE','ORDERED','MERGED')),
        email text,
        first_name text,
        last_name text,
        phone text,
        shipping_address jsonb,
        billing_address jsonb,
        shipping_method_code text,
        purchase_order_number text,
        order_id uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        abandoned_notified_at timestamptz,
        FOREIGN KEY (brand_id, storefront_id) REFERENCES storefront(brand_id, id) ON DELETE CASCADE,
        FOREIGN KEY (brand_id, customer_id) REFERENCES customer(brand_id, id) ON DELETE CASCADE
      )`);
    await q.query(
      `CREATE UNIQUE INDEX cart_one_active_per_customer ON cart (storefront_id, customer_id) WHERE customer_id IS NOT NULL AND status = 'ACTIVE'`,
    );
    await q.query(
      `CREATE INDEX cart_abandoned_due ON cart (updated_at) WHERE status = 'ACTIVE' AND customer_id IS NOT NULL AND abandoned_notified_at IS NULL`,
    );
    await q.query(`
      CREATE TABLE cart_line (
        cart_id uuid NOT NULL REFERENCES cart(id) ON DELETE CASCADE,
        sku text NOT NULL CHECK (length(sku) BETWEEN 1 AND 100),
        quantity integer NOT NULL CHECK (quantity BETWEEN 1 AND 9999),
        added_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        PRIMARY KEY (cart_id, sku)
      )`);

    await q.query(`
      CREATE TABLE brand_order_counter (
        brand_id uuid PRIMARY KEY REFERENCES brand(id),
        last_number bigint NOT NULL
      )`);
    await q.query(`
      CREATE TABLE sales_order (
        id uuid PRIMARY KEY,
        brand_id uuid NOT NULL,
        storefront_id uuid NOT NULL,
        audience text NOT NULL CHECK (audience IN ('B2B','B2C')),
        number text NOT NULL UNIQUE,
        cart_id uuid NOT NULL UNIQUE,
        customer_id uuid,
        company_id uuid,
        status text NOT NULL CHECK (status IN ('AWAITING_PAYMENT','CONFIRMED','PARTIALLY_SHIPPED','SHIPPED','CANCELLED')),
        currency char(3) NOT NULL,
        prices_include_tax boolean NOT NULL,
        email text,
        phone text,
        first_name text,
        last_name text,
        shipping_address jsonb,
        billing_address jsonb,
        shipping_method_code text NOT NULL,
        shipping_method_name text NOT NULL,
        purchase_order_number text,
        company_name text,
        buyer_vat_number text,
        seller_vat_number text,
        reverse_charge boolean NOT NULL,
        subtotal_net_minor bigint NOT NULL,
        subtotal_gross_minor bigint NOT NULL,
        shipping_net_minor bigint NOT NULL,
        shipping_tax_minor bigint NOT NULL,
        shipping_gross_minor bigint NOT NULL,
        tax_minor bigint NOT NULL,
        total_gross_minor bigint NOT NULL,
        tax_lines jsonb NOT NULL,
        payment_terms_days integer,
        payment_due_at timestamptz,
        paid_minor bigint NOT NULL DEFAULT 0,
        paid_at timestamptz,
        placed_at timestamptz NOT NULL DEFAULT now(),
        cancelled_at timestamptz,
        cancel_reason text,
        account_token_hash text,
        link_customer_id uuid,
        erased_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (brand_id, id),
        FOREIGN KEY (brand_id, storefront_id) REFERENCES storefront(brand_id, id),
        FOREIGN KEY (brand_id, customer_id) REFERENCES customer(brand_id, id),
        FOREIGN KEY (brand_id, company_id) REFERENCES company(brand_id, id) ON DELETE SET NULL (company_id)
      )`);
    await q.query(`CREATE INDEX sales_order_customer ON sales_order (customer_id, placed_at DESC) WHERE customer_id IS NOT NULL`);
    await q.query(`CREATE INDEX sales_order_brand_placed ON sales_order (brand_id, placed_at DESC, id DESC)`);
    await q.query(`CREATE INDEX sales_order_unpaid ON sales_order (placed_at) WHERE status = 'AWAITING_PAYMENT'`);
    await q.query(`CREATE INDEX sales_order_link ON sales_order (link_customer_id) WHERE link_customer_id IS NOT NULL`);
    await q.query(`
      CREATE TABLE order_line (
        order_id uuid NOT NULL REFERENCES sales_order(id) ON DELETE CASCADE,
        position integer NOT NULL,
        sku text NOT NULL,
        name text NOT NULL,
        quantity integer NOT NULL CHECK (quantity BETWEEN 1 AND 9999),
        unit_price_minor bigint NOT NULL,
        net_minor bigint NOT NULL,
        tax_minor bigint NOT NULL,
        gross_minor bigint NOT NULL,
        tax_rate numeric(5,2) NOT NULL,
        shipped_quantity integer NOT NULL DEFAULT 0 CHECK (shipped_quantity BETWEEN 0 AND quantity),
        PRIMARY KEY (order_id, sku)
      )`);
    // Checkout reserves stock before it numbers and writes the order (a shortage never takes a number): deferred.
    await q.query(`
      CREATE TABLE stock_reservation (
        order_id uuid NOT NULL REFERENCES sales_order(id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
        sku text NOT NULL,
        warehouse_id uuid NOT NULL REFERENCES warehouse(id),
        quantity integer NOT NULL CHECK (quantity > 0),
        PRIMARY KEY (order_id, sku, warehouse_id)
      )`);
    await q.query(`CREATE INDEX stock_reservation_level ON stock_reservation (sku, warehouse_id)`);
    await q.query(`
      CREATE TABLE payment (
        id uuid PRIMARY KEY,
        brand_id uuid NOT NULL,
        order_id uuid NOT NULL,
        provider text NOT NULL CHECK (length(provider) BETWEEN 1 AND 100),
        reference text NOT NULL CHECK (length(reference) BETWEEN 1 AND 200),
        amount_minor bigint NOT NULL CHECK (amount_minor > 0),
        recorded_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (provider, reference),
        FOREIGN KEY (brand_id, order_id) REFERENCES sales_order(brand_id, id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX payment_order ON payment (order_id)`);
    await q.query(`
      CREATE TABLE shipment (
        id uuid PRIMARY KEY,
        brand_id uuid NOT NULL,
        order_id uuid NOT NULL,
        warehouse_id uuid NOT NULL REFERENCES warehouse(id),
        carrier text NOT NULL,
        tracking_code text,
        tracking_url text,
        shipped_at timestamptz NOT NULL DEFAULT now(),
        FOREIGN KEY (brand_id, order_id) REFERENCES sales_order(brand_id, id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX shipment_order ON shipment (order_id, shipped_at)`);
    await q.query(`
      CREATE TABLE shipment_line (
        shipment_id uuid NOT NULL REFERENCES shipment(id) ON DELETE CASCADE,
        sku text NOT NULL,
        quantity integer NOT NULL CHECK (quantity > 0),
        PRIMARY KEY (shipment_id, sku)
      )`);
    // Units shipped but not yet counted out by the warehouse system: they stay in stock_level.reserved until a
    // push for that SKU and warehouse with a sequence at or after the shipment's arrives (see docs/ORDERS.md).
    await q.query(`
      CREATE TABLE shipped_stock (
        shipment_id uuid NOT NULL REFERENCES shipment(id) ON DELETE CASCADE,
        sku text NOT NULL,
        warehouse_id uuid NOT NULL REFERENCES warehouse(id),
        quantity integer NOT NULL CHECK (quantity > 0),
        stock_sequence bigint,
        PRIMARY KEY (shipment_id, sku, warehouse_id)
      )`);
    await q.query(`CREATE INDEX shipped_stock_level ON shipped_stock (sku, warehouse_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of [
      'shipped_stock',
      'shipment_line',
      'shipment',
      'payment',
      'stock_reservation',
      'order_line',
      'sales_order',
      'brand_order_counter',
      'cart_line',
      'cart',
      'shipping_method',
    ]) {
      await q.query(`DROP TABLE IF EXISTS ${t}`);
    }
    await q.query(`ALTER TABLE storefront DROP COLUMN payment_terms_days`);
    await q.query(`ALTER TABLE storefront_warehouse DROP COLUMN position`);
  }
}
