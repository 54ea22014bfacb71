import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

/** One registration in the fake Handelsregister: what API Zoeken v2 lists for a KvK number. */
export interface KvkRegistration {
  /** The trade name of the hoofdvestiging (also used for the rechtspersoon). */
  naam: string;
  /** `Ja` (default) or `Nee` for an ended registration. */
  actief?: 'Ja' | 'Nee';
  adres?: { straatnaam: string; huisnummer: number; postcode: string; plaats: string };
}

/** A request the fake received, as seen on the wire. */
export interface KvkRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  /** The `apikey` header (undefined when it was not sent). */
  apikey: string | undefined;
  accept: string | undefined;
}

/**
 * A local KvK API Zoeken v2 (`GET …/api/v2/zoeken?kvkNummer=…`, header `apikey`) answering in the real
 * format (developers.kvk.nl; OpenAPI "API Zoeken" 2.0.0): 200 `{pagina, resultatenPerPagina, totaal,
 * resultaten: [{kvkNummer, rsin, vestigingsnummer, naam, adres: {binnenlandsAdres}, type, actief, _links}],
 * _links}`; errors as `{fout: [{code, omschrijving}]}`: 401 without the right `apikey`, 400 for a malformed
 * parameter, 404 "geen resultaten" for an unknown number, 500 when told to fail. It serves both the
 * production paths (`/api/v2/zoeken`) and the test environment's (`/test/api/v2/zoeken`).
 */
export class FakeKvk {
  readonly requests: KvkRequest[] = [];
  private readonly registry = new Map<string, KvkRegistration>();
  /** Every request answers 500 while set (KvK having trouble). */
  failing: false | 500 | 503 = false;

  private constructor(
    private readonly server: Server,
    readonly url: string,
    readonly apiKey: string,
  ) {}

  static async start(apiKey = 'test-key'): Promise<FakeKvk> {
    const holder: { kvk?: FakeKvk } = {};
    const server = createServer((req, res) => void holder.kvk!.handle(req, res));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as { port: number }).port;
    holder.kvk = new FakeKvk(server, `http://127.0.0.1:${port}`, apiKey);
    return holder.kvk;
  }

  /** Registers a KvK number (8 digits) in the fake register. */
  register(kvkNummer: string, registration: KvkRegistration): void {
    this.registry.set(kvkNummer, registration);
  }

  /** The requests for one KvK number. */
  requestsFor(kvkNummer: string): KvkRequest[] {
    return this.requests.filter((r) => r.query.kvkNummer === kvkNummer);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    for await (const _chunk of req) {
      /* drain */
    }
    const url = new URL(req.url ?? '/', this.url);
    const apikey = req.headers.apikey;
    const request: KvkRequest = {
      method: req.method ?? '',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      apikey: Array.isArray(apikey) ? apikey.join(',') : apikey,
      accept: req.headers.accept,
    };
    this.requests.push(request);
    const send = (status: number, json: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json', 'api-version': '2.0.0' });
      res.end(JSON.stringify(json));
    };
    const fout = (status: number, code: string, omschrijving: string) => send(status, { fout: [{ code, omschrijving }] });

    if (req.method !== 'GET' || !/^(\/test)?\/api\/v2\/zoeken$/.test(url.pathname)) {
      res.writeHead(404).end(); // a bare 404: no such resource (not KvK's "geen resultaten")
      return;
    }
    if (request.apikey !== this.apiKey) return fout(401, 'IPD1002', 'Geen of onjuiste apikey aangeleverd');
    if (this.failing) return fout(this.failing, 'IPD9999', 'Er is een interne fout opgetreden');
    const kvkNummer = request.query.kvkNummer;
    if (kvkNummer === undefined || !/^[0-9]{8}$/.test(kvkNummer)) {
      return fout(400, 'IPD1999', 'Een opgegeven parameter is niet valide: kvkNummer');
    }
    const perPage = Number(request.query.resultatenPerPagina ?? '10');
    if (!Number.isInteger(perPage) || perPage < 1 || perPage > 100) {
      return fout(400, 'IPD1999', 'Een opgegeven parameter is niet valide: resultatenPerPagina');
    }
    const found = this.registry.get(kvkNummer);
    const includeInactive = request.query.inclusiefInactieveRegistraties === 'true';
    if (!found || (found.actief === 'Nee' && !includeInactive)) {
      return fout(404, 'IPD5200', 'Er zijn geen resultaten gevonden aan de hand van de opgegeven parameter(s)');
    }
    const api = url.pathname.replace(/\/v2\/zoeken$/, '');
    const adres = found.adres ?? { straatnaam: 'Kerkstraat', huisnummer: 1, postcode: '1234AB', plaats: 'Amsterdam' };
    const vestigingsnummer = `0000${kvkNummer}`;
    const item = (type: 'hoofdvestiging' | 'rechtspersoon') => ({
      kvkNummer,
      ...(type === 'rechtspersoon' ? { rsin: '123456782' } : { vestigingsnummer }),
      naam: found.naam,
      adres: { binnenlandsAdres: { type: 'bezoekadres', ...adres } },
      type,
      actief: found.actief ?? 'Ja',
      _links: {
        basisprofiel: { href: `${this.url}${api}/v1/basisprofielen/${kvkNummer}` },
        ...(type === 'hoofdvestiging'
          ? { vestigingsprofiel: { href: `${this.url}${api}/v1/vestigingsprofielen/${vestigingsnummer}` } }
          : {}),
      },
    });
    const resultaten = [item('hoofdvestiging'), item('rechtspersoon')];
    send(200, {
      pagina: 1,
      resultatenPerPagina: perPage,
      totaal: resultaten.length,
      resultaten,
      _links: { self: { href: `${this.url}${url.pathname}${url.search}` } },
    });
  }

  stop(): Promise<void> {
    return new Promise((r) => this.server.close(() => r()));
  }
}
