/** Warehouse sequences: decimal integer strings up to 2^63−1 (PostgreSQL bigint). */
export const MAX_SEQUENCE = 9223372036854775807n;

export function parseSequence(raw: string): bigint | null {
  if (!/^\d{1,19}$/.test(raw)) return null;
  const v = BigInt(raw);
  return v <= MAX_SEQUENCE ? v : null;
}

/** A level applies only when its sequence is greater than the last applied one: never backwards, never twice. */
export function isNewer(incoming: bigint, lastApplied: bigint | null): boolean {
  return lastApplied === null || incoming > lastApplied;
}
