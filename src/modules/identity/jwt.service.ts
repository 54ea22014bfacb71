import { randomBytes, webcrypto } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { type JWTPayload, jwtVerify, SignJWT } from 'jose';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { TtlCache } from '../../core/cache/ttl-cache';
import { IdentityRepository } from './identity.repository';

export type TokenAudience = 'storefront-hub:admin' | 'storefront-hub:customer';

/** Signs and verifies access tokens (HS256). The key is JWT_SECRET, or one made on first start and kept in the database. */
@Injectable()
export class JwtService {
  private secret?: Promise<webcrypto.CryptoKey>;
  /**
   * Tokens verified in the last minute, by audience and token: a signed token never changes, so its signature is
   * checked once, and its expiry on every use. A logged-in shopper sends the same token with every request; what
   * may end sooner (the session) is checked by the callers, not here.
   */
  private readonly verified = new TtlCache<JWTPayload>(60_000, 10_000);

  constructor(
    private readonly repo: IdentityRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * The HMAC key, imported once: given the secret's bytes, jose imports a WebCrypto key on every sign and verify,
   * which cost more than the HMAC itself (40 % of a logged-in buyer's cached product page, in a CPU profile).
   */
  private key(): Promise<webcrypto.CryptoKey> {
    this.secret ??= (async () => {
      const value = this.config.jwtSecret || (await this.repo.jwtSecret(randomBytes(48).toString('base64url')));
      const bytes = new TextEncoder().encode(value);
      return webcrypto.subtle.importKey('raw', bytes, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);
    })();
    this.secret.catch(() => (this.secret = undefined)); // a database that was away: asked again next time
    return this.secret;
  }

  async sign(audience: TokenAudience, subject: string, claims: Record<string, unknown>, ttlSeconds: number): Promise<string> {
    return new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(subject)
      .setIssuedAt()
      .setExpirationTime(`${ttlSeconds}s`)
      .setAudience(audience)
      .sign(await this.key());
  }

  /** The payload of a valid, unexpired token for this audience; null otherwise. */
  async verify(audience: TokenAudience, token: string): Promise<JWTPayload | null> {
    const cacheKey = `${audience}\n${token}`;
    const hit = this.verified.get(cacheKey);
    if (hit) return typeof hit.exp === 'number' && hit.exp * 1000 <= Date.now() ? null : hit;
    try {
      const { payload } = await jwtVerify(token, await this.key(), { algorithms: ['HS256'], audience });
      this.verified.set(cacheKey, Object.freeze(payload));
      return payload;
    } catch {
      return null;
    }
  }
}
