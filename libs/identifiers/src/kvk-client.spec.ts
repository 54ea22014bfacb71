import { KvkClient } from './index';
import { sendJson, startStubServer, type StubHandler, type StubServer } from './testing/stub-http-server';

// Bodies in the API Zoeken v2 format (Resultaat / ResultaatItem, errors as {fout:[{code, omschrijving}]}).
const found = {
  pagina: 1,
  resultatenPerPagina: 100,
  totaal: 2,
  resultaten: [
    {
      kvkNummer: '68750110',
      rsin: '857587973',
      naam: 'Test BV Donald',
      adres: { binnenlandsAdres: { type: 'bezoekadres', straatnaam: 'Hizzaarderlaan', plaats: 'Lollum' } },
      type: 'rechtspersoon',
      actief: 'Ja',
      _links: { basisprofiel: { href: 'https://api.kvk.nl/test/api/v1/basisprofielen/68750110' } },
    },
    {
      kvkNummer: '68750110',
      vestigingsnummer: '000037178598',
      naam: 'Test BV Donald Handelsnaam',
      type: 'hoofdvestiging',
      actief: 'Ja',
    },
  ],
  _links: { self: { href: 'https://api.kvk.nl/test/api/v2/zoeken?kvkNummer=68750110' } },
};
const notFound = { fout: [{ code: 'IPD5200', omschrijving: 'Er zijn geen resultaten gevonden.' }] };

describe('KvkClient against a local KvK API', () => {
  let server: StubServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  async function clientFor(handler: StubHandler, path = '/test', timeoutMs = 1000) {
    server = await startStubServer(handler);
    return new KvkClient({ baseUrl: `${server.url}${path}`, apiKey: 'l7xx-test-key', timeoutMs });
  }

  it('FOUND: calls Zoeken v2 with the apikey header and picks the hoofdvestiging name', async () => {
    const client = await clientFor((_req, res) => sendJson(res, 200, found));
    expect(await client.lookup(' 6875 0110 ')).toEqual({
      kind: 'FOUND',
      kvkNumber: '68750110',
      name: 'Test BV Donald Handelsnaam',
      names: ['Test BV Donald', 'Test BV Donald Handelsnaam'],
      active: true,
      raw: found,
    });
    const [sent] = server!.requests;
    expect(sent!.method).toBe('GET');
    expect(sent!.headers.apikey).toBe('l7xx-test-key');
    const url = new URL(sent!.url, 'http://x');
    expect(url.pathname).toBe('/test/api/v2/zoeken');
    expect(url.searchParams.get('kvkNummer')).toBe('68750110');
  });

  it('accepts a base URL that already ends in /api', async () => {
    const client = await clientFor((_req, res) => sendJson(res, 200, found), '/api/');
    await client.lookup('68750110');
    expect(new URL(server!.requests[0]!.url, 'http://x').pathname).toBe('/api/v2/zoeken');
  });

  it('FOUND but inactive when every registration has actief "Nee"', async () => {
    const body = { ...found, resultaten: found.resultaten.map((r) => ({ ...r, actief: 'Nee' })) };
    const client = await clientFor((_req, res) => sendJson(res, 200, body));
    expect(await client.lookup('68750110')).toMatchObject({ kind: 'FOUND', active: false });
  });

  it('NOT_FOUND on a 404 with a KvK error body', async () => {
    const client = await clientFor((_req, res) => sendJson(res, 404, notFound));
    expect(await client.lookup('12345678')).toEqual({ kind: 'NOT_FOUND', raw: notFound });
  });

  it('NOT_FOUND on a 200 without results for this number', async () => {
    const client = await clientFor((_req, res) => sendJson(res, 200, { pagina: 1, totaal: 0, resultaten: [] }));
    expect(await client.lookup('12345678')).toMatchObject({ kind: 'NOT_FOUND' });
  });

  it('a bare 404 (wrong URL) is UNAVAILABLE, not NOT_FOUND', async () => {
    const client = await clientFor((_req, res) => {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('Not Found');
    });
    expect(await client.lookup('68750110')).toMatchObject({ kind: 'UNAVAILABLE', reason: 'HTTP_404' });
  });

  it.each([401, 403, 500, 503])('HTTP %d is UNAVAILABLE', async (status) => {
    const client = await clientFor((_req, res) => sendJson(res, status, { fout: [{ code: 'X', omschrijving: 'x' }] }));
    expect(await client.lookup('68750110')).toMatchObject({ kind: 'UNAVAILABLE', reason: `HTTP_${status}` });
  });

  it('a 200 that is not a Resultaat is BAD_RESPONSE', async () => {
    const client = await clientFor((_req, res) => sendJson(res, 200, { hello: 'world' }));
    expect(await client.lookup('68750110')).toMatchObject({ kind: 'UNAVAILABLE', reason: 'BAD_RESPONSE' });
  });

  it('a server that never answers gives TIMEOUT', async () => {
    const client = await clientFor(() => undefined, '/test', 60);
    expect(await client.lookup('68750110')).toMatchObject({ kind: 'UNAVAILABLE', reason: 'TIMEOUT' });
  });

  it('a refused connection is NETWORK', async () => {
    const closed = await startStubServer(() => undefined);
    await closed.close();
    const client = new KvkClient({ baseUrl: closed.url, apiKey: 'k', timeoutMs: 500 });
    expect(await client.lookup('68750110')).toMatchObject({ kind: 'UNAVAILABLE', reason: 'NETWORK' });
  });

  it.each(['6875011', '000038509504', 'KVK 68750110', "68750110'; --", ''])(
    'refuses %j locally without a request',
    async (input) => {
      const fetchImpl = jest.fn();
      const client = new KvkClient({ baseUrl: 'http://kvk.invalid', apiKey: 'k', timeoutMs: 100, fetchImpl });
      expect(await client.lookup(input)).toMatchObject({ kind: 'INVALID_INPUT' });
      expect(fetchImpl).not.toHaveBeenCalled();
    },
  );
});
