import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext } from '@nestjs/graphql';
import { DomainError } from '../../../libs/errors/src';
import { CustomerAuthService } from '../../modules/customers/customer-auth.service';
import { AdminAuthService } from '../../modules/identity/admin-auth.service';
import { StorefrontTokenService } from '../../modules/tenants/storefront-token.service';
import { RequestContext } from '../../core/context/request-context';
import type { GqlContext } from '../../core/graphql/gql-context';
import { ACCESS_KEY, type AccessRule } from '../../core/auth/access.decorators';

/**
 * The one guard of both GraphQL APIs. It reads the operation's access rule (deny by default), resolves
 * the caller (storefront token, customer session, admin token or API key) and puts the frozen
 * RequestContext into the GraphQL context for `@Ctx()`.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly storefronts: StorefrontTokenService,
    private readonly adminAuth: AdminAuthService,
    private readonly customerAuth: CustomerAuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType<string>() !== 'graphql') return true; // health and other HTTP routes
    const rule = this.reflector.get<AccessRule | undefined>(ACCESS_KEY, context.getHandler());
    if (!rule) throw new DomainError('FORBIDDEN', 'This operation declares no access rule.');
    const gql = GqlExecutionContext.create(context).getContext<GqlContext>();
    if (gql.surface === 'storefront') {
      if (rule.kind !== 'storefront' && rule.kind !== 'customer')
        throw new DomainError('FORBIDDEN', 'Not a storefront operation.');
      // The caller is resolved once per operation; the rule is checked for every field.
      gql.ctx ??= await resolveStorefrontCaller(this.storefronts, this.customerAuth, gql.header, gql.requestId);
      if (rule.kind === 'customer' && !gql.ctx.customer) throw new DomainError('UNAUTHENTICATED', 'Log in to do this.');
      return true;
    }
    if (rule.kind === 'public') {
      gql.ctx ??= RequestContext.forAdmin(gql.requestId, undefined);
      return true;
    }
    if (rule.kind !== 'admin') throw new DomainError('FORBIDDEN', 'Not an admin operation.');
    const actor = gql.ctx?.actor ?? (await this.adminAuth.resolveBearer(gql.header('authorization')));
    if (actor.kind === 'apiKey') {
      if (!rule.apiKeyScope || !actor.scopes.includes(rule.apiKeyScope)) {
        throw new DomainError(
          'FORBIDDEN',
          `This API key lacks the scope for this operation${rule.apiKeyScope ? ` (${rule.apiKeyScope})` : ''}.`,
        );
      }
    } else if (!rule.adminAllowed || (rule.superadminOnly && actor.role !== 'SUPERADMIN')) {
      throw new DomainError('FORBIDDEN', 'Your admin role does not allow this.');
    }
    if (gql.ctx?.actor !== actor) gql.ctx = RequestContext.forAdmin(gql.requestId, actor);
    return true;
  }
}

/**
 * The storefront caller of an HTTP request or a graphql-ws connection: the storefront of `x-storefront-token`
 * (STOREFRONT_TOKEN_REQUIRED / UNKNOWN_STOREFRONT otherwise) and the customer of `authorization: Bearer …`
 * when that token is valid for the storefront's realm and its session is alive.
 */
export async function resolveStorefrontCaller(
  storefronts: StorefrontTokenService,
  customerAuth: CustomerAuthService,
  header: (name: string) => string | undefined,
  requestId: string,
): Promise<RequestContext> {
  const token = header('x-storefront-token');
  if (!token) throw new DomainError('STOREFRONT_TOKEN_REQUIRED', 'The x-storefront-token header is required.');
  const storefront = await storefronts.resolve(token);
  if (!storefront) throw new DomainError('UNKNOWN_STOREFRONT', 'The storefront token is unknown or was rotated.');
  const authorization = header('authorization')?.trim();
  const bearer = /^Bearer\s+(\S{1,4000})$/i.exec(authorization ?? '')?.[1];
  // The customer's session is looked up in the storefront's realm: the caller before its customer is known.
  const customer = bearer
    ? await customerAuth.resolveAccessToken(RequestContext.forStorefront(requestId, storefront), bearer)
    : null;
  // An authorization header that names no customer (malformed, over-long, invalid, expired) is refused, never
  // taken as an anonymous visit.
  return RequestContext.forStorefront(requestId, storefront, customer ?? undefined, Boolean(authorization) && !customer);
}
