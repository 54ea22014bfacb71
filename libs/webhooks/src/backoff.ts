/**
 * When to try a webhook delivery again. Attempt 1 goes out at once; after failed attempt n the next one
 * waits RETRY_SCHEDULE_MS[n - 1]; after the last entry the delivery is dead. The schedule spans a little
 * over 25 hours, so a receiver that is down for a whole day still gets every event.
 */
export const RETRY_SCHEDULE_MS: readonly number[] = [
  5_000, // 5 s
  30_000, // 30 s
  120_000, // 2 min
  600_000, // 10 min
  1_800_000, // 30 min
  3_600_000, // 1 h
  7_200_000, // 2 h
  14_400_000, // 4 h
  28_800_000, // 8 h
  36_000_000, // 10 h
];

/** Attempts in all: the first one plus one per retry. */
export const MAX_ATTEMPTS = RETRY_SCHEDULE_MS.length + 1;

/** The schedule's first delay; `retryDelayMs` scales the whole schedule by `firstRetryMs / DEFAULT_FIRST_RETRY_MS`. */
export const DEFAULT_FIRST_RETRY_MS = RETRY_SCHEDULE_MS[0];

/**
 * The delay before the next attempt after `failedAttempts` failed ones (1-based), or null when the delivery
 * is to be given up (dead). `firstRetryMs` scales the schedule (tests make it short; 0 retries at once).
 */
export function retryDelayMs(failedAttempts: number, firstRetryMs: number = DEFAULT_FIRST_RETRY_MS): number | null {
  if (!Number.isInteger(failedAttempts) || failedAttempts < 1)
    throw new RangeError(`failedAttempts must be ≥ 1 (got ${failedAttempts})`);
  if (failedAttempts >= MAX_ATTEMPTS) return null;
  return Math.round((RETRY_SCHEDULE_MS[failedAttempts - 1] * firstRetryMs) / DEFAULT_FIRST_RETRY_MS);
}

/** From the first attempt to the last one, if every attempt fails at once. */
export function retryWindowMs(firstRetryMs: number = DEFAULT_FIRST_RETRY_MS): number {
  let total = 0;
  for (let n = 1; n < MAX_ATTEMPTS; n++) total += retryDelayMs(n, firstRetryMs)!;
  return total;
}
