/**
 * Storefront search text → what the SQL needs: the words (lower-case letters and digits, at most 10), a prefix
 * tsquery over all fields, the same restricted to names (weight A), a LIKE prefix for slugs and SKUs, and per
 * word how many edits a typo correction may make.
 */
export interface SearchTerms {
  /**
   * The trimmed text, lower-cased: search ignores letter case everywhere (an exact SKU match too), so texts that
   * differ only in case are one query — and one cached page.
   */
  text: string;
  words: string[];
  /** Every word as a prefix, all required: `safety:* & sho:*`. */
  prefixQuery: string;
  /** The same, matching only the name (weight A): `safety:*A & sho:*A`. */
  nameQuery: string;
  /** `lower(text)` escaped for LIKE, with a trailing `%`. */
  likePrefix: string;
  /** Per word: the most edits (Levenshtein) a correction from the lexicon may be away; 0 = none. */
  typoBudgets: number[];
}

export const MAX_SEARCH_WORDS = 10;

/**
 * How many typos a word tolerates: none below 4 characters (too many short words are one edit apart), one at 4,
 * two from 5 on (a swap of two letters — "glvoes" — costs two edits in Levenshtein's distance).
 */
export function typoBudget(word: string): number {
  const n = [...word].length;
  return n < 4 ? 0 : n === 4 ? 1 : 2;
}

/** null when the text has no word and nothing else to match (only blanks). */
export function searchTerms(input: string | null | undefined): SearchTerms | null {
  const text = (input ?? '').trim().toLowerCase();
  if (!text) return null;
  const words = (text.match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, MAX_SEARCH_WORDS);
  return {
    text,
    words,
    prefixQuery: words.map((w) => `${w}:*`).join(' & '),
    nameQuery: words.map((w) => `${w}:*A`).join(' & '),
    likePrefix: `${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`,
    typoBudgets: words.map(typoBudget),
  };
}
