import { type ApolloServerPlugin, HeaderMap } from '@apollo/server';
import { Kind } from 'graphql';
import type { ReadCache } from '../cache/read-cache.service';
import {
  CACHEABLE_FIELDS,
  type CachedAnswer,
  cachedAnswer,
  cachePartition,
  httpCacheHeaders,
  persistedQueryKey,
  responseCacheKey,
  serialised,
} from './storefront.fast-path';
import type { GqlContext } from './gql-context';

/**
 * Whole-response cache for anonymous catalog reads (the busiest traffic of a shop): the same query with the
 * same variables on the same storefront is answered from memory, skipping execution — kept from its second request
 * on (ReadCache's `'repeated'` admission: an answer asked for once, as most searches are, is not kept). Only error-free
 * answers are kept, under the read cache's generation (dropped by every catalog, price, stock or storefront
 * change, and by a token rotation). A logged-in customer's answers are kept in their partition (cachePartition: a
 * B2B buyer's company, because of agreed prices). Hits usually never reach Apollo: the fast path
 * (storefront.fast-path.ts) answers them from the stored JSON.
 */
export function responseCachePlugin(cache: ReadCache): ApolloServerPlugin<GqlContext> {
  return {
    async requestDidStart() {
      let cacheable:
        | { token: string; source: string; apq: string | null; get: boolean; operationName: string | null; variables: unknown }
        | undefined;
      return {
        async responseForOperation({ request, operation, contextValue, source }) {
          if (operation?.operation !== 'query') return null; // none: several operations and no (or an unknown) name
          const token = contextValue.header('x-storefront-token');
          if (!token || token.length > 200) return null;
          if (!operation.selectionSet.selections.every((s) => s.kind === Kind.FIELD && CACHEABLE_FIELDS.has(s.name.value)))
            return null;
          const apq = persistedQueryKey((request.extensions?.persistedQuery as { sha256Hash?: unknown } | undefined)?.sha256Hash);
          cacheable = {
            token,
            source,
            apq,
            get: request.http?.method === 'GET',
            operationName: request.operationName ?? null,
            variables: request.variables,
          };
          // A customer's partition is known only once the AccessGuard has resolved them (during execution): their
          // hits are served by the fast path; here only anonymous ones are looked up.
          if (contextValue.header('authorization')) return null;
          const hit = cache.peek<CachedAnswer>(
            responseCacheKey(token, 'anon', source, cacheable.operationName, request.variables),
          );
          return hit ? { http: { headers: new HeaderMap() }, body: { kind: 'single', singleResult: { data: hit.data } } } : null;
        },
        async willSendResponse({ response, contextValue }) {
          if (!cacheable || response.body.kind !== 'single') return;
          const { data, errors, extensions } = response.body.singleResult;
          if (errors || !data) return;
          const partition = cachePartition(Boolean(contextValue.header('authorization')), contextValue.ctx);
          const requested = (extensions?.cost as { requested?: unknown } | undefined)?.requested;
          if (partition === null || typeof requested !== 'number') return; // costed answers only (the fast path charges the same)
          const answer: CachedAnswer = cachedAnswer(data, requested);
          const { token, operationName, variables } = cacheable;
          // Stored from a request's second time on (ReadCache: most searches are never asked again).
          cache.set(responseCacheKey(token, partition, cacheable.source, operationName, variables), answer, 'repeated');
          // A persisted query is asked for by its hash alone afterwards (GET, for CDNs): the same answer under the hash.
          if (cacheable.apq)
            cache.set(responseCacheKey(token, partition, cacheable.apq, operationName, variables), answer, 'repeated');
          if (cacheable.get) {
            for (const [k, v] of Object.entries(httpCacheHeaders(partition, serialised(answer).etag)))
              response.http.headers.set(k, v);
          }
        },
      };
    },
  };
}
