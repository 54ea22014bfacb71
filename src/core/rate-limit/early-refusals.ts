/**
 * Buckets known to be empty on this instance, until when. The GraphQL cost plugin records a refusal here;
 * an HTTP hook then answers 429 to the same storefront token or IP before the body is parsed, so a flood
 * costs almost nothing until its bucket has points again (Redis is not asked for these).
 */
export class EarlyRefusals {
  private readonly until = new Map<string, number>();

  block(key: string, retryAfterMs: number): void {
    this.until.set(key, Date.now() + retryAfterMs);
    if (this.until.size > 50_000) this.until.delete(this.until.keys().next().value as string);
  }

  /** Milliseconds this key is still refused for, or 0. */
  blockedFor(key: string): number {
    const t = this.until.get(key);
    if (t === undefined) return 0;
    const left = t - Date.now();
    if (left <= 0) this.until.delete(key);
    return Math.max(0, left);
  }
}

export const earlyRefusals = new EarlyRefusals();
