const languages = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });
const regions = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });

/**
 * Content locales: a canonical BCP 47 tag of a language (`nl`) or of a language with a region (`nl-NL`).
 * Storefronts always have a region; translations may be stored for a whole language.
 */
export function isContentLocale(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const m = /^([a-z]{2,3})(?:-([A-Z]{2}))?$/.exec(value);
  if (!m) return false;
  try {
    if (Intl.getCanonicalLocales(value)[0] !== value || languages.of(m[1]) === undefined) return false;
    return !m[2] || (!['EU', 'UN', 'ZZ'].includes(m[2]) && regions.of(m[2]) !== undefined);
  } catch {
    return false;
  }
}

/**
 * The locales whose text a storefront in `locale` shows, best first, before the base text on the row:
 * the exact locale, then its language (`nl-BE` → `['nl-BE', 'nl']`; `nl` → `['nl', 'nl']`).
 */
export function localeFallbacks(locale: string): [exact: string, language: string] {
  const dash = locale.indexOf('-');
  return [locale, dash < 0 ? locale : locale.slice(0, dash)];
}
