import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Typo correction first asks whether any lexicon word starts with a search word (then the word needs no
 * correction). That test is a byte range in a prepared statement (catalog-sql.ts `startsWith`), which a
 * `text_pattern_ops` index serves whatever the database's collation; the primary key's index cannot.
 */
export class SearchWordPrefix1764061200000 implements MigrationInterface {
  name = 'SearchWordPrefix1764061200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX search_word_prefix ON search_word (word text_pattern_ops)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS search_word_prefix`);
  }
}
