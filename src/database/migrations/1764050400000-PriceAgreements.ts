import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * B2B price agreements: quantity breaks of a storefront's list prices, and a company's agreed prices per SKU on a
 * storefront of its brand. Both in minor units of the storefront's currency; a buyer pays the lowest that applies.
 */
export class PriceAgreements1764050400000 implements MigrationInterface {
  name = 'PriceAgreements1764050400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE price_tier (
        brand_id uuid NOT NULL,
        storefront_id uuid NOT NULL,
        variant_id uuid NOT NULL REFERENCES variant(id) ON DELETE CASCADE,
        min_quantity integer NOT NULL CHECK (min_quantity BETWEEN 2 AND 9999),
        amount_minor bigint NOT NULL CHECK (amount_minor >= 0),
        PRIMARY KEY (storefront_id, variant_id, min_quantity),
        FOREIGN KEY (brand_id, storefront_id) REFERENCES storefront(brand_id, id) ON DELETE CASCADE
      )`);
    await q.query(`
      CREATE TABLE company_price (
        brand_id uuid NOT NULL,
        company_id uuid NOT NULL,
        storefront_id uuid NOT NULL,
        variant_id uuid NOT NULL REFERENCES variant(id) ON DELETE CASCADE,
        amount_minor bigint NOT NULL CHECK (amount_minor >= 0),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (company_id, storefront_id, variant_id),
        FOREIGN KEY (brand_id, company_id) REFERENCES company(brand_id, id) ON DELETE CASCADE,
        FOREIGN KEY (brand_id, storefront_id) REFERENCES storefront(brand_id, id) ON DELETE CASCADE
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS company_price`);
    await q.query(`DROP TABLE IF EXISTS price_tier`);
  }
}
