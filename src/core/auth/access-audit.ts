/** Nest's metadata key for the kind of a resolver method (Query, Mutation, Subscription, Field). */
const RESOLVER_TYPE_METADATA = 'graphql:resolver_type';
import { ACCESS_KEY } from './access-key';
const OPERATION_KINDS = new Set(['Query', 'Mutation', 'Subscription']);

/**
 * Deny by default, checked at boot: every Query, Mutation and Subscription of the given resolver classes
 * must declare exactly one access rule (@Public, @StorefrontAccess, @CustomerOnly, @AdminPermission).
 * Returns the offenders as `Class.method`.
 */
export function unguardedOperations(resolverClasses: readonly Function[]): string[] {
  const missing: string[] = [];
  for (const cls of resolverClasses) {
    const proto = cls.prototype as Record<string, unknown>;
    for (const name of Object.getOwnPropertyNames(proto)) {
      const method = proto[name];
      if (name === 'constructor' || typeof method !== 'function') continue;
      const kind = Reflect.getMetadata(RESOLVER_TYPE_METADATA, method) as string | undefined;
      if (kind && OPERATION_KINDS.has(kind) && Reflect.getMetadata(ACCESS_KEY, method) === undefined) {
        missing.push(`${cls.name}.${name}`);
      }
    }
  }
  return missing;
}
