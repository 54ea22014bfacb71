import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Catalog structure (docs/CATALOG.md): categories per brand (a tree with a materialised path of ids),
 * products filed under them per brand, image references on products and variants, and translations per
 * entity and locale. No extension: runs the same on PGlite and PostgreSQL 15.
 */
export class CatalogStructure1764046800000 implements MigrationInterface {
  name = 'CatalogStructure1764046800000';

  async up(q: QueryRunner): Promise<void> {
    const locale = `locale text NOT NULL CHECK (locale ~ '^[a-z]{2,3}(-[A-Z]{2})?$')`;
    await q.query(`
      CREATE TABLE category (
        id uuid PRIMARY KEY,
        brand_id uuid NOT NULL REFERENCES brand(id),
        parent_id uuid,
        slug text NOT NULL CHECK (slug ~ '^[a-z0-9][a-z0-9-]{0,99}$'),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        description text CHECK (length(description) <= 5000),
        position integer NOT NULL DEFAULT 0 CHECK (position BETWEEN 0 AND 100000),
        path uuid[] NOT NULL CHECK (cardinality(path) BETWEEN 1 AND 10),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (brand_id, slug),
        UNIQUE (brand_id, id),
        CHECK (path[cardinality(path)] = id),
        CHECK ((parent_id IS NULL) = (cardinality(path) = 1)),
        FOREIGN KEY (brand_id, parent_id) REFERENCES category(brand_id, id)
      )`);
    await q.query(`CREATE INDEX category_path ON category USING gin (path)`);
    await q.query(`CREATE INDEX category_parent ON category (parent_id)`);
    await q.query(`
      CREATE TABLE category_translation (
        brand_id uuid NOT NULL,
        category_id uuid NOT NULL,
        ${locale},
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        description text CHECK (length(description) <= 5000),
        PRIMARY KEY (category_id, locale),
        FOREIGN KEY (brand_id, category_id) REFERENCES category(brand_id, id) ON DELETE CASCADE
      )`);
    await q.query(`
      CREATE TABLE product_category (
        brand_id uuid NOT NULL,
        category_id uuid NOT NULL,
        product_id uuid NOT NULL REFERENCES product(id) ON DELETE CASCADE,
        PRIMARY KEY (category_id, product_id),
        FOREIGN KEY (brand_id, category_id) REFERENCES category(brand_id, id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX product_category_product ON product_category (product_id, brand_id)`);

    const media = (owner: string, max: number) => `
      CREATE TABLE ${owner}_media (
        ${owner}_id uuid NOT NULL REFERENCES ${owner}(id) ON DELETE CASCADE,
        position integer NOT NULL CHECK (position BETWEEN 0 AND ${max - 1}),
        url text NOT NULL CHECK (url LIKE 'https://%' AND length(url) <= 2000),
        alt text CHECK (length(alt) <= 500),
        width integer CHECK (width BETWEEN 1 AND 20000),
        height integer CHECK (height BETWEEN 1 AND 20000),
        PRIMARY KEY (${owner}_id, position),
        CHECK ((width IS NULL) = (height IS NULL))
      )`;
    await q.query(media('product', 20));
    await q.query(media('variant', 10));

    await q.query(`
      CREATE TABLE product_translation (
        product_id uuid NOT NULL REFERENCES product(id) ON DELETE CASCADE,
        ${locale},
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 300),
        description text CHECK (length(description) <= 20000),
        search tsvector GENERATED ALWAYS AS (
          to_tsvector('simple', coalesce(name,'') || ' ' || coalesce(description,''))) STORED,
        PRIMARY KEY (product_id, locale)
      )`);
    await q.query(`CREATE INDEX product_translation_search ON product_translation USING gin (search)`);
    await q.query(`
      CREATE TABLE variant_translation (
        variant_id uuid NOT NULL REFERENCES variant(id) ON DELETE CASCADE,
        ${locale},
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 300),
        PRIMARY KEY (variant_id, locale)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of [
      'variant_translation',
      'product_translation',
      'variant_media',
      'product_media',
      'product_category',
      'category_translation',
      'category',
    ]) {
      await q.query(`DROP TABLE IF EXISTS ${t}`);
    }
  }
}
