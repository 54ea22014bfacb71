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

/** Builds the context for both transports: Apollo passes `{ req }`, graphql-ws passes `{ connectionParams, extra }`. */
export function buildGqlContext(surface: Surface) {
  return (arg: {
    req?: IncomingMessage & { id?: string };
    connectionParams?: Record<string, unknown>;
    extra?: { request?: IncomingMessage };
  }): GqlContext => {
    if (arg.req) {
      const req = arg.req;
      return {
        surface,
        req,
        requestId: req.id ?? randomUUID(),
        ip: req.socket?.remoteAddress ?? 'unknown',
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
