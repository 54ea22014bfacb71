import { Injectable, Logger } from '@nestjs/common';
import type Redis from 'ioredis';
import { DomainError } from '../../../libs/errors/src';
import { type BucketPolicy, type BucketResult, type BucketState, retryAfterSeconds, take } from '../../../libs/ratelimit/src';
import { RedisConnections } from '../redis/redis-connections';

export type { BucketPolicy, BucketResult } from '../../../libs/ratelimit/src';

/** The token-bucket formula of libs/ratelimit in Lua, with Redis's clock so every instance agrees. */
const TAKE_SCRIPT = `
local capacity = tonumber(ARGV[1])
local rate = tonumber(ARGV[2])
local cost = tonumber(ARGV[3])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local b = redis.call('HMGET', KEYS[1], 'k', 'u')
local tokens = tonumber(b[1])
local updated = tonumber(b[2])
if tokens == nil then tokens = capacity; updated = now end
local elapsed = now - updated
if elapsed < 0 then elapsed = 0 end
tokens = math.min(capacity, tokens + elapsed * rate / 1000)
local needed = cost
if needed == 0 then needed = 1 end
if tokens >= needed then
  tokens = tokens - cost
  redis.call('HSET', KEYS[1], 'k', tostring(tokens), 'u', tostring(now))
  local ttl = 86400000
  if rate > 0 then ttl = math.ceil((capacity - tokens) * 1000 / rate) + 1000 end
  redis.call('PEXPIRE', KEYS[1], ttl)
  return {1, math.floor(tokens), 0}
end
local missing = math.min(needed, capacity) - tokens
local wait = 86400000
if rate > 0 then wait = math.ceil(missing * 1000 / rate) end
return {0, math.floor(tokens), wait}
`;

const MAX_LOCAL_BUCKETS = 200_000;

/**
 * The one rate limiter: named token buckets (libs/ratelimit), in process by default and shared by every
 * instance through Redis when REDIS_URL is set (one Lua script per take, atomic). Used for request cost
 * per storefront token and per client IP, for per-operation limits (registrations, reset e-mails) and for
 * login throttling. When Redis cannot be reached the limiter fails open to its in-process buckets (logged),
 * so an outage of the cache never takes the API down with it.
 */
@Injectable()
export class RateLimiter {
  private readonly log = new Logger('RateLimiter');
  private readonly buckets = new Map<string, BucketState>();
  private readonly redis?: Redis;
  private redisDownUntil = 0;

  constructor(redis: RedisConnections) {
    // The shared command connection fails fast (no offline queue): while Redis is down a take is refused at
    // once and answered from the in-process buckets below, never queued.
    this.redis = redis.commands;
    this.redis?.defineCommand('hubTakeTokens', { numberOfKeys: 1, lua: TAKE_SCRIPT });
  }

  /** Takes `cost` points from the bucket `key` (0: only look whether it is empty). */
  async take(key: string, cost: number, policy: BucketPolicy): Promise<BucketResult> {
    if (this.redis && Date.now() >= this.redisDownUntil) {
      try {
        const cmd = (this.redis as unknown as Record<string, (...a: unknown[]) => Promise<[number, number, number]>>)
          .hubTakeTokens;
        const [allowed, remaining, wait] = await cmd.call(
          this.redis,
          `hub:rl:${key}`,
          policy.capacity,
          policy.refillPerSecond,
          cost,
        );
        return { allowed: allowed === 1, remaining, retryAfterMs: wait };
      } catch (e) {
        this.redisDownUntil = Date.now() + 5_000;
        this.log.warn(`Redis unavailable for rate limits, using in-process buckets for 5 s: ${(e as Error).message}`);
      }
    }
    return this.takeLocal(key, cost, policy);
  }

  /** Takes the points or throws RATE_LIMITED with `retryAfter` (seconds) and the bucket's state. */
  async enforce(key: string, cost: number, policy: BucketPolicy, what: string): Promise<BucketResult> {
    const result = await this.take(key, cost, policy);
    if (!result.allowed) throw rateLimited(what, result.retryAfterMs);
    return result;
  }

  /** Forgets a bucket (e.g. a login counter after success). */
  async reset(key: string): Promise<void> {
    this.buckets.delete(key);
    if (this.redis && Date.now() >= this.redisDownUntil) await this.redis.del(`hub:rl:${key}`).catch(() => undefined);
  }

  private takeLocal(key: string, cost: number, policy: BucketPolicy): BucketResult {
    const now = Date.now();
    const { state, result } = take(this.buckets.get(key), cost, policy, now);
    this.buckets.delete(key); // re-insert: Map order is then least recently used first
    this.buckets.set(key, state);
    if (this.buckets.size > MAX_LOCAL_BUCKETS) this.evict();
    return result;
  }

  /** Forgets the least recently used buckets (a forgotten bucket is full, which errs towards allowing). */
  private evict(): void {
    for (const k of this.buckets.keys()) {
      if (this.buckets.size <= MAX_LOCAL_BUCKETS * 0.9) break;
      this.buckets.delete(k);
    }
  }
}

export function rateLimited(what: string, retryAfterMs: number): DomainError {
  const retryAfter = retryAfterSeconds(retryAfterMs);
  return new DomainError('RATE_LIMITED', `Too many requests (${what}); retry in ${retryAfter} s.`, {
    extensions: { retryAfter },
  });
}
