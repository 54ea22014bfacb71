import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { type ExecutionResult, Kind } from 'graphql';
import { type CompiledQuery, compileQuery, isCompiledQuery } from 'graphql-jit';
import type { AppConfig } from '../../config/app-config';
import type { RequestContext } from '../context/request-context';
import type { ReadCache } from '../cache/read-cache.service';
import { clientIp } from '../http/client-ip';
import type { RateLimiter } from '../rate-limit/rate-limiter';
import { sqlCounter } from '../database/sql-counter';
import { singleResultContentType } from './content-negotiation';
import { buildGqlContext } from './gql-context';
import { inputProblem } from './input-sanity.plugin';
import { type KnownDocument, KnownDocuments, operationOf } from './known-documents';
import { PRECHARGED } from './precharged';
import { operationCost } from './query-cost';
import { bucketKeys, chargeCost, type CostExtension, type RequestCostOptions } from './request-cost.plugin';

/** Storefront queries whose answer depends only on the storefront and the caller's partition (never on who asks). */
export const CACHEABLE_FIELDS = new Set(['storefront', 'products', 'product', 'variants', '__typename']);

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

interface GraphqlRequest {
  query: string;
  operationName: string | null;
  variables: unknown;
  /** A POST body's `extensions` (null and absent are undefined); a GET's are only read for an APQ hash. */
  extensions?: unknown;
}

/**
 * The GraphQL request of a POST body or of a GET's query string (variables and extensions as JSON text), or null
 * for what Apollo refuses or must look at itself (e.g. an `operationName` that is not a string).
 */
