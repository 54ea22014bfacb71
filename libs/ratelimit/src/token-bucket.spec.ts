import { retryAfterSeconds, take, ttlMs } from './token-bucket';

const policy = { capacity: 100, refillPerSecond: 10 };

describe('token bucket', () => {
  it('starts full and takes the cost', () => {
    const { state, result } = take(undefined, 30, policy, 1_000);
    expect(result).toEqual({ allowed: true, remaining: 70, retryAfterMs: 0 });
    expect(state).toEqual({ tokens: 70, updatedAt: 1_000 });
  });

  it('refuses when fewer points are left than the cost, with the time until enough are back', () => {
    let s = take(undefined, 95, policy, 0).state; // 5 left
    const r = take(s, 20, policy, 0);
    expect(r.result.allowed).toBe(false);
    expect(r.result.remaining).toBe(5);
    expect(r.result.retryAfterMs).toBe(1_500); // 15 points at 10/s
    s = r.state;
    expect(take(s, 20, policy, 1_499).result.allowed).toBe(false);
    expect(take(s, 20, policy, 1_500).result.allowed).toBe(true);
  });

  it('refills at the rate but never above the capacity', () => {
    const s = take(undefined, 100, policy, 0).state;
    expect(take(s, 0, policy, 5_000).result.remaining).toBe(50);
    expect(take(s, 0, policy, 60_000).result.remaining).toBe(100);
  });

  it('a peek (cost 0) takes nothing and is refused only when the bucket is empty', () => {
    const s = take(undefined, 100, policy, 0).state;
    const peek = take(s, 0, policy, 0);
    expect(peek.result.allowed).toBe(false);
    expect(peek.result.retryAfterMs).toBe(100);
    expect(take(s, 0, policy, 100).result).toEqual({ allowed: true, remaining: 1, retryAfterMs: 0 });
  });

  it('a cost above the capacity never passes and waits for a full bucket at most', () => {
    const r = take(undefined, 500, policy, 0);
    expect(r.result.allowed).toBe(false);
    expect(r.result.retryAfterMs).toBe(0);
    expect(r.state.tokens).toBe(100);
  });

  it('a clock going backwards refills nothing', () => {
    const s = take(undefined, 50, policy, 10_000).state;
    expect(take(s, 0, policy, 9_000).result.remaining).toBe(50);
  });

  it('ttl and Retry-After seconds', () => {
    expect(ttlMs({ tokens: 40, updatedAt: 0 }, policy)).toBe(7_000);
    expect(retryAfterSeconds(1)).toBe(1);
    expect(retryAfterSeconds(1_001)).toBe(2);
    expect(retryAfterSeconds(0)).toBe(1);
  });
});
