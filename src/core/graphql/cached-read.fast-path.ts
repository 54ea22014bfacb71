import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { AppConfig } from '../../config/app-config';
import type { RequestContext } from '../context/request-context';
import type { ReadCache } from '../cache/read-cache.service';
import { clientIp } from '../http/client-ip';
import type { RateLimiter } from '../rate-limit/rate-limiter';
import { bucketKeys, chargeCost, type RequestCostOptions } from './request-cost.plugin';

/** A whole anonymous catalog answer as the response cache keeps it: the data, its JSON, and what it cost. */
export interface CachedAnswer {
  data: Record<string, unknown>;
  requested: number;
  /** The data's JSON and a strong validator of it (GET answers carry it): computed at the first use, not on a miss. */
  serialised?: { json: string; etag: string };
}

/** The cached answer of `data` (what the response cache plugin stores). */
export function cachedAnswer(data: Record<string, unknown>, requested: number): CachedAnswer {
  return { data, requested };
}

/** The JSON and ETag of a cached answer, computed once (most answers of random searches are never asked again). */
export function serialised(answer: CachedAnswer): { json: string; etag: string } {
  if (!answer.serialised) {
    const json = JSON.stringify(answer.data);
    answer.serialised = { json, etag: `"${createHash('sha1').update(json).digest('base64url')}"` };
  }
  return answer.serialised;
}

/** The query text a GET names: its `query`, or for an automatic persisted query only the hash, as `apq:<hash>`. */
export function persistedQueryKey(hash: unknown): string | null {
  return typeof hash === 'string' && /^[0-9a-f]{64}$/.test(hash) ? `apq:${hash}` : null;
}

/**
 * HTTP caching of a GET answer (automatic persisted queries over GET, for CDNs and browsers): always revalidate
 * (`max-age=0, must-revalidate`) against the ETag, so what a cache holds is checked against the read cache on
 * every use and a change is seen at once; shared caches may keep anonymous answers only (`public` vs `private`).
 */
export function httpCacheHeaders(partition: string, etag: string): Record<string, string> {
  return {
    'cache-control': `${partition === 'anon' ? 'public' : 'private'}, max-age=0, must-revalidate`,
    etag,
    vary: 'x-storefront-token, authorization',
  };
}

/** The GraphQL request of a POST body or of a GET's query string (variables and extensions as JSON text). */
function graphqlRequestOf(request: {
  method: string;
  body?: unknown;
  query?: unknown;
}): { query: string; operationName: string | null; variables: unknown } | null {
  if (request.method === 'POST') {
    const body = request.body as { query?: unknown; operationName?: unknown; variables?: unknown } | undefined;
    if (!body || typeof body !== 'object' || typeof body.query !== 'string') return null;
    return {
      query: body.query,
      operationName: typeof body.operationName === 'string' ? body.operationName : null,
      variables: body.variables,
    };
  }
  const q = (request.query ?? {}) as Record<string, unknown>;
  const parse = (v: unknown) => (typeof v === 'string' && v.length <= 20_000 ? (JSON.parse(v) as unknown) : undefined);
  const extensions = parse(q.extensions) as { persistedQuery?: { sha256Hash?: unknown } } | undefined;
  const query = typeof q.query === 'string' ? q.query : persistedQueryKey(extensions?.persistedQuery?.sha256Hash);
  if (!query) return null;
  return { query, operationName: typeof q.operationName === 'string' ? q.operationName : null, variables: parse(q.variables) };
}

/**
 * The response cache's key: the storefront token, the caller's partition (cachePartition), the query text, the
 * operation name and the variables.
 */
export function responseCacheKey(
  token: string,
  partition: string,
  query: string,
  operationName: string | null,
  variables: unknown,
): string {
  return JSON.stringify(['response', token, partition, query, operationName, variables ?? {}]);
}

/**
 * Whose catalog answer a request may share. A catalog answer depends on the storefront and, for a B2B buyer, on
 * their company (agreed prices) — nothing else of the customer. So: anonymous callers and customers without a
 * company share `anon`; a buyer shares with the buyers of the same company only (`company:<id>`, from the verified
 * session, never from the request). A rejected or unresolved customer token: `null`, never cached.
 */
export function cachePartition(hasAuthorization: boolean, ctx: RequestContext | undefined): string | null {
  if (!hasAuthorization) return 'anon';
  if (!ctx?.customer || ctx.customerTokenRejected) return null;
  return ctx.customer.companyId ? `company:${ctx.customer.companyId}` : 'anon';
}

/**
 * The fast path for cached catalog reads (anonymous, or a logged-in customer's within their partition — see
 * cachePartition): a Fastify hook after the body is parsed looks the request up
 * in the response cache (responseCachePlugin fills it, only with error-free answers of catalog queries) and, on a
 * hit, charges the same cost to the same buckets and answers with the stored JSON — skipping Apollo's request
 * pipeline and the re-serialisation of the data. A miss, a refusal or anything unusual goes on to Apollo, which
 * answers exactly as before.
 */
export function registerCachedReadFastPath(
  fastify: FastifyInstance,
  deps: {
    cache: ReadCache;
    limiter: RateLimiter;
    config: AppConfig;
    /** The storefront caller of a request with a customer token (the AccessGuard's resolution), or undefined. */
    resolveCustomer: (header: (name: string) => string | undefined) => Promise<RequestContext | undefined>;
  },
): void {
  const { limits } = deps.config;
  const opts: RequestCostOptions = {
    maxCost: limits.maxCost.storefront,
    rateLimits: limits.rateLimits,
    perIp: limits.perIp,
    perCredential: limits.perStorefront,
  };
  fastify.addHook('preHandler', async (request, reply) => {
    if (request.method !== 'POST' && request.method !== 'GET') return;
    if (request.url !== '/graphql' && !request.url.startsWith('/graphql?')) return;
    const token = request.headers['x-storefront-token'];
    if (typeof token !== 'string' || !token || token.length > 200) return;
    let key: string;
    let partition: string | null;
    try {
      const gql = graphqlRequestOf(request);
      if (!gql) return;
      const authorized = request.headers.authorization !== undefined;
      const header = (name: string) => {
        const v = request.headers[name];
        return Array.isArray(v) ? v[0] : v;
      };
      partition = cachePartition(authorized, authorized ? await deps.resolveCustomer(header) : undefined);
      if (partition === null) return;
      key = responseCacheKey(token, partition, gql.query, gql.operationName, gql.variables);
    } catch {
      return; // an unknown token, variables nested too deep to serialise…: Apollo answers those
    }
    const hit = deps.cache.peek<CachedAnswer>(key);
    if (!hit) return;
    const keys = bucketKeys('storefront', clientIp(request, deps.config.trustedClientIpSecret), token.slice(0, 500));
    let cost;
    try {
      cost = await chargeCost(deps.limiter, opts, keys, hit.requested);
    } catch {
      return; // refused: Apollo answers the refusal in the usual shape (the buckets stay as they are)
    }
    const { json, etag } = serialised(hit);
    if (request.method === 'GET') {
      void reply.headers(httpCacheHeaders(partition, etag));
      if (request.headers['if-none-match'] === etag) return reply.code(304).send();
    } else {
      void reply.header('cache-control', 'no-store'); // as Apollo answers a POST
    }
    return reply
      .code(200)
      .header('content-type', 'application/json; charset=utf-8')
      .send(`{"data":${json},"extensions":{"cost":${JSON.stringify(cost)}}}`);
  });
}
