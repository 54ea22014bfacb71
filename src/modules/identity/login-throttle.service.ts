import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '../../../libs/errors/src';
import { retryAfterSeconds } from '../../../libs/ratelimit/src';
import type { AppConfig, RateSpec } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { type BucketPolicy, RateLimiter } from '../../core/rate-limit/rate-limiter';
import { accountKey, throttleAddress } from './throttle-keys';

/** Who is trying to log in: the account (realm and normalised e-mail, known or not) and the client address. */
export interface LoginAttempt {
  /** e.g. `['customer', brandId, audience, email]` or `['admin', email]`. */
  account: string[];
  ip: string;
}

/** A prepared attempt: its bucket keys, to report the outcome with. */
export interface ThrottledAttempt {
  pair: string;
  account: string;
  ip: string;
  known: string;
}

export const toPolicy = (r: RateSpec): BucketPolicy => ({ capacity: r.max, refillPerSecond: r.max / r.windowS });

/**
 * Login throttling for customers and admins, on the one RateLimiter (token buckets; shared through Redis).
 *
 * - per (account, IP): few failures (LOGIN_LIMIT_ACCOUNT_IP, 5 per 15 min). The point is taken *before*
 *   the password is checked, so parallel requests cannot run more guesses than that; a success clears it.
 * - per account, from every IP together: many more (LOGIN_LIMIT_ACCOUNT, 50 per 4 h), so guessing spread over
 *   many addresses stays slow. An IP that logged in to this account within LOGIN_KNOWN_IP_DAYS is exempt:
 *   strangers filling this bucket do not lock the owner out of the devices they use.
 * - per IP across accounts (LOGIN_LIMIT_IP, 100 per 15 min): password spraying from one address.
 *
 * Unknown accounts are counted exactly like known ones (no enumeration). A refused attempt checks no password
 * and answers TOO_MANY_ATTEMPTS with `extensions.retryAfter` in seconds.
 */
@Injectable()
export class LoginThrottle {
  private readonly pairPolicy: BucketPolicy;
  private readonly accountPolicy: BucketPolicy;
  private readonly ipPolicy: BucketPolicy;
  /** One point that comes back after LOGIN_KNOWN_IP_DAYS: an empty bucket means "logged in from here lately". */
  private readonly knownPolicy?: BucketPolicy;

  constructor(
    private readonly limiter: RateLimiter,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.pairPolicy = toPolicy(config.loginLimitAccountIp);
    this.accountPolicy = toPolicy(config.loginLimitAccount);
    this.ipPolicy = toPolicy(config.loginLimitIp);
    if (config.loginKnownIpDays > 0) this.knownPolicy = { capacity: 1, refillPerSecond: 1 / (config.loginKnownIpDays * 86400) };
  }

  /** Admits one attempt or throws TOO_MANY_ATTEMPTS. Report its outcome with `failed` or `succeeded`. */
  async admit(attempt: LoginAttempt): Promise<ThrottledAttempt> {
    const acct = accountKey(...attempt.account);
    const addr = throttleAddress(attempt.ip);
    const keys: ThrottledAttempt = {
      pair: `login:pair:${acct}:${addr}`,
      account: `login:acct:${acct}`,
      ip: `login:ip:${addr}`,
      known: `login:known:${acct}:${addr}`,
    };
    const [account, ip] = await Promise.all([
      this.limiter.take(keys.account, 0, this.accountPolicy),
      this.limiter.take(keys.ip, 0, this.ipPolicy),
    ]);
    let waitMs = ip.allowed ? 0 : ip.retryAfterMs;
    if (!account.allowed && !(await this.isKnown(keys))) waitMs = Math.max(waitMs, account.retryAfterMs);
    if (waitMs > 0) throw tooManyAttempts(waitMs);
    const pair = await this.limiter.take(keys.pair, 1, this.pairPolicy);
    if (!pair.allowed) throw tooManyAttempts(pair.retryAfterMs);
    return keys;
  }

  /** A wrong password (or unknown account): counts against the account and the IP (the pair paid in `admit`). */
  async failed(keys: ThrottledAttempt): Promise<void> {
    await Promise.all([this.limiter.take(keys.account, 1, this.accountPolicy), this.limiter.take(keys.ip, 1, this.ipPolicy)]);
  }

  /** The right password: clears the (account, IP) counter and remembers the IP as one the owner uses. */
  async succeeded(keys: ThrottledAttempt): Promise<void> {
    await this.limiter.reset(keys.pair);
    if (this.knownPolicy) {
      await this.limiter.reset(keys.known); // restart the period from this login
      await this.limiter.take(keys.known, 1, this.knownPolicy);
    }
  }

  /**
   * A password asked again inside a session (change password or e-mail, delete the account): a stolen session
   * must not become an unthrottled password oracle. LOGIN_LIMIT_ACCOUNT_IP failures per account (only the
   * session's holder can spend them), taken before the check; the right password clears them.
   */
  async reauthenticate(account: string[], check: () => Promise<boolean>): Promise<boolean> {
    const key = `login:reauth:${accountKey(...account)}`;
    const r = await this.limiter.take(key, 1, this.pairPolicy);
    if (!r.allowed) throw tooManyAttempts(r.retryAfterMs);
    const ok = await check();
    if (ok) await this.limiter.reset(key);
    return ok;
  }

  private async isKnown(keys: ThrottledAttempt): Promise<boolean> {
    if (!this.knownPolicy) return false;
    return !(await this.limiter.take(keys.known, 0, this.knownPolicy)).allowed;
  }
}

export function tooManyAttempts(retryAfterMs: number): DomainError {
  const retryAfter = retryAfterSeconds(retryAfterMs);
  return new DomainError('TOO_MANY_ATTEMPTS', `Too many failed attempts. Try again in ${retryAfter} s or reset your password.`, {
    extensions: { retryAfter },
  });
}