function graphqlRequestOf(request: { method: string; body?: unknown; query?: unknown }): GraphqlRequest | null {
  if (request.method === 'POST') {
    const body = request.body as
      { query?: unknown; operationName?: unknown; variables?: unknown; extensions?: unknown } | undefined;
    if (!body || typeof body !== 'object' || typeof body.query !== 'string') return null;
    if (body.operationName != null && typeof body.operationName !== 'string') return null;
    return {
      query: body.query,
      operationName: body.operationName ?? null,
      variables: body.variables,
      extensions: body.extensions ?? undefined,
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
 * Root fields of the storefront's catalog reads: they only read (so a request that fails on the fast path can be
 * handed to Apollo, which runs it again and answers the errors in its shape) and they are most of the traffic.
 */
const FAST_FIELDS = new Set([...CACHEABLE_FIELDS, 'categories', 'category', 'shippingMethods']);

/**
 * The fast path of storefront reads, a Fastify hook after the body is parsed that answers before Apollo's request
 * pipeline (its plugin hooks, content negotiation and HTTP layer cost about as much Node time per request as
 * executing a search; docs/PERFORMANCE.md):
 *
 * - a **cached answer** (anonymous, or a logged-in customer's within their partition, see cachePartition; the
 *   response cache plugin fills it with error-free catalog answers): the same cost is charged to the same buckets
 *   and the stored JSON is sent;
 * - otherwise a **POST of a catalog read whose query text Apollo has validated before** (KnownDocuments) is run
 *   here, compiled by graphql-jit against Apollo's schema, with the checks Apollo's plugins make, from the same
 *   functions: the variables' sanity (inputSanityPlugin), the cost limit and the rate-limit charge
 *   (requestCostPlugin), the context (buildGqlContext), the response cache's store, the SQL count of DEBUG_SQL_COUNT.
 *   An error-free answer is sent as Apollo would send it. An answer with errors is not sent: the request goes on
 *   to Apollo, which runs it again and answers the errors in its shape; its cost is not charged twice (PRECHARGED).
 *
 * Anything else — a first query text, a mutation, variables of the wrong type, APQ, GET misses, an `accept` no
 * single JSON answer fits, a refusal — goes on to Apollo, which answers exactly as before.
 */
export function registerStorefrontFastPath(
  fastify: FastifyInstance,
  deps: {
    cache: ReadCache;
    limiter: RateLimiter;
    config: AppConfig;
    known: KnownDocuments;
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
  const context = buildGqlContext('storefront', deps.config.trustedClientIpSecret);
  fastify.addHook('preHandler', async (request, reply) => {
    if (request.method !== 'POST' && request.method !== 'GET') return;
    if (request.url !== '/graphql' && !request.url.startsWith('/graphql?')) return;
    const token = request.headers['x-storefront-token'];
    if (typeof token !== 'string' || !token || token.length > 200) return;
    const contentType = singleResultContentType(request.headers.accept);
    if (!contentType) return;
    let gql: GraphqlRequest | null;
    let key: string;
    let partition: string | null;
    try {
      gql = graphqlRequestOf(request);
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
    const keys = bucketKeys('storefront', clientIp(request, deps.config.trustedClientIpSecret), token.slice(0, 500));
    const hit = deps.cache.peek<CachedAnswer>(key);
    if (hit) {
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
        void reply.header('cache-control', 'no-store'); // a POST's answer is never reused by HTTP caches
      }
      return reply
        .code(200)
        .header('content-type', contentType)
        .send(`{"data":${json},"extensions":{"cost":${JSON.stringify(cost)}}}`);
    }
    if (request.method !== 'POST' || gql.extensions !== undefined) return;
    const known = deps.known.get(gql.query);
    const variables = gql.variables ?? undefined;
    if (!known || (variables !== undefined && !isPlainObject(variables))) return;
    const operation = operationOf(known.document, gql.operationName);
    if (!operation || operation.operation !== 'query') return;
    const roots = operation.selectionSet.selections;
    if (!roots.every((s) => s.kind === Kind.FIELD && FAST_FIELDS.has(s.name.value))) return;
    if (inputProblem(variables, known.document)) return;
    let requested: number;
    try {
      requested = operationCost(known.schema, known.document, variables, gql.operationName ?? undefined);
    } catch {
      return; // e.g. variables of the wrong type (costing coerces them): Apollo answers BAD_USER_INPUT
    }
    if (!(requested <= opts.maxCost)) return;
    const run = compiled(known, gql.operationName);
    if (!run) return;
    let cost: CostExtension;
    try {
      cost = await chargeCost(deps.limiter, opts, keys, requested);
    } catch {
      return;
    }
    let result: ExecutionResult | undefined;
    try {
      result = await run(undefined, context(request), variables);
    } catch {
      result = undefined;
    }
    if (!result?.data || result.errors) {
      (request.raw as unknown as Record<symbol, unknown>)[PRECHARGED] = cost;
      return;
    }
    const data = result.data as Record<string, unknown>;
    if (roots.every((s) => s.kind === Kind.FIELD && CACHEABLE_FIELDS.has(s.name.value))) {
      deps.cache.set(key, cachedAnswer(data, requested), 'repeated');
    }
    const counter = sqlCounter.getStore();
    // DEBUG_SQL_COUNT (tests): the statement count, as the diagnostics plugin reports it, and which path answered.
    const extensions = counter ? { cost, sqlStatements: counter.count, fastPath: true } : { cost };
    return reply
      .code(200)
      .header('content-type', contentType)
      .send(`${JSON.stringify({ data, extensions })}\n`);
  });
}

/** Each known document's operations compiled by graphql-jit (null: it could not compile one; Apollo runs it). */
const compiledQueries = new WeakMap<KnownDocument, Map<string | null, CompiledQuery['query'] | null>>();

/**
 * The operation compiled to a function by graphql-jit (once per document and operation name): it resolves the same
 * resolvers with the same arguments as graphql-js, without graphql-js's per-field interpretation of the document.
 */
function compiled(known: KnownDocument, operationName: string | null): CompiledQuery['query'] | null {
  let byName = compiledQueries.get(known);
  if (!byName) compiledQueries.set(known, (byName = new Map()));
  let run = byName.get(operationName);
  if (run === undefined) {
    try {
      const c = compileQuery(known.schema, known.document, operationName ?? undefined, {
        disablingCapturingStackErrors: true,
      });
      run = isCompiledQuery(c) ? c.query : null; // a function of its arguments only (no `this`)
    } catch {
      run = null;
    }
    byName.set(operationName, run);
  }
  return run;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
