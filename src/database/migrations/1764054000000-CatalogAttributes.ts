import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Attributes with facets, variant options, sorting and ranked search with typo tolerance.
 *
 * - `attribute` (shared catalog, like products): typed TEXT | NUMBER | BOOLEAN | ENUM, an optional unit, whether
 *   storefronts offer it as a facet; ENUM and BOOLEAN values are rows of `attribute_value` (BOOLEAN: codes
 *   `true` / `false`), so every filterable value has an id.
 * - `product_attribute` / `variant_attribute`: one row per owner and attribute (a text, a number, or value ids).
 * - `variant.facet_values`: the value ids of the variant and of its product in one array with a GIN index — the
 *   flat row a facet count and an attribute filter read (kept by the statement that writes attributes).
 * - `product.search` / `product_translation.search` become weighted (name A, description B) so relevance can put
 *   a name match above a description match; `search_word` is the lexicon of words a search can be corrected to
 *   (typo tolerance: `levenshtein_less_equal` of fuzzystrmatch, available on PostgreSQL and in PGlite).
 */
export class CatalogAttributes1764054000000 implements MigrationInterface {
  name = 'CatalogAttributes1764054000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS fuzzystrmatch`);
    const locale = `locale text NOT NULL CHECK (locale ~ '^[a-z]{2,3}(-[A-Z]{2})?$')`;
    await q.query(`
      CREATE TABLE attribute (
        id uuid PRIMARY KEY,
        code text NOT NULL UNIQUE CHECK (code ~ '^[a-z][a-z0-9_]{0,49}$'),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        type text NOT NULL CHECK (type IN ('TEXT','NUMBER','BOOLEAN','ENUM')),
        unit text CHECK (length(unit) BETWEEN 1 AND 20),
        filterable boolean NOT NULL DEFAULT false,
        position integer NOT NULL DEFAULT 0 CHECK (position BETWEEN 0 AND 100000),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (unit IS NULL OR type = 'NUMBER'),
        CHECK (NOT filterable OR type IN ('BOOLEAN','ENUM'))
      )`);
    await q.query(`
      CREATE TABLE attribute_translation (
        attribute_id uuid NOT NULL REFERENCES attribute(id) ON DELETE CASCADE,
        ${locale},
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        PRIMARY KEY (attribute_id, locale)
      )`);
    await q.query(`
      CREATE TABLE attribute_value (
        id uuid PRIMARY KEY,
        attribute_id uuid NOT NULL REFERENCES attribute(id) ON DELETE CASCADE,
        code text NOT NULL CHECK (code ~ '^[a-z0-9][a-z0-9_-]{0,49}$'),
        label text NOT NULL CHECK (length(label) BETWEEN 1 AND 200),
        position integer NOT NULL DEFAULT 0 CHECK (position BETWEEN 0 AND 100000),
        UNIQUE (attribute_id, code)
      )`);
    await q.query(`
      CREATE TABLE attribute_value_translation (
        value_id uuid NOT NULL REFERENCES attribute_value(id) ON DELETE CASCADE,
        ${locale},
        label text NOT NULL CHECK (length(label) BETWEEN 1 AND 200),
        PRIMARY KEY (value_id, locale)
      )`);
    for (const owner of ['product', 'variant']) {
      await q.query(`
        CREATE TABLE ${owner}_attribute (
          ${owner}_id uuid NOT NULL REFERENCES ${owner}(id) ON DELETE CASCADE,
          attribute_id uuid NOT NULL REFERENCES attribute(id) ON DELETE CASCADE,
          text_value text CHECK (length(text_value) BETWEEN 1 AND 1000),
          number_value numeric CHECK (number_value BETWEEN -1e12 AND 1e12),
          value_ids uuid[] CHECK (cardinality(value_ids) BETWEEN 1 AND 20),
          PRIMARY KEY (${owner}_id, attribute_id),
          CHECK (num_nonnulls(text_value, number_value, value_ids) = 1)
        )`);
      await q.query(`CREATE INDEX ${owner}_attribute_attribute ON ${owner}_attribute (attribute_id)`);
    }
    await q.query(`ALTER TABLE variant ADD COLUMN facet_values uuid[] NOT NULL DEFAULT '{}'`);
    await q.query(`CREATE INDEX variant_facet_values ON variant USING gin (facet_values)`);

    // Weighted search vectors (a generated column cannot be altered: dropped and added again).
    const weighted = `setweight(to_tsvector('simple', coalesce(name,'')), 'A') || setweight(to_tsvector('simple', coalesce(description,'')), 'B')`;
    for (const table of ['product', 'product_translation']) {
      await q.query(`ALTER TABLE ${table} DROP COLUMN search`);
      await q.query(`ALTER TABLE ${table} ADD COLUMN search tsvector GENERATED ALWAYS AS (${weighted}) STORED`);
      await q.query(`CREATE INDEX ${table}_search ON ${table} USING gin (search)`);
    }
    await q.query(`CREATE INDEX product_created ON product (created_at DESC, id DESC)`);

    await q.query(`
      CREATE TABLE search_word (
        word text PRIMARY KEY CHECK (word ~ '^[[:alnum:]]{4,40}$')
      )`);
    await q.query(`CREATE INDEX search_word_length ON search_word (length(word))`);
    await q.query(`
      INSERT INTO search_word (word)
      SELECT DISTINCT w FROM (SELECT search FROM product UNION ALL SELECT search FROM product_translation) s,
                             unnest(tsvector_to_array(s.search)) w
       WHERE w ~ '^[[:alnum:]]{4,40}$'
      ON CONFLICT DO NOTHING`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS search_word`);
    await q.query(`DROP INDEX IF EXISTS product_created`);
    const plain = `to_tsvector('simple', coalesce(name,'') || ' ' || coalesce(description,''))`;
    for (const table of ['product', 'product_translation']) {
      await q.query(`ALTER TABLE ${table} DROP COLUMN search`);
      await q.query(`ALTER TABLE ${table} ADD COLUMN search tsvector GENERATED ALWAYS AS (${plain}) STORED`);
      await q.query(`CREATE INDEX ${table}_search ON ${table} USING gin (search)`);
    }
    await q.query(`ALTER TABLE variant DROP COLUMN IF EXISTS facet_values`);
    for (const t of [
      'variant_attribute',
      'product_attribute',
      'attribute_value_translation',
      'attribute_value',
      'attribute_translation',
      'attribute',
    ]) {
      await q.query(`DROP TABLE IF EXISTS ${t}`);
    }
  }
}
