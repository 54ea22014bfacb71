/** Codes for brands, storefronts and warehouses: lower-case letters, digits and dashes, 2..63 characters. */
export const CODE_PATTERN = /^[a-z0-9][a-z0-9-]{1,62}$/;

const currencies = new Set(Intl.supportedValuesOf('currency'));
const regionNames = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });

/** ISO 4217 currency code, upper-case (`EUR`). */
export function isCurrency(value: string): boolean {
  return /^[A-Z]{3}$/.test(value) && currencies.has(value);
}

/** ISO 3166-1 alpha-2 country code, upper-case (`NL`); user-assigned and reserved codes are refused. */
export function isCountry(value: string): boolean {
  if (!/^[A-Z]{2}$/.test(value) || ['EU', 'UN', 'ZZ', 'XA', 'XB', 'QO'].includes(value)) return false;
  return regionNames.of(value) !== undefined;
}

/** A BCP 47 locale with a language and a region, in canonical form (`nl-NL`, `de-BE`). */
export function isLocale(value: string): boolean {
  if (!/^[a-z]{2,3}-[A-Z]{2}$/.test(value)) return false;
  try {
    return Intl.getCanonicalLocales(value)[0] === value && isCountry(value.slice(-2));
  } catch {
    return false;
  }
}
