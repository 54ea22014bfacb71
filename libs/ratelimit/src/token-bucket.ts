/**
 * Token buckets (Shopify's "leaky bucket" seen from the other side): a bucket holds up to `capacity`
 * points and refills at `refillPerSecond`; a request takes its cost in points and is refused when the
 * bucket holds fewer. Pure arithmetic on a state and a clock, so the in-memory and the Redis limiter
 * (a Lua script with the same formula) agree and the rules are unit-tested here.
 */
export interface BucketPolicy {
  /** Most points the bucket holds (the largest burst). */
  capacity: number;
  /** Points restored per second (the sustained rate). */
  refillPerSecond: number;
}

export interface BucketState {
  tokens: number;
  /** Epoch milliseconds of the last update. */
  updatedAt: number;
}

export interface BucketResult {
  allowed: boolean;
  /** Points left after this request (whole points, rounded down). */
  remaining: number;
  /** When refused: milliseconds until the bucket holds the cost again; 0 when allowed. */
  retryAfterMs: number;
}

/** The bucket after `now`'s refill (a new bucket starts full). */
export function refill(state: BucketState | undefined, policy: BucketPolicy, now: number): BucketState {
  if (!state) return { tokens: policy.capacity, updatedAt: now };
  const elapsed = Math.max(0, now - state.updatedAt);
  return { tokens: Math.min(policy.capacity, state.tokens + (elapsed * policy.refillPerSecond) / 1000), updatedAt: now };
}

/**
 * Takes `cost` points if the bucket holds them. A cost of 0 only looks (is the bucket empty?). A cost above
 * the capacity can never pass: it is refused with the time to a full bucket, and the caller should have
 * refused it earlier by size (the query cost limit).
 */
export function take(
  state: BucketState | undefined,
  cost: number,
  policy: BucketPolicy,
  now: number,
): { state: BucketState; result: BucketResult } {
  const current = refill(state, policy, now);
  const needed = Math.max(cost, cost === 0 ? 1 : 0); // a peek asks for at least one point
  if (current.tokens >= needed) {
    const tokens = current.tokens - cost;
    return { state: { tokens, updatedAt: now }, result: { allowed: true, remaining: Math.floor(tokens), retryAfterMs: 0 } };
  }
  const missing = Math.min(needed, policy.capacity) - current.tokens;
  const retryAfterMs =
    policy.refillPerSecond > 0 ? Math.ceil((missing * 1000) / policy.refillPerSecond) : Number.MAX_SAFE_INTEGER;
  return { state: current, result: { allowed: false, remaining: Math.floor(current.tokens), retryAfterMs } };
}

/** How long an untouched bucket must be kept before it would be full again anyway (then it can be forgotten). */
export function ttlMs(state: BucketState, policy: BucketPolicy): number {
  if (policy.refillPerSecond <= 0) return 24 * 3600 * 1000;
  return Math.ceil(((policy.capacity - state.tokens) * 1000) / policy.refillPerSecond) + 1000;
}

/** Whole seconds for a `Retry-After` header (at least 1). */
export function retryAfterSeconds(ms: number): number {
  return Math.max(1, Math.ceil(ms / 1000));
}
