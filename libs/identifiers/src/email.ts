/** RFC 5321 path limit: the longest address that can be used at all. */
export const EMAIL_MAX_LENGTH = 254;

export type EmailParseResult =
  | { readonly ok: true; readonly value: string }
  | { readonly ok: false; readonly reason: 'FORMAT' | 'TOO_LONG'; readonly message: string };

/** Trim and lower-case the whole address (the stored and compared form; dots and +tags are kept). */
export function normalizeEmail(raw: string): string {
  return String(raw ?? '')
    .trim()
    .toLowerCase();
}

// Dot-atom local part (no quoted strings, no comments) and a host name of LDH labels: the practical subset
// that mail systems deliver to, with no room for spaces, quotes, angle brackets or line breaks.
const LOCAL_PART = /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/i;
const DOMAIN_LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/i;
const TOP_LEVEL = /^([a-z]{2,63}|xn--[a-z0-9-]{1,59})$/i;

/**
 * A sane syntax check on an address as given (normalise first): at most 254 characters, one `@`, a
 * local part of at most 64 characters, and a domain with at least two labels and an alphabetic or
 * punycode top level. ASCII only: internationalised domains must be given in punycode (`xn--`).
 */
export function isValidEmail(value: string): boolean {
  if (typeof value !== 'string' || value.length > EMAIL_MAX_LENGTH) return false;
  const at = value.indexOf('@');
  if (at < 1 || at !== value.lastIndexOf('@')) return false;
  const local = value.slice(0, at);
  const labels = value.slice(at + 1).split('.');
  if (local.length > 64 || !LOCAL_PART.test(local)) return false;
  return labels.length >= 2 && labels.every((label) => DOMAIN_LABEL.test(label)) && TOP_LEVEL.test(labels.at(-1)!);
}

/** Normalise, then check. */
export function parseEmail(raw: string): EmailParseResult {
  const value = normalizeEmail(raw);
  if (value.length > EMAIL_MAX_LENGTH)
    return { ok: false, reason: 'TOO_LONG', message: 'An e-mail address has at most 254 characters.' };
  if (!isValidEmail(value)) return { ok: false, reason: 'FORMAT', message: 'This is not a valid e-mail address.' };
  return { ok: true, value };
}

/**
 * A soft duplicate key (DOMAIN.md §6): for gmail.com / googlemail.com only, dots and a `+tag` are removed from
 * the local part. Use it as a signal (one welcome discount per person), never as the identity.
 */
export function emailDedupKey(email: string): string {
  const value = normalizeEmail(email);
  const at = value.lastIndexOf('@');
  const domain = value.slice(at + 1);
  if (at < 1 || (domain !== 'gmail.com' && domain !== 'googlemail.com')) return value;
  return `${value.slice(0, at).split('+')[0]!.replace(/\./g, '')}@gmail.com`;
}
