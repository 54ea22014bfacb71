import { isSupportedCountry, parsePhoneNumberFromString, type CountryCode, type NumberType } from 'libphonenumber-js/max';

// The `max` metadata is used on purpose: with the default `min` metadata isValid() only checks the length,
// and getType() (mobile / fixed line, which DOMAIN.md §6 says to keep) returns nothing.

export type PhoneParseResult =
  | { readonly ok: true; readonly value: string; readonly country: string | undefined; readonly type: NumberType }
  | { readonly ok: false; readonly reason: 'EMPTY' | 'TOO_LONG' | 'FORMAT' | 'INVALID'; readonly message: string };

const MAX_INPUT_LENGTH = 40;
/** Digits and the usual separators; letters (extensions, vanity numbers) and anything else are refused. */
const ALLOWED = /^[0-9+\-()./\s]+$/;

/**
 * A phone number in E.164 (`+31612345678`). A national number (`06-12345678`) is read in `defaultCountry`
 * (ISO 3166-1 alpha-2, e.g. the address or storefront country); an unknown country code is ignored, so only
 * international numbers (`+…`, `00…`) parse then. The number must be valid for its country, not just long enough.
 */
export function normalizePhone(raw: string, defaultCountry?: string): PhoneParseResult {
  const input = typeof raw === 'string' ? raw.trim() : '';
  if (input === '') return { ok: false, reason: 'EMPTY', message: 'A phone number is required.' };
  if (input.length > MAX_INPUT_LENGTH) return { ok: false, reason: 'TOO_LONG', message: 'This phone number is too long.' };
  if (!ALLOWED.test(input))
    return { ok: false, reason: 'FORMAT', message: 'A phone number has only digits, spaces and + - . / ( ).' };
  const country = defaultCountry?.trim().toUpperCase();
  const parsed = parsePhoneNumberFromString(input, country && isSupportedCountry(country) ? (country as CountryCode) : undefined);
  if (!parsed || !parsed.isValid()) return { ok: false, reason: 'INVALID', message: 'This is not a valid phone number.' };
  return { ok: true, value: parsed.number, country: parsed.country, type: parsed.getType() };
}
