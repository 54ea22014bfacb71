import type { Server } from 'node:http';
import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { Injectable } from '@nestjs/common';
import type { GraphQLSchema } from 'graphql';

/** Key of the function that serves graphql-ws for a surface (set by `WsProtection.subscriptions`). */
export const WS_SERVE = Symbol('ws-serve');

export type WsServe = (schema: GraphQLSchema, context: unknown, httpServer: Server) => { dispose(): Promise<void> };

/**
 * ApolloDriver whose graphql-ws server is ours instead of @nestjs/graphql's GqlSubscriptionService: that one
 * creates its `ws` WebSocketServer with the library defaults (100 MiB frames) and no hook where a socket
 * opens. When `subscriptions['graphql-ws']` carries a `WS_SERVE` function, HTTP is Apollo's as before and
 * the WebSocket side is served (and disposed on shutdown) by that function; otherwise this is ApolloDriver.
 */
@Injectable()
export class WsApolloDriver extends ApolloDriver {
  private wsServer?: { dispose(): Promise<void> };

  override async start(options: ApolloDriverConfig): Promise<void> {
    const ws = options.subscriptions?.['graphql-ws'];
    const serve = typeof ws === 'object' ? (ws as { [WS_SERVE]?: WsServe })[WS_SERVE] : undefined;
    if (!serve || !options.schema) return super.start(options);
    await super.start({ ...options, subscriptions: undefined });
    this.wsServer = serve(options.schema, options.context, this.httpAdapterHost.httpAdapter.getHttpServer());
  }

  override async stop(): Promise<void> {
    await this.wsServer?.dispose();
    this.wsServer = undefined;
    await super.stop();
  }
}
