import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { RedisConnections } from '../redis/redis-connections';
import { SecondRequestAdmission } from '../../../libs/cache/src';

const CHANNEL = 'hub:read-cache:bump';
const MAX_ENTRIES = 20_000;

/**
 * How a key is admitted to the cache: `'always'` on its first load, or `'repeated'` only from its second request on.
 */
export type Admission = 'always' | 'repeated';

/**
 * A read-through cache for what storefronts read most (product pages, variants with prices and
 * availability). Every committed change of catalog, prices, publications, storefront settings or stock
 * bumps the generation, which is part of every key: nothing stale is served on the instance that made
 * the change, and with REDIS_URL the bump reaches every instance. Entries live READ_CACHE_TTL_MS: the bound of
 * staleness on another instance that did not hear of a change (default 1 s without Redis, 60 s with it).
 * Concurrent misses of one key share one load.
 *
 * Answers to queries whose keys are open-ended (a page of a search, its facets, a whole response) are stored only from
 * their key's second request on (`'repeated'`, SecondRequestAdmission): a search with words nobody typed before is
 * never asked again, and storing it cost more than it saved (docs/PERFORMANCE.md). Keys of things — a product, its
 * variants, a storefront's categories — are stored at once (`'always'`).
 */
@Injectable()
export class ReadCache implements OnModuleInit {
  private readonly log = new Logger('ReadCache');
  private readonly entries = new Map<string, { value: Promise<unknown>; sync?: unknown; expires: number }>();
  private generation = 0;
  private readonly instanceId = Math.random().toString(36).slice(2);
  /** Keys asked for before (hashes only; not cleared by a bump: it is about traffic, not data). */
  private readonly seen = new SecondRequestAdmission(MAX_ENTRIES);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly redis: RedisConnections,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.redis.subscribe(CHANNEL, (from) => {
      if (from !== this.instanceId) this.bumpLocal();
    });
  }

  get<T>(key: string, load: () => Promise<T>, admission: Admission = 'always'): Promise<T> {
    const k = `${this.generation}|${key}`;
    const now = Date.now();
    const hit = this.entries.get(k);
    if (hit && hit.expires > now) return hit.value as Promise<T>;
    if (hit) this.entries.delete(k); // re-inserted below: insertion order stays expiry order (evict)
    if (admission === 'repeated' && !this.seen.admit(key)) return load(); // a first request: answered, not stored
    const value = load();
    this.entries.set(k, { value, expires: now + this.config.readCacheTtlMs });
    value.catch(() => this.entries.delete(k)); // never cache a failure
    if (this.entries.size > MAX_ENTRIES) this.evict();
    return value;
  }

  /**
   * Many keys at once (e.g. the variants of each product on a page): hits come from the cache, and the misses are
   * loaded together by one `load` of their positions in `keys` (answering their values in that order); each loaded
   * value is kept under its own key, so the next page that shares some products loads only the others. Concurrent
   * misses of a key share one load, as with `get`.
   */
  getMany<T>(keys: readonly string[], load: (missing: number[]) => Promise<T[]>): Promise<T[]> {
    const generation = this.generation;
    const now = Date.now();
    const out: Promise<T>[] = new Array<Promise<T>>(keys.length);
    const missing: number[] = [];
    keys.forEach((key, i) => {
      const hit = this.entries.get(`${generation}|${key}`);
      if (hit && hit.expires > now) out[i] = hit.value as Promise<T>;
      else missing.push(i);
    });
    if (missing.length) {
      const batch = load(missing);
      missing.forEach((i, j) => {
        const k = `${generation}|${keys[i]}`;
        const value = batch.then((values) => values[j]);
        this.entries.delete(k); // insertion order stays expiry order (evict)
        this.entries.set(k, { value, expires: now + this.config.readCacheTtlMs });
        value.catch(() => this.entries.delete(k)); // never cache a failure
        out[i] = value;
      });
      if (this.entries.size > MAX_ENTRIES) this.evict();
    }
    return Promise.all(out);
  }

  /** A value stored with `set` under the current generation, if still fresh. */
  peek<T>(key: string): T | undefined {
    const hit = this.entries.get(`${this.generation}|${key}`);
    return hit && hit.expires > Date.now() ? (hit.sync as T) : undefined;
  }

  set(key: string, value: unknown, admission: Admission = 'always'): void {
    if (admission === 'repeated' && !this.seen.admit(key)) return;
    const now = Date.now();
    const k = `${this.generation}|${key}`;
    this.entries.delete(k); // insertion order stays expiry order (evict)
    this.entries.set(k, {
      value: Promise.resolve(value),
      sync: value,
      expires: now + this.config.readCacheTtlMs,
    });
    if (this.entries.size > MAX_ENTRIES) this.evict();
  }

  /** After a committed change: drop everything here and tell the other instances. */
  bump(): void {
    this.bumpLocal();
    this.redis.commands
      ?.publish(CHANNEL, this.instanceId)
      .catch((e: Error) => this.log.warn(`cache bump not published: ${e.message}`));
  }

  private bumpLocal(): void {
    this.generation++;
    this.entries.clear();
  }

  /**
   * Over the bound: drop the oldest entries (a Map iterates in insertion order; every entry lives the same TTL, so
   * the oldest expire first), a tenth of the bound at a time — O(1) per insert on average instead of a scan of
   * every entry on each insert into a full cache.
   */
  private evict(): void {
    const target = MAX_ENTRIES - Math.ceil(MAX_ENTRIES / 10);
    for (const k of this.entries.keys()) {
      if (this.entries.size <= target) break;
      this.entries.delete(k);
    }
  }
}
