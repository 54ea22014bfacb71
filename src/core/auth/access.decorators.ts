import { SetMetadata } from '@nestjs/common';
import type { ApiScope } from '../../../libs/domain/src';
import { ACCESS_KEY } from './access-key';

export { ACCESS_KEY };

/**
 * How an operation may be called. Every Query, Mutation and Subscription declares exactly one; the app
 * refuses to boot otherwise (deny by default).
 */
export type AccessRule =
  | { kind: 'public' }
  | { kind: 'storefront' }
  | { kind: 'customer' }
  | { kind: 'admin'; superadminOnly: boolean; apiKeyScope?: ApiScope; adminAllowed: boolean };

/** Anyone (Admin API: only `adminLogin`). */
export const Public = () => SetMetadata(ACCESS_KEY, { kind: 'public' } satisfies AccessRule);

/** Any caller with a valid storefront token (anonymous visitor or logged-in customer). */
export const StorefrontAccess = () => SetMetadata(ACCESS_KEY, { kind: 'storefront' } satisfies AccessRule);

/** A logged-in customer of this storefront's realm. */
export const CustomerOnly = () => SetMetadata(ACCESS_KEY, { kind: 'customer' } satisfies AccessRule);

/**
 * Admin API. `superadminOnly`: brand admins get FORBIDDEN. `apiKeyScope`: API keys with that scope may call
 * it too (keys never may otherwise). `keyOnly` is not a thing: admins can do what keys can.
 */
export const AdminPermission = (opts: { superadminOnly?: boolean; apiKeyScope?: ApiScope; adminAllowed?: boolean } = {}) =>
  SetMetadata(ACCESS_KEY, {
    kind: 'admin',
    superadminOnly: opts.superadminOnly ?? false,
    apiKeyScope: opts.apiKeyScope,
    adminAllowed: opts.adminAllowed ?? true,
  } satisfies AccessRule);
