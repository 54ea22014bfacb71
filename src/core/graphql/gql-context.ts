import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { RequestContext, Surface } from '../context/request-context';

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
export function buildGqlContext(surface: Surface) {
  return (arg: {
    req?: IncomingMessage & { id?: string };
    raw?: IncomingMessage & { id?: string };
    /** Fastify's client address: the forwarded one when the socket is a trusted proxy (`trustProxy` in main.ts). */
    ip?: string;
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
        ip: (arg.raw ? arg.ip : undefined) ?? req.socket?.remoteAddress ?? 'unknown',
        header: (name) => firstHeader(req, name),
      };
    }
    const params = arg.connectionParams ?? {};
    const lower = new Map(Object.entries(params).map(([k, v]) => [k.toLowerCase(), v]));
    const request = arg.extra?.request;
    return {
      surface,
      requestId: randomUUID(),
      ip: request?.socket?.remoteAddress ?? 'unknown',
      header: (name) => {
        const v = lower.get(name);
        return typeof v === 'string' ? v : undefined;
      },
    };
  };
}
