import { Injectable } from '@nestjs/common';

/**
 * Counts failures per key in a sliding window (in process). Used to lock out repeated login failures per
 * account and per IP address.
 */
@Injectable()
export class RateLimitService {
  private readonly hits = new Map<string, number[]>();

  private recent(key: string, windowMs: number): number[] {
    const now = Date.now();
    const list = (this.hits.get(key) ?? []).filter((t) => now - t < windowMs);
    if (list.length) this.hits.set(key, list);
    else this.hits.delete(key);
    return list;
  }

  isLimited(key: string, max: number, windowMs: number): boolean {
    return this.recent(key, windowMs).length >= max;
  }

  hit(key: string, windowMs: number): void {
    const list = this.recent(key, windowMs);
    list.push(Date.now());
    this.hits.set(key, list);
    if (this.hits.size > 100_000) this.hits.delete(this.hits.keys().next().value as string);
  }

  reset(key: string): void {
    this.hits.delete(key);
  }
}
