import { createHash } from 'node:crypto';
import type { ApolloServerPlugin } from '@apollo/server';
import type { BucketPolicy } from '../../../libs/ratelimit/src';
import { earlyRefusals } from '../rate-limit/early-refusals';
import { rateLimited, type RateLimiter } from '../rate-limit/rate-limiter';
import type { GqlContext } from './gql-context';
import { operationCost } from './query-cost';
import { PRECHARGED } from './precharged';
import { tooComplex } from './query-limits';

export interface RequestCostOptions {
  /** Most a single operation may cost (QUERY_TOO_COMPLEX beyond). */
  maxCost: number;
  /** Off: no request-rate limits (RATE_LIMITS=off); the cost limit stays. */
  rateLimits: boolean;
  perIp: BucketPolicy;
  /** The bucket of the caller's credential: the storefront token, or the admin token / API key. */
  perCredential: BucketPolicy;
}

/** Bucket keys never hold a secret: a credential is named by a short hash. */
export function credentialKey(kind: string, secret: string): string {
  return `${kind}:${createHash('sha256').update(secret).digest('base64url').slice(0, 22)}`;
}

export function bucketKeys(
  surface: GqlContext['surface'],
  ip: string,
  credential: string | undefined,
): { ip: string; credential?: string } {
  const prefix = surface === 'storefront' ? 'sf' : 'adm';
  return { ip: `ip:${ip}`, credential: credential ? credentialKey(prefix, credential) : undefined };
}

export function credentialOf(ctx: Pick<GqlContext, 'surface' | 'header'>): string | undefined {
  if (ctx.surface === 'storefront') return ctx.header('x-storefront-token')?.slice(0, 500) || undefined;
  return ctx.header('authorization')?.slice(0, 4100) || undefined;
}

/** `extensions.cost` of an answer: what the operation cost and, with rate limits on, the tighter bucket's state. */
export interface CostExtension {
  requested: number;
  maximum: number;
  throttleStatus?: { maximumAvailable: number; currentlyAvailable: number; restoreRate: number };
}

/**
 * Takes `requested` points from the caller's buckets (per client IP and per credential) and returns
 * `extensions.cost`; throws RATE_LIMITED (recording the refusal for the HTTP hook) when either is empty.
 * Shared by the GraphQL plugin and the cached-read fast path, so a cached answer costs what it cost to compute.
 */
export async function chargeCost(
  limiter: RateLimiter,
  opts: RequestCostOptions,
  keys: { ip: string; credential?: string },
  requested: number,
): Promise<CostExtension> {
  const cost: CostExtension = { requested, maximum: opts.maxCost };
  if (!opts.rateLimits) return cost;
  const [ip, cred] = await Promise.all([
    limiter.take(keys.ip, requested, opts.perIp),
    keys.credential ? limiter.take(keys.credential, requested, opts.perCredential) : undefined,
  ]);
  const tight = cred && cred.remaining / opts.perCredential.capacity < ip.remaining / opts.perIp.capacity ? 'cred' : 'ip';
  const policy = tight === 'cred' ? opts.perCredential : opts.perIp;
  const state = tight === 'cred' && cred ? cred : ip;
  cost.throttleStatus = {
    maximumAvailable: policy.capacity,
    currentlyAvailable: state.remaining,
    restoreRate: policy.refillPerSecond,
  };
  for (const [key, r] of [
    [keys.ip, ip],
    [keys.credential, cred],
  ] as const) {
    if (key && r && !r.allowed) {
      earlyRefusals.block(key, r.retryAfterMs);
      const e = rateLimited(key.startsWith('ip:') ? 'this client address' : 'this credential', r.retryAfterMs);
      Object.assign(e.extensions, { cost });
      throw e;
    }
  }
  return cost;
}

/**
 * Costs each operation before it runs (graphql-query-complexity with our model, see query-cost.ts), refuses
 * it above the maximum (QUERY_TOO_COMPLEX, extensions.cost { requested, maximum }) and takes the cost from
 * the caller's buckets — per client IP and per storefront token (or admin credential) — answering
 * RATE_LIMITED (HTTP 429, Retry-After) when either is empty. Every answer carries `extensions.cost` with
 * the tighter bucket's throttle status, as Shopify's API does.
 */
export function requestCostPlugin(limiter: RateLimiter, opts: RequestCostOptions): ApolloServerPlugin<GqlContext> {
  return {
    async requestDidStart() {
      let cost: CostExtension | undefined;
      return {
        async didResolveOperation({ document, request, operationName, schema, contextValue }) {
          const requested = operationCost(schema, document, request.variables, operationName);
          if (requested > opts.maxCost) {
            const shown = Number.isFinite(requested) ? requested : null;
            throw tooComplex(
              `The query costs ${shown ?? 'more than can be counted'}, above the maximum of ${opts.maxCost}: ask for fewer items (first) or fewer fields.`,
              { cost: { requested: shown, maximum: opts.maxCost } },
            );
          }
          // Charged already by the storefront fast path, which then handed the request over (storefront.fast-path.ts).
          const precharged = (contextValue.req as unknown as Record<symbol, CostExtension | undefined> | undefined)?.[PRECHARGED];
          if (precharged?.requested === requested) {
            cost = precharged;
            return;
          }
          const keys = bucketKeys(contextValue.surface, contextValue.ip, credentialOf(contextValue));
          try {
            cost = await chargeCost(limiter, opts, keys, requested);
          } catch (e) {
            cost = (e as { extensions?: { cost?: CostExtension } }).extensions?.cost; // a refusal answers with the buckets' state
            throw e;
          }
        },
        async willSendResponse({ response }) {
          if (cost && response.body.kind === 'single') {
            response.body.singleResult.extensions = { ...response.body.singleResult.extensions, cost };
          }
        },
      };
    },
  };
}
