import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { GraphQLWsSubscriptionsConfig, SubscriptionConfig } from '@nestjs/graphql';
import {
  type DocumentNode,
  type ExecutionArgs,
  GraphQLError,
  type GraphQLFormattedError,
  type GraphQLSchema,
  parse,
  specifiedRules,
  validate,
} from 'graphql';
import { CloseCode, type Context, type ServerOptions } from 'graphql-ws';
import type { Extra } from 'graphql-ws/dist/use/ws';
import WebSocket, { WebSocketServer } from 'ws';
import { DomainError, type ErrorCode } from '../../../libs/errors/src';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { CustomerAuthService } from '../../modules/customers/customer-auth.service';
import { StorefrontTokenService } from '../../modules/tenants/storefront-token.service';
import { resolveStorefrontCaller } from './access.guard';
import { RequestContext } from '../../core/context/request-context';
import { formatGraphQLError } from '../../core/errors/graphql-error.formatter';
import { buildGqlContext } from '../../core/graphql/gql-context';
import { PUSH_TARGET, sharedSubscribe, socketTarget } from '../../core/graphql/push-delivery';
import { WS_SERVE, type WsServe } from '../../core/graphql/ws-driver';
import { depthAndAliasRule, subscriptionsOnlyRule } from '../../core/graphql/ws-limits';

// The package's `exports` map has `graphql-ws/use/ws`, which TypeScript's `node` resolution cannot see: types by path.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { useServer } = require('graphql-ws/use/ws') as typeof import('graphql-ws/dist/use/ws');

/** 1013 "Try Again Later" (RFC 6455 registry): too many sockets, or the caller could not be checked right now. */
const TRY_AGAIN_LATER = 1013;
/** A subscription document is small: a token cap keeps parsing (recursive in graphql-js) shallow and cheap. */
/** After a refusal the client has this long to answer the close frame before the TCP socket is dropped. */
const CLOSE_GRACE_MS = 2000;

type WsContext = Context<Record<string, unknown> | undefined, Extra>;

/** A socket that passed connection_init: how to check its caller again. */
interface Connection {
  header: (name: string) => string | undefined;
  storefrontId: string;
  customer: boolean;
}

/**
 * graphql-ws on the Storefront API, defended:
 * - frames above WS_MAX_PAYLOAD_BYTES close the socket (1009), sockets per client address are capped per
 *   instance (WS_MAX_SOCKETS_PER_IP, one more is closed with 1013 "try again later");
 * - connection_init checks the storefront token and, when `authorization` is sent, the customer's access
 *   token, through the AccessGuard's own resolution (unknown/missing/invalid → 4403, reason `CODE: message`);
 *   one init per socket (4429) and WS_CONNECTION_INIT_TIMEOUT_MS to send it (4408) are graphql-ws's;
 * - only subscription operations, at most WS_MAX_SUBSCRIPTIONS_PER_SOCKET at once (RATE_LIMITED), within the
 *   depth/alias limits (QUERY_TOO_COMPLEX), every error formatted as over HTTP (`extensions.code`);
 * - open sockets are checked again every WS_REVALIDATE_MS, and at once after a local token rotation: a rotated
 *   storefront token or an ended customer session (logout, password change, erasure, revocation, expiry)
 *   closes the socket with 4403, on every instance.
 */
