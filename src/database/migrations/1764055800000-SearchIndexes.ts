import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A search reads its hits through indexes (docs/CATALOG.md, "Ranked search"): the search vectors have GIN indexes
 * and slugs a text_pattern_ops one already; SKU prefixes are matched case-insensitively, so they need one on
 * `lower(sku)`.
 */
export class SearchIndexes1764055800000 implements MigrationInterface {
  name = 'SearchIndexes1764055800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX variant_sku_lower_prefix ON variant (lower(sku) text_pattern_ops)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS variant_sku_lower_prefix`);
  }
}
