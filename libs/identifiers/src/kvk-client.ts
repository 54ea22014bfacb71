import { isRecord, requestJson, trimBaseUrl, type FetchLike } from './http';
import { parseKvkNumber } from './kvk-number';

export interface KvkClientOptions {
  /**
   * The KvK API host with its environment: `https://api.kvk.nl` (production) or `https://api.kvk.nl/test`
   * (test environment). A trailing `/api` is accepted too (`https://api.kvk.nl/test/api`).
   */
  readonly baseUrl: string;
  /** Sent in the `apikey` header. */
  readonly apiKey: string;
  readonly timeoutMs: number;
  readonly fetchImpl?: FetchLike;
}

export type KvkLookupResult =
  | {
      readonly kind: 'FOUND';
      readonly kvkNumber: string;
      /** The main name: the hoofdvestiging's trade name, else the rechtspersoon's, else the first. */
      readonly name: string;
      /** Every distinct name in the register entries, to compare a given company name against. */
      readonly names: readonly string[];
      /** false when every registration found is inactive (ended). */
      readonly active: boolean;
      readonly raw: unknown;
    }
  | { readonly kind: 'NOT_FOUND'; readonly raw?: unknown }
  /** Not an 8-digit KvK number: no request was made. */
  | { readonly kind: 'INVALID_INPUT'; readonly message: string }
  | {
      readonly kind: 'UNAVAILABLE';
      readonly reason: 'TIMEOUT' | 'NETWORK' | 'BAD_RESPONSE' | `HTTP_${number}`;
      readonly message?: string;
      readonly raw?: unknown;
    };

interface ResultItem {
  readonly kvkNummer?: unknown;
  readonly naam?: unknown;
  readonly type?: unknown;
  readonly actief?: unknown;
}

/**
 * KvK lookup through API Zoeken v2 (`GET {api}/v2/zoeken?kvkNummer=…`, header `apikey`), which answers
 * existence, name and activity without the per-call cost of the Basisprofiel. A 404 carrying KvK's
 * `{fout:[…]}` body means "geen resultaten"; a bare 404 (wrong URL) is UNAVAILABLE. Never throws.
 */
export class KvkClient {
  private readonly apiRoot: string;
  private readonly fetchImpl: FetchLike;

  constructor(private readonly options: KvkClientOptions) {
    const base = trimBaseUrl(options.baseUrl);
    this.apiRoot = base.endsWith('/api') ? base : `${base}/api`;
    this.fetchImpl = options.fetchImpl ?? ((url, init) => fetch(url, init));
  }

  async lookup(kvkNumber: string): Promise<KvkLookupResult> {
    const parsed = parseKvkNumber(kvkNumber);
    if (!parsed.ok) return { kind: 'INVALID_INPUT', message: parsed.message };
    const query = new URLSearchParams({
      kvkNummer: parsed.value,
      inclusiefInactieveRegistraties: 'true',
      resultatenPerPagina: '100',
    });
    const init: RequestInit = { method: 'GET', headers: { apikey: this.options.apiKey, accept: 'application/json' } };
    const outcome = await requestJson(this.fetchImpl, `${this.apiRoot}/v2/zoeken?${query}`, init, this.options.timeoutMs);
    if (!outcome.ok) return { kind: 'UNAVAILABLE', reason: outcome.error, message: outcome.message };
    const { status, body } = outcome;
    if (status === 404 && isRecord(body) && Array.isArray(body.fout)) return { kind: 'NOT_FOUND', raw: body };
    if (status !== 200) return { kind: 'UNAVAILABLE', reason: `HTTP_${status}`, raw: body };
    if (!isRecord(body) || !Array.isArray(body.resultaten)) return { kind: 'UNAVAILABLE', reason: 'BAD_RESPONSE', raw: body };
    const items = (body.resultaten as unknown[])
      .filter(isRecord)
      .map((item) => item as ResultItem)
      .filter((item) => item.kvkNummer === undefined || item.kvkNummer === parsed.value);
    const named = items.filter(
      (item): item is ResultItem & { naam: string } => typeof item.naam === 'string' && item.naam.trim() !== '',
    );
    if (named.length === 0) return { kind: 'NOT_FOUND', raw: body };
    const main = named.find((i) => i.type === 'hoofdvestiging') ?? named.find((i) => i.type === 'rechtspersoon') ?? named[0]!;
    const names = [...new Set(named.map((item) => item.naam.trim()))];
    const active = items.some((item) => typeof item.actief !== 'string' || item.actief.toLowerCase() !== 'nee');
    return { kind: 'FOUND', kvkNumber: parsed.value, name: main.naam.trim(), names, active, raw: body };
  }
}
