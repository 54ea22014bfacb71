import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { RequestContext, Surface } from '../context/request-context';
import { clientIp } from '../http/client-ip';

/** The GraphQL context of one operation (HTTP request or graphql-ws subscription). */
export interface GqlContext {
  surface: Surface;
  requestId: string;
  ip: string;
  /** A request header (HTTP) or connection parameter (graphql-ws), by lower-case name. */
  header(name: string): string | undefined;
  /** Set by the AccessGuard. */
  ctx?: RequestContext;
  req?: IncomingMessage;
}

function firstHeader(req: IncomingMessage | undefined, name: string): string | undefined {
  const v = req?.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/** Builds the context for both transports: HTTP (Apollo) and graphql-ws (`{ connectionParams, extra }`). */
export function buildGqlContext(surface: Surface, trustedClientIpSecret?: string) {
  return (arg: {
    ip?: string;
    headers?: IncomingMessage['headers'];
    req?: IncomingMessage & { id?: string };
    raw?: IncomingMessage & { id?: string };
    connectionParams?: Record<string, unknown>;
    extra?: { request?: IncomingMessage };
  }): GqlContext => {
    // Fastify (through Apollo's integration) hands over its request, whose `raw` is Node's; Express gives `{ req }`.
    const req = arg.raw ?? arg.req;
    if (req) {
      return {
        surface,
        req,
        requestId: req.id ?? randomUUID(),
        // Fastify's request (arg) knows the address behind trusted proxies; a trusted backend may name its buyer's.
        ip: clientIp({ ip: arg.raw ? arg.ip : undefined, headers: req.headers, socket: req.socket }, trustedClientIpSecret),
        header: (name) => firstHeader(req, name),
      };
    }
    const params = arg.connectionParams ?? {};
    const lower = new Map(Object.entries(params).map(([k, v]) => [k.toLowerCase(), v]));
    const request = arg.extra?.request;
    return {
      surface,
      requestId: randomUUID(),
      ip: request ? clientIp({ headers: request.headers, socket: request.socket }, trustedClientIpSecret) : 'unknown',
      header: (name) => {
        const v = lower.get(name);
        return typeof v === 'string' ? v : undefined;
      },
    };
  };
}
