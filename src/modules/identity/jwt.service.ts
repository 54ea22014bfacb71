import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { type JWTPayload, jwtVerify, SignJWT } from 'jose';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { IdentityRepository } from './identity.repository';

export type TokenAudience = 'storefront-hub:admin' | 'storefront-hub:customer';

/** Signs and verifies access tokens (HS256). The key is JWT_SECRET, or one made on first start and kept in the database. */
@Injectable()
export class JwtService {
  private secret?: Promise<Uint8Array>;

  constructor(
    private readonly repo: IdentityRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private key(): Promise<Uint8Array> {
    this.secret ??= (async () => {
      const value = this.config.jwtSecret || (await this.repo.jwtSecret(randomBytes(48).toString('base64url')));
      return new TextEncoder().encode(value);
    })();
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
    try {
      const { payload } = await jwtVerify(token, await this.key(), { algorithms: ['HS256'], audience });
      return payload;
    } catch {
      return null;
    }
  }
}
