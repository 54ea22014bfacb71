import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import type { FastifyInstance } from 'fastify';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

/** The repository root, from src/core/http (ts) or dist/src/core/http (built). */
function repoRoot(): string {
  return [resolve(__dirname, '../../..'), resolve(__dirname, '../../../..')].find((d) => existsSync(join(d, 'package.json')))!;
}

/**
 * The demo shop (web/, a client of the public Storefront API only) at `/`, outside production: the Vite
 * build in web/dist, read once at start; only the files of that build are served (no path from the URL
 * reaches the file system). Without a build, `/` says how to make one.
 */
export function registerWebStorefront(fastify: FastifyInstance, dir = join(repoRoot(), 'web/dist')): void {
  const index = join(dir, 'index.html');
  if (!existsSync(index)) {
    fastify.get('/', (_request, reply) =>
      reply
        .code(503)
        .type('text/plain; charset=utf-8')
        .send('The demo shop is not built: run `npm run web:build` (npm start does).\n'),
    );
    return;
  }
  const html = readFileSync(index);
  fastify.get('/', (_request, reply) => reply.type(TYPES['.html']).header('cache-control', 'no-cache').send(html));
  const assets = new Map<string, Buffer>();
  const assetDir = join(dir, 'assets');
  if (existsSync(assetDir)) for (const name of readdirSync(assetDir)) assets.set(name, readFileSync(join(assetDir, name)));
  fastify.get<{ Params: { name: string } }>('/assets/:name', (request, reply) => {
    const body = assets.get(request.params.name);
    if (!body) return reply.code(404).send();
    // File names carry a content hash (Vite): cached for good.
    return reply
      .type(TYPES[extname(request.params.name)] ?? 'application/octet-stream')
      .header('cache-control', 'public, max-age=31536000, immutable')
      .send(body);
  });
}