@Injectable()
export class WsProtection {
  private readonly log = new Logger('WebSocket');
  private readonly socketsPerIp = new Map<string, number>();
  private readonly connections = new Map<WebSocket, Connection>();
  private readonly rules;
  private revalidating?: Promise<void>;
  private revalidateAgain = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly storefronts: StorefrontTokenService,
    private readonly customerAuth: CustomerAuthService,
  ) {
    this.rules = [
      ...specifiedRules,
      subscriptionsOnlyRule,
      depthAndAliasRule({ maxDepth: config.maxQueryDepth, maxAliases: config.maxAliases }),
    ];
    storefronts.onInvalidate(() => void this.revalidate());
  }

  /** The `subscriptions` option of a surface served by WsApolloDriver: graphql-ws on exactly `path`. */
  subscriptions(path: string): SubscriptionConfig {
    const serve: WsServe = (schema, context, httpServer) => this.serve(path, schema, context, httpServer);
    const graphqlWs: GraphQLWsSubscriptionsConfig & { [WS_SERVE]: WsServe } = { path, [WS_SERVE]: serve };
    return { 'graphql-ws': graphqlWs };
  }

  private serve(path: string, schema: GraphQLSchema, context: unknown, httpServer: Server): { dispose(): Promise<void> } {
    const wss = new WebSocketServer({ noServer: true, maxPayload: this.config.wsMaxPayloadBytes });
    wss.on('connection', (socket: WebSocket, request: IncomingMessage) => this.admit(socket, request));
    const server = useServer(this.serverOptions(schema, context), wss);
    const onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer) => {
      if ((request.url ?? '').split('?')[0] !== path) {
        socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n'); // the only WebSocket endpoint
        return;
      }
      wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request));
    };
    httpServer.on('upgrade', onUpgrade);
    const timer = setInterval(() => void this.revalidate(), this.config.wsRevalidateMs).unref();
    return {
      dispose: async () => {
        clearInterval(timer);
        httpServer.off('upgrade', onUpgrade);
        await server.dispose();
      },
    };
  }

  private serverOptions(schema: GraphQLSchema, context: unknown): ServerOptions<Record<string, unknown> | undefined, Extra> {
    const format = (e: GraphQLError) => this.format(e);
    const contextOf = context as (...args: unknown[]) => Record<symbol, unknown>;
    return {
      schema,
      // Each operation's context also says where its frames go, for events delivered by push (push-delivery.ts).
      context: async (ctx, id, payload, args) => {
        const value = await contextOf(ctx, id, payload, args);
        const socket = ctx.extra.socket;
        value[PUSH_TARGET] = socketTarget(socket, id, payload, () =>
          refuse(socket, TRY_AGAIN_LATER, 'RATE_LIMITED', 'This connection does not take its messages: reconnect and re-query.'),
        );
        return value as ExecutionArgs['contextValue'];
      },
      subscribe: sharedSubscribe((result) => (result.errors?.length ? { ...result, errors: result.errors.map(format) } : result)),
      connectionInitWaitTimeout: this.config.wsConnectionInitTimeoutMs,
      onConnect: (ctx) => this.onConnect(ctx),
      onSubscribe: (ctx, _id, payload) => this.onSubscribe(schema, ctx, payload.query, payload),
      onNext: (_ctx, _id, _payload, _args, result) =>
        result.errors?.length ? { ...result, errors: result.errors.map(format) } : undefined,
      onError: (_ctx, _id, _payload, errors) => errors.map(format),
      onClose: (ctx) => void this.connections.delete(ctx.extra.socket),
    };
  }

  /** Counts the socket against its address; one too many is closed at once. */
  private admit(socket: WebSocket, request: IncomingMessage): void {
    const max = this.config.wsMaxSocketsPerIp;
    const ip = request.socket.remoteAddress ?? 'unknown';
    const open = this.socketsPerIp.get(ip) ?? 0;
    if (max && open >= max) {
      refuse(socket, TRY_AGAIN_LATER, 'RATE_LIMITED', `At most ${max} WebSockets per client address; close one first.`);
      return;
    }
    this.socketsPerIp.set(ip, open + 1);
    socket.once('close', () => {
      const left = (this.socketsPerIp.get(ip) ?? 1) - 1;
      if (left > 0) this.socketsPerIp.set(ip, left);
      else this.socketsPerIp.delete(ip);
    });
  }

  private async onConnect(ctx: WsContext): Promise<boolean> {
    const socket = ctx.extra.socket;
    const gql = buildGqlContext('storefront')({ connectionParams: ctx.connectionParams, extra: ctx.extra });
    const caller = await this.check(gql.header, gql.requestId);
    if (!(caller instanceof RequestContext)) return refuse(socket, caller.close, caller.code, caller.message);
    if (socket.readyState !== WebSocket.OPEN) return false; // closed while we checked
    this.connections.set(socket, {
      header: gql.header,
      storefrontId: caller.requireStorefront().id,
      customer: Boolean(caller.customer),
    });
    return true;
  }

  /** The caller of a connection, or why (and how) its socket must close. */
  private async check(
    header: (name: string) => string | undefined,
    requestId: string,
  ): Promise<RequestContext | { close: number; code: ErrorCode; message: string }> {
    let caller: RequestContext;
    try {
      caller = await resolveStorefrontCaller(this.storefronts, this.customerAuth, header, requestId);
    } catch (e) {
      if (e instanceof DomainError) return { close: CloseCode.Forbidden, code: e.code, message: e.message };
      this.log.warn(`could not check a WebSocket caller: ${(e as Error).message}`);
      return { close: TRY_AGAIN_LATER, code: 'INTERNAL_SERVER_ERROR', message: 'Try again later.' };
    }
    if (caller.customerTokenRejected) {
      return {
        close: CloseCode.Forbidden,
        code: 'UNAUTHENTICATED',
        message: 'The access token is invalid or expired, or its session ended.',
      };
    }
    return caller;
  }

  private onSubscribe(
    schema: GraphQLSchema,
    ctx: WsContext,
    query: string,
    payload: { operationName?: string | null; variables?: Record<string, unknown> | null },
  ) {
    const max = this.config.wsMaxSubscriptionsPerSocket;
    // graphql-ws has registered this one already: more than `max` means one too many.
    if (Object.keys(ctx.subscriptions).length > max) {
      return [
        coded(
          new DomainError('RATE_LIMITED', `At most ${max} subscriptions per connection; complete one first.`, {
            extensions: { limit: max },
          }),
        ),
      ];
    }
    let document: DocumentNode;
    try {
      document = parse(query, { maxTokens: this.config.limits.maxTokens });
    } catch (e) {
      return [e instanceof GraphQLError ? e : coded(new DomainError('BAD_USER_INPUT', 'The document cannot be parsed.'))];
    }
    const errors = validate(schema, document, this.rules);
    if (errors.length) return errors;
    return { schema, document, operationName: payload.operationName, variableValues: payload.variables };
  }

  private format(error: GraphQLError): GraphQLFormattedError {
    const formatted = formatGraphQLError(error.toJSON(), error);
    if (formatted.extensions?.code === 'INTERNAL_SERVER_ERROR') {
      this.log.error(`subscription failed: ${error.message}`, (error.originalError ?? error).stack);
    }
    return formatted;
  }

  /**
   * Checks every open socket's caller again (once per distinct token pair) through the same services as
   * the AccessGuard: their caches bound how late another instance sees a rotation or an ended session.
   */
  private revalidate(): Promise<void> {
    if (this.revalidating) {
      this.revalidateAgain = true;
      return this.revalidating;
    }
    this.revalidating = this.revalidateAll().finally(() => {
      this.revalidating = undefined;
      if (this.revalidateAgain) {
        this.revalidateAgain = false;
        void this.revalidate();
      }
    });
    return this.revalidating;
  }

  private async revalidateAll(): Promise<void> {
    const checked = new Map<string, ReturnType<WsProtection['check']>>();
    for (const [socket, conn] of [...this.connections]) {
      const key = `${conn.header('x-storefront-token')}\n${conn.header('authorization') ?? ''}`;
      let pending = checked.get(key);
      if (!pending) checked.set(key, (pending = this.check(conn.header, 'ws-revalidate')));
      const caller = await pending;
      if (!(caller instanceof RequestContext)) {
        if (caller.close === TRY_AGAIN_LATER) return; // the database is away: keep the sockets, try again next time
        this.connections.delete(socket);
        refuse(socket, caller.close, caller.code, caller.message);
      } else if (caller.requireStorefront().id !== conn.storefrontId || (conn.customer && !caller.customer)) {
        this.connections.delete(socket);
        refuse(socket, CloseCode.Forbidden, 'UNAUTHENTICATED', 'The session of this connection ended.');
      }
    }
  }
}

/** A GraphQL error whose `extensions` the formatter takes from the DomainError. */
function coded(error: DomainError): GraphQLError {
  return new GraphQLError(error.message, { originalError: error });
}

/** Closes with `code` and the reason `CODE: message` (≤ 123 bytes), and drops the TCP socket if the client never answers. */
function refuse(socket: WebSocket, code: number, errorCode: ErrorCode, message: string): false {
  let reason = `${errorCode}: ${message}`;
  while (Buffer.byteLength(reason) > 123) reason = reason.slice(0, -1);
  socket.close(code, reason);
  setTimeout(() => socket.terminate(), CLOSE_GRACE_MS).unref();
  return false;
}
