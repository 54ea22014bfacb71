import { createServer, type IncomingMessage, type Server } from 'node:http';

export type ViesBehaviour =
  | { kind: 'VALID'; name?: string }
  | { kind: 'NOT_REGISTERED' }
  /** Trouble for the first `times` calls (HTTP 200 + actionSucceed:false, or HTTP 500), then valid. */
  | { kind: 'UNAVAILABLE'; times: number; as: 'MS_UNAVAILABLE' | 'MS_MAX_CONCURRENT_REQ' | 'HTTP_500' };

/** A local VIES REST API (`POST /check-vat-number`) answering in the real JSON format. */
export class FakeVies {
  readonly requests: Array<Record<string, string>> = [];
  private readonly behaviours = new Map<string, ViesBehaviour>();
  private readonly calls = new Map<string, number>();
  private counter = 0;

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(): Promise<FakeVies> {
    const holder: { vies?: FakeVies } = {};
    const server = createServer((req, res) => void holder.vies!.handle(req, res));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as { port: number }).port;
    holder.vies = new FakeVies(server, `http://127.0.0.1:${port}`);
    return holder.vies;
  }

  /** How VIES answers for a country code + national part, e.g. `NL004495445B01`. Default: valid. */
  set(vat: string, behaviour: ViesBehaviour): void {
    this.behaviours.set(vat, behaviour);
    this.calls.delete(vat);
  }

  private async handle(req: IncomingMessage, res: import('node:http').ServerResponse): Promise<void> {
    let body = '';
    for await (const chunk of req) body += chunk;
    if (req.method !== 'POST' || !req.url?.endsWith('/check-vat-number')) {
      res.writeHead(404).end();
      return;
    }
    const r = JSON.parse(body) as Record<string, string>;
    this.requests.push(r);
    const key = `${r.countryCode}${r.vatNumber}`;
    const n = (this.calls.get(key) ?? 0) + 1;
    this.calls.set(key, n);
    const b = this.behaviours.get(key) ?? { kind: 'VALID' };
    const send = (status: number, json: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(json));
    };
    if (b.kind === 'UNAVAILABLE' && n <= b.times) {
      if (b.as === 'HTTP_500') return send(500, { actionSucceed: false, errorWrappers: [{ error: 'SERVICE_UNAVAILABLE' }] });
      return send(200, { actionSucceed: false, errorWrappers: [{ error: b.as, message: null }] });
    }
    const valid = b.kind !== 'NOT_REGISTERED';
    const requester = Boolean(r.requesterMemberStateCode && r.requesterNumber);
    send(200, {
      countryCode: r.countryCode,
      vatNumber: r.vatNumber,
      requestDate: new Date().toISOString(),
      valid,
      requestIdentifier: valid && requester ? `WAPI${String(++this.counter).padStart(8, '0')}` : '',
      name: valid ? (b.kind === 'VALID' && b.name) || 'VOORBEELD B.V.' : '---',
      address: valid ? '\nKERKSTRAAT 00001\n1234AB AMSTERDAM\n' : '---',
      traderName: '',
      traderStreet: '',
      traderPostalCode: '',
      traderCity: '',
      traderCompanyType: '',
      traderNameMatch: 'NOT_PROCESSED',
      traderStreetMatch: 'NOT_PROCESSED',
      traderPostalCodeMatch: 'NOT_PROCESSED',
      traderCityMatch: 'NOT_PROCESSED',
      traderCompanyTypeMatch: 'NOT_PROCESSED',
    });
  }

  stop(): Promise<void> {
    return new Promise((r) => this.server.close(() => r()));
  }
}
