export type KvkParseResult =
  { readonly ok: true; readonly value: string } | { readonly ok: false; readonly reason: 'FORMAT'; readonly message: string };

/** Strip whitespace, dots and dashes (`6959 9084`, `68.75.01.10`). Labels (`KVK`) and signs are left in place. */
export function normalizeKvkNumber(raw: string): string {
  return String(raw ?? '').replace(/[\s.-]+/g, '');
}

/**
 * A KvK-nummer: exactly 8 digits, kept as a string (leading zeros). Format only: KvK publishes no check
 * digit and its own v3 test numbers fail the folklore 11-test (DOMAIN.md §3.1). All zeros is refused.
 * A 12-digit vestigingsnummer or a 9-digit RSIN is not a KvK-nummer.
 */
export function parseKvkNumber(raw: string): KvkParseResult {
  if (typeof raw !== 'string' || raw.length > 32) return { ok: false, reason: 'FORMAT', message: 'Not a KvK number.' };
  const value = normalizeKvkNumber(raw);
  if (!/^\d{8}$/.test(value) || value === '00000000') {
    return { ok: false, reason: 'FORMAT', message: 'A KvK number has exactly 8 digits.' };
  }
  return { ok: true, value };
}
