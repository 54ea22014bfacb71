import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { ApolloServerPlugin } from '@apollo/server';
import type { FastifyInstance } from 'fastify';

/** Where the explorer's files are served (development only), from installed packages pinned in package.json. */
export const GRAPHIQL_ASSETS = '/graphiql-assets';

const FILES: Record<string, { pkg: string; file: string; type: string }> = {
  'react.js': { pkg: 'react', file: 'umd/react.production.min.js', type: 'text/javascript' },
  'react-dom.js': { pkg: 'react-dom', file: 'umd/react-dom.production.min.js', type: 'text/javascript' },
  'graphiql.js': { pkg: 'graphiql', file: 'graphiql.min.js', type: 'text/javascript' },
  'graphiql.css': { pkg: 'graphiql', file: 'graphiql.min.css', type: 'text/css' },
};

/** Starts the explorer from the page's data attributes: no inline script, so a CSP without 'unsafe-inline' works. */
const INIT = `(() => {
  const el = document.getElementById('graphiql');
  const fetcher = GraphiQL.createFetcher({ url: el.dataset.url, subscriptionUrl: location.origin.replace(/^http/, 'ws') + el.dataset.url });
  ReactDOM.createRoot(el).render(React.createElement(GraphiQL, { fetcher, defaultEditorToolsVisibility: true, shouldPersistHeaders: true, isHeadersEditorEnabled: true }));
})();
`;

/** Serves React, ReactDOM (production builds) and GraphiQL from node_modules under GRAPHIQL_ASSETS. */
export function registerGraphiqlAssets(fastify: FastifyInstance): void {
  const served: Record<string, { body: Buffer | string; type: string }> = { 'init.js': { body: INIT, type: 'text/javascript' } };
  for (const [name, f] of Object.entries(FILES)) {
    // The packages' exports maps hide these files: resolve the package root instead.
    const root = dirname(require.resolve(`${f.pkg}/package.json`));
    served[name] = { body: readFileSync(join(root, f.file)), type: f.type };
  }
  fastify.get<{ Params: { name: string } }>(`${GRAPHIQL_ASSETS}/:name`, (request, reply) => {
    const file = served[request.params.name];
    if (!file) return reply.code(404).send();
    return reply.type(`${file.type}; charset=utf-8`).header('cache-control', 'public, max-age=3600').send(file.body);
  });
}

/** The landing page of a GraphQL path in a browser (replaces the CDN page of @nestjs/apollo). */
export function graphiqlLandingPage(path: string): ApolloServerPlugin {
  const html = `<!DOCTYPE html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>GraphiQL · ${path}</title>
    <style>body { margin: 0; } #graphiql { height: 100vh; }</style>
    <link rel="stylesheet" href="${GRAPHIQL_ASSETS}/graphiql.css" />
  </head>
  <body>
    <div id="graphiql" data-url="${path}">Loading…</div>
    <script src="${GRAPHIQL_ASSETS}/react.js"></script>
    <script src="${GRAPHIQL_ASSETS}/react-dom.js"></script>
    <script src="${GRAPHIQL_ASSETS}/graphiql.js"></script>
    <script src="${GRAPHIQL_ASSETS}/init.js"></script>
  </body>
</html>
`;
  return {
    async serverWillStart() {
      return { renderLandingPage: async () => ({ html }) };
    },
  };
}
