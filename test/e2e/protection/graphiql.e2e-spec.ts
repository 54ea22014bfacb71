import { getIntrospectionQuery } from 'graphql';
import { TestApp } from '../../support/app';

/** Issue 15, item 8: GraphiQL (development only) loads nothing from another host: pinned packages, production builds. */
describe('GraphiQL without a CDN', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await TestApp.start();
  });
  afterAll(() => app?.close());

  it.each(['/graphql', '/admin/graphql'])('%s in a browser references only this server, with no inline script', async (path) => {
    const res = await fetch(`${app.url}${path}`, { headers: { accept: 'text/html' } });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain(`data-url="${path}"`);
    const refs = [...html.matchAll(/\b(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
    expect(refs.length).toBe(5);
    for (const ref of refs) expect(ref).toMatch(/^\/[^/]/); // same origin: no scheme, no protocol-relative host
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/); // every script is a file
    expect(html).not.toMatch(/https?:\/\//);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/default-src 'self'/);
    expect(csp).not.toMatch(/https?:/);
  });

  it('serves React and ReactDOM as production builds and the GraphiQL bundle, from installed packages', async () => {
    const get = async (name: string) => {
      const res = await fetch(`${app.url}/graphiql-assets/${name}`);
      return { status: res.status, type: res.headers.get('content-type'), body: await res.text() };
    };
    const react = await get('react.js');
    expect(react).toMatchObject({ status: 200, type: expect.stringMatching(/^text\/javascript/) });
    expect(react.body).toMatch(/^\/\*\*\n \* @license React\n \* react\.production\.min\.js/);
    expect((await get('react-dom.js')).body).toMatch(/react-dom\.production\.min\.js/);
    const graphiql = await get('graphiql.js');
    expect(graphiql.body.length).toBeGreaterThan(100_000);
    expect(graphiql.body).toContain('createFetcher');
    expect((await get('graphiql.css')).type).toMatch(/^text\/css/);
    expect((await get('../package.json')).status).toBe(404);
    expect((await get('nothing.js')).status).toBe(404);
  });

  it.each(['/graphql', '/admin/graphql'])(
    "%s answers GraphiQL's introspection query (its schema explorer loads)",
    async (path) => {
      const res = await fetch(`${app.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: getIntrospectionQuery() }),
      });
      const body = (await res.json()) as { data?: { __schema?: { types: unknown[] } }; errors?: unknown[]; extensions?: any };
      expect(body.errors).toBeUndefined();
      expect(body.data?.__schema?.types.length).toBeGreaterThan(20);
      expect(body.extensions.cost.requested).toBeLessThanOrEqual(body.extensions.cost.maximum);
    },
  );
});
