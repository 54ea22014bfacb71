import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import type { ApolloDriverConfig } from '@nestjs/apollo';
import type { DynamicModule } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import type { GraphQLSchema } from 'graphql';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import type { Surface } from '../core/context/request-context';
import { formatGraphQLError } from '../core/errors/graphql-error.formatter';
import { diagnosticsPlugin } from '../core/graphql/diagnostics.plugin';
import { inputSanityPlugin } from '../core/graphql/input-sanity.plugin';
import { queryLimitRules } from '../core/graphql/query-limits';
import { requestCostPlugin } from '../core/graphql/request-cost.plugin';
import { throttleResponsePlugin } from '../core/graphql/throttle-response.plugin';
import { graphiqlLandingPage } from '../core/http/graphiql';
import { RateLimiter } from '../core/rate-limit/rate-limiter';
import { responseCachePlugin } from '../core/graphql/response-cache.plugin';
import { ReadCache } from '../core/cache/read-cache.service';
import { KnownDocuments } from '../core/graphql/known-documents';
import { isolateGraphQLSchemas } from '../core/graphql/isolate-schemas';
import { buildGqlContext } from '../core/graphql/gql-context';
import { WsApolloDriver } from '../core/graphql/ws-driver';
import { WsProtection } from './access/ws-protection';
import { WsProtectionModule } from './access/ws-protection.module';
import { AdminApiModule } from './admin/admin-api.module';
import { StorefrontApiModule } from './storefront/storefront-api.module';

isolateGraphQLSchemas();

/** The built schemas, for writing `schema/*.graphql`. */
export const BUILT_SCHEMAS: Partial<Record<Surface, GraphQLSchema>> = {};

function surface(name: Surface, path: string, include: Function, subscriptions: boolean): DynamicModule {
  return GraphQLModule.forRootAsync<ApolloDriverConfig>({
    driver: WsApolloDriver,
    imports: [WsProtectionModule],
    inject: [APP_CONFIG, ReadCache, RateLimiter, WsProtection, KnownDocuments],
    useFactory: (
      config: AppConfig,
      cache: ReadCache,
      limiter: RateLimiter,
      ws: WsProtection,
      known: KnownDocuments,
    ): ApolloDriverConfig => ({
      path,
      include: [include],
      autoSchemaFile: true,
      sortSchema: true,
      buildSchemaOptions: { dateScalarMode: 'isoDate' },
      context: buildGqlContext(name, config.trustedClientIpSecret),
      formatError: formatGraphQLError,
      introspection: !config.production,
      // GET (automatic persisted queries, for CDNs) needs a header no cross-site form can send: the storefront
      // token is one, besides Apollo's own.
      csrfPrevention: {
        requestHeaders: [
          ...(name === 'storefront' ? ['x-storefront-token'] : []),
          'x-apollo-operation-name',
          'apollo-require-preflight',
        ],
      },
      // Outside production GraphiQL from installed packages (src/core/http/graphiql.ts), never from a CDN.
      graphiql: false,
      includeStacktraceInErrorResponses: false,
      // A throttled mutation answers 429 + Retry-After (throttleResponsePlugin); Nest would reset it to 200.
      preserveHttpStatusForExecutionErrors: false,
      // No "Did you mean …?" in production: the schema is not to be guessed from error messages.
      hideSchemaDetailsFromClientErrors: config.production,
      // Hostile documents are refused before anything runs, each check linear in the document (docs/SECURITY.md).
      parseOptions: { maxTokens: config.limits.maxTokens },
      maxRecursiveSelections: config.limits.maxRecursiveSelections,
      validationRules: queryLimitRules({ ...config.limits, maxDepth: config.maxQueryDepth, maxAliases: config.maxAliases }),
      plugins: [
        // Apollo's cache-control plugin (on by default) wraps every field resolver to collect hints nothing here
        // reads: HTTP caching is the response cache's (response-cache.plugin.ts, docs/PERFORMANCE.md).
        ApolloServerPluginCacheControlDisabled(),
        inputSanityPlugin(),
        requestCostPlugin(limiter, {
          maxCost: config.limits.maxCost[name],
          rateLimits: config.limits.rateLimits,
          // Integration servers push thousands of stock levels from one address: on the admin API the
          // address gets the admin credential's allowance.
          perIp: name === 'storefront' ? config.limits.perIp : config.limits.perAdmin,
          perCredential: name === 'storefront' ? config.limits.perStorefront : config.limits.perAdmin,
        }),
        throttleResponsePlugin(),
        diagnosticsPlugin(),
        // The storefront fast path (storefront.fast-path.ts) runs only query texts Apollo validated, remembered here.
        ...(name === 'storefront' ? [responseCachePlugin(cache), known.plugin()] : []),
        ...(config.production ? [] : [graphiqlLandingPage(path)]),
      ],
      // graphql-ws on the same path, checked and capped (src/core/graphql/ws-protection.ts)
      ...(subscriptions ? { subscriptions: ws.subscriptions(path) } : {}),
      transformSchema: (schema: GraphQLSchema) => {
        BUILT_SCHEMAS[name] = schema;
        return schema;
      },
    }),
  });
}

/** Two GraphQL APIs with separate schemas (CONTRACT §1): storefront at /graphql (+ graphql-ws), admin at /admin/graphql. */
export const GraphQLSurfaces = [
  StorefrontApiModule,
  AdminApiModule,
  surface('storefront', '/graphql', StorefrontApiModule, true),
  surface('admin', '/admin/graphql', AdminApiModule, false),
];
