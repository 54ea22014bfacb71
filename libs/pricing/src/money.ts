/** Money as integer minor units of its currency (EUR 12.50 = 1250); never floats. */

const digitsCache = new Map<string, number>();

/** The number of minor-unit digits of an ISO 4217 currency (EUR 2, JPY 0), capped at 2 (CONTRACT §4). */
export function currencyDigits(currency: string): number {
  let d = digitsCache.get(currency);
  if (d === undefined) {
    d = Math.min(2, new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2);
    digitsCache.set(currency, d);
  }
  return d;
}

export type ParsedAmount = { ok: true; minor: bigint } | { ok: false; message: string };

const MAX_MINOR = 10n ** 15n; // far above any price, far below bigint limits

/** Parses a decimal string (`"12.5"`, `"0"`, `"1999.99"`): ≥ 0, at most the currency's decimals. */
export function parseAmount(raw: string, currency: string): ParsedAmount {
  const digits = currencyDigits(currency);
  const m = /^(\d{1,15})(?:\.(\d+))?$/.exec(raw.trim());
  if (!m) return { ok: false, message: 'must be a decimal number ≥ 0 such as "12.50"' };
  const frac = m[2] ?? '';
  if (frac.length > digits) return { ok: false, message: `at most ${digits} decimals for ${currency}` };
  const minor = BigInt(m[1]) * 10n ** BigInt(digits) + BigInt(frac.padEnd(digits, '0') || '0');
  if (minor > MAX_MINOR) return { ok: false, message: 'is too large' };
  return { ok: true, minor };
}

/** Formats minor units with exactly the currency's decimals: 1250 EUR → "12.50". */
export function formatAmount(minor: bigint | number | string, currency: string): string {
  const digits = currencyDigits(currency);
  const v = BigInt(minor);
  if (digits === 0) return v.toString();
  const s = v.toString().padStart(digits + 1, '0');
  return `${s.slice(0, -digits)}.${s.slice(-digits)}`;
}

/** A tax rate as the contract shows it: "21", "5.5", "0" (from a numeric like "21.00"). */
export function formatRate(rate: string | number): string {
  const s = typeof rate === 'number' ? rate.toString() : rate;
  return s.includes('.') ? s.replace(/\.?0+$/, '') || '0' : s;
}
