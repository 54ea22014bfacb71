import { type ApolloServerPlugin, HeaderMap } from '@apollo/server';
import { Kind } from 'graphql';
import type { ReadCache } from '../cache/read-cache.service';
import { type CachedAnswer, responseCacheKey } from './cached-read.fast-path';
import type { GqlContext } from './gql-context';

/** Storefront queries whose answer depends only on the storefront (never on who asks). */
const CACHEABLE_FIELDS = new Set(['storefront', 'products', 'product', 'variants', '__typename']);

/**
 * Whole-response cache for anonymous catalog reads (the busiest traffic of a shop): the same query with the
 * same variables on the same storefront is answered from memory, skipping execution. Only error-free
 * answers are kept, under the read cache's generation (dropped by every catalog, price, stock or storefront
 * change, and by a token rotation). Requests with a customer token always execute. Hits usually never reach
 * Apollo: the fast path (cached-read.fast-path.ts) answers them from the stored JSON.
 */
export function responseCachePlugin(cache: ReadCache): ApolloServerPlugin<GqlContext> {
  return {
    async requestDidStart() {
      let key: string | undefined;
      return {
        async responseForOperation({ request, operation, contextValue, source }) {
          if (operation.operation !== 'query' || contextValue.header('authorization')) return null;
          const token = contextValue.header('x-storefront-token');
          if (!token || token.length > 200) return null;
          if (!operation.selectionSet.selections.every((s) => s.kind === Kind.FIELD && CACHEABLE_FIELDS.has(s.name.value)))
            return null;
          key = responseCacheKey(token, source, request.operationName ?? null, request.variables);
          const hit = cache.peek<CachedAnswer>(key);
          return hit ? { http: { headers: new HeaderMap() }, body: { kind: 'single', singleResult: { data: hit.data } } } : null;
        },
        async willSendResponse({ response }) {
          if (key && response.body.kind === 'single' && !response.body.singleResult.errors && response.body.singleResult.data) {
            const { data, extensions } = response.body.singleResult;
            const requested = (extensions?.cost as { requested?: unknown } | undefined)?.requested;
            if (typeof requested !== 'number') return; // costed answers only (the fast path charges the same)
            cache.set(key, { data, json: JSON.stringify(data), requested } satisfies CachedAnswer);
          }
        },
      };
    },
  };
}
