import { Injectable } from '@nestjs/common';
import { hashSecret } from '../../../libs/secrets/src';
import type { StorefrontInfo } from '../../core/context/request-context';
import { StorefrontRepository } from './storefronts.repository';
import { TtlCache } from '../../core/cache/ttl-cache';

/** How long a resolved token may be served from memory: a rotation takes effect within this on every instance. */
const CACHE_MS = 1000;

/** Resolves `x-storefront-token` to its storefront (hash lookup, cached for at most a second). */
@Injectable()
export class StorefrontTokenService {
  private readonly cache = new TtlCache<StorefrontInfo | null>(CACHE_MS, 10_000);
  private readonly invalidated: Array<() => void> = [];

  constructor(private readonly repo: StorefrontRepository) {}

  async resolve(token: string): Promise<StorefrontInfo | null> {
    if (token.length > 200) return null;
    // Cached by the token as sent (it is in every request anyway): hashing it on every request cost more than the
    // lookup. The database holds only its hash.
    const hit = this.cache.get(token);
    if (hit !== undefined) return hit;
    const row = await this.repo.infoByTokenHash(hashSecret(token));
    const info = row ? Object.freeze({ ...row, currency: row.currency.trim(), country: row.country.trim() }) : null;
    this.cache.set(token, info);
    return info;
  }

  /** Local invalidation after a rotation or an update (other instances expire within CACHE_MS). */
  invalidate(): void {
    this.cache.clear();
    for (const listener of this.invalidated) listener();
  }

  /** Called after every local invalidation (e.g. to close the WebSockets of a rotated token at once). */
  onInvalidate(listener: () => void): void {
    this.invalidated.push(listener);
  }
}
