import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';
import type { ErrorCode } from '../../../libs/errors/src';
import type { AppConfig } from '../../config/app-config';
import { bucketKeys, credentialOf } from '../graphql/request-cost.plugin';
import { earlyRefusals } from '../rate-limit/early-refusals';
import { clientIp } from './client-ip';

const SURFACE_OF: Record<string, 'storefront' | 'admin'> = { '/graphql': 'storefront', '/admin/graphql': 'admin' };

function surfaceOf(url: string): 'storefront' | 'admin' | undefined {
  const q = url.indexOf('?');
  return SURFACE_OF[q === -1 ? url : url.slice(0, q)];
}

/**
 * The headers helmet sets for these options, computed once: none depends on the request (no CSP nonces), and
 * building helmet's middleware for every request (what @fastify/helmet does) cost 0.15 ms of a storefront read.
 */
export function securityHeaders(options: HelmetOptions): Record<string, string> {
  const headers: Record<string, string> = {};
  const response = {
    setHeader: (name: string, value: string | number | readonly string[]) => (headers[name.toLowerCase()] = String(value)),
    removeHeader: (name: string) => delete headers[name.toLowerCase()],
    getHeader: (name: string) => headers[name.toLowerCase()],
  };
  let failed: unknown;
  helmet(options)({} as IncomingMessage, response as unknown as ServerResponse, (e?: unknown) => (failed = e));
  if (failed) throw failed instanceof Error ? failed : new Error(String(failed));
  return headers;
}

/**
 * HTTP-level protection, before any GraphQL work: security headers (helmet; a strict CSP in production
 * where no GraphiQL is served), a body size per surface (413 beyond), and an immediate 429 for a client
 * address or credential whose bucket this instance saw empty (no body parsing, no Redis round trip).
 */
export async function registerHttpProtection(fastify: FastifyInstance, config: AppConfig): Promise<void> {
  const headers = securityHeaders({
    // Production serves JSON only. Outside production GraphiQL and the demo shop (web/) load every script,
    // style and font from this server (no CDN, no inline script); the editors set inline styles.
    contentSecurityPolicy: config.production
      ? { directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } }
      : {
          useDefaults: false,
          directives: {
            defaultSrc: ["'self'"],
            connectSrc: ["'self'", 'ws:', 'wss:'],
            styleSrc: ["'self'", "'unsafe-inline'"],
            imgSrc: ["'self'", 'data:'],
            fontSrc: ["'self'", 'data:'],
            objectSrc: ["'none'"],
            frameAncestors: ["'none'"],
          },
        },
    crossOriginEmbedderPolicy: false,
    crossOriginResourcePolicy: { policy: 'cross-origin' }, // storefronts on other origins read the API
    hsts: config.production,
  });
  fastify.addHook('onRequest', (_request, reply, done) => {
    reply.headers(headers);
    done();
  });
  const limits = config.limits.bodyBytes;
  fastify.addHook('onRoute', (route) => {
    const surface = surfaceOf(route.url);
    if (surface) route.bodyLimit = limits[surface];
  });
  fastify.addHook('onRequest', (request, reply, done) => {
    const surface = surfaceOf(request.url);
    if (!surface) return done();
    // A declared length over the limit is answered before the body is read, in the API's error shape
    // (a chunked body over the limit still gets Fastify's plain 413 while it is read).
    const length = Number(request.headers['content-length'] ?? 0);
    if (length > limits[surface]) {
      const message = `The request body is larger than ${limits[surface]} bytes.`;
      void reply
        .code(413)
        .header('connection', 'close')
        .send(graphqlError(message, 'BAD_USER_INPUT', { maximumBytes: limits[surface] }));
      return;
    }
    if (!config.limits.rateLimits) return done();
    const header = (name: string) => {
      const v = request.headers[name];
      return Array.isArray(v) ? v[0] : v;
    };
    const keys = bucketKeys(surface, clientIp(request, config.trustedClientIpSecret), credentialOf({ surface, header }));
    const wait = Math.max(earlyRefusals.blockedFor(keys.ip), keys.credential ? earlyRefusals.blockedFor(keys.credential) : 0);
    if (!wait) return done();
    const retryAfter = Math.max(1, Math.ceil(wait / 1000));
    // Tarpit: the refusal is sent after a pause (RATE_LIMIT_TARPIT_MS, the granularity of Retry-After), so a
    // client that ignores Retry-After holds an idle connection instead of spinning the shared event loop.
    const answer = () =>
      reply
        .code(429)
        .header('retry-after', String(retryAfter))
        .send(graphqlError(`Too many requests; retry in ${retryAfter} s.`, 'RATE_LIMITED', { retryAfter }));
    const pause = config.limits.tarpitMs;
    if (pause > 0) setTimeout(() => void answer(), pause);
    else void answer();
  });
}

function graphqlError(message: string, code: ErrorCode, extensions: Record<string, unknown>) {
  return { errors: [{ message, extensions: { code, ...extensions } }] };
}
