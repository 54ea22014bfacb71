import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import Redis from 'ioredis';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';

/**
 * Counts failures per key in a window, to lock out repeated login failures per account and per IP
 * address. In process by default; with REDIS_URL the counts are shared by every instance (a fixed window
 * per key: INCR + PEXPIRE), so more instances do not mean more attempts.
 */
@Injectable()
export class RateLimitService implements OnModuleDestroy {
  private readonly hits = new Map<string, number[]>();
  private readonly redis?: Redis;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    if (config.redisUrl) this.redis = new Redis(config.redisUrl, { maxRetriesPerRequest: 2, enableOfflineQueue: true });
  }

  async onModuleDestroy(): Promise<void> {
    await this.redis?.quit();
  }

  private recent(key: string, windowMs: number): number[] {
    const now = Date.now();
    const list = (this.hits.get(key) ?? []).filter((t) => now - t < windowMs);
    if (list.length) this.hits.set(key, list);
    else this.hits.delete(key);
    return list;
  }

  async isLimited(key: string, max: number, windowMs: number): Promise<boolean> {
    if (this.redis) return Number((await this.redis.get(`hub:rl:${key}`)) ?? 0) >= max;
    return this.recent(key, windowMs).length >= max;
  }

  async hit(key: string, windowMs: number): Promise<void> {
    if (this.redis) {
      const k = `hub:rl:${key}`;
      const n = await this.redis.incr(k);
      if (n === 1) await this.redis.pexpire(k, windowMs);
      return;
    }
    const list = this.recent(key, windowMs);
    list.push(Date.now());
    this.hits.set(key, list);
    if (this.hits.size > 100_000) this.hits.delete(this.hits.keys().next().value as string);
  }

  async reset(key: string): Promise<void> {
    if (this.redis) await this.redis.del(`hub:rl:${key}`);
    else this.hits.delete(key);
  }
}
