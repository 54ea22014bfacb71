import { type CanActivate, type ExecutionContext, Inject, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import type { GqlContext } from '../graphql/gql-context';
import { RateLimiter } from './rate-limiter';

/**
 * Operations limited by count on top of the request cost: `registration` (new accounts) and `email`
 * (anything that makes the platform send an e-mail: password reset, e-mail change, invitations). Each has
 * an hourly budget per client IP and per storefront.
 */
export type OperationLimitName = 'registration' | 'email';

const OPERATION_LIMIT_KEY = 'hub:operation-limit';

/** Declares the operation's count limit (enforced by OperationLimitGuard after the access rule). */
export const OperationLimit = (name: OperationLimitName) => SetMetadata(OPERATION_LIMIT_KEY, name);

const WHAT: Record<OperationLimitName, string> = { registration: 'registrations', email: 'e-mails requested' };

const HOUR = 3600;

@Injectable()
export class OperationLimitGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly limiter: RateLimiter,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType<string>() !== 'graphql' || !this.config.limits.rateLimits) return true;
    const name = this.reflector.get<OperationLimitName | undefined>(OPERATION_LIMIT_KEY, context.getHandler());
    if (!name) return true;
    const gql = GqlExecutionContext.create(context).getContext<GqlContext>();
    const perHour = this.config.limits.operations[name];
    const storefrontId = gql.ctx?.storefront?.id ?? 'none';
    for (const [key, n] of [
      [`op:${name}:ip:${gql.ip}`, perHour.perIp],
      [`op:${name}:sf:${storefrontId}`, perHour.perStorefront],
    ] as const) {
      await this.limiter.enforce(
        key,
        1,
        { capacity: n, refillPerSecond: n / HOUR },
        `${WHAT[name]} from ${key.includes(':ip:') ? 'this address' : 'this storefront'}`,
      );
    }
    return true;
  }
}
