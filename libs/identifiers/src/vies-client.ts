import { isRecord, requestJson, trimBaseUrl, type FetchLike, type HttpOutcome } from './http';

export interface ViesClientOptions {
  /** e.g. `https://ec.europa.eu/taxation_customs/vies/rest-api`; the client POSTs `{baseUrl}/check-vat-number`. */
  readonly baseUrl: string;
  /** Deadline per attempt (headers and body). */
  readonly timeoutMs: number;
  /** Extra attempts after the first, for transient trouble only. */
  readonly retries: number;
  /** Wait before retry n (1-based) is backoffMs · 2^(n−1). */
  readonly backoffMs: number;
  readonly fetchImpl?: FetchLike;
}

export interface ViesCheckRequest {
  /** VAT prefix: `EL` for Greece (`GR` is renamed), `XI` for Northern Ireland. */
  readonly countryCode: string;
  /** The national part without the prefix (ParsedVatNumber.nationalPart). */
  readonly vatNumber: string;
  /** Your own VAT id: needed to get a consultation number (requestIdentifier) back. */
  readonly requesterMemberStateCode?: string;
  readonly requesterNumber?: string;
}

/** VIES error codes (DOMAIN.md §2.2). */
export const VIES_TRANSIENT_ERRORS = [
  'SERVICE_UNAVAILABLE',
  'MS_UNAVAILABLE',
  'TIMEOUT',
  'GLOBAL_MAX_CONCURRENT_REQ',
  'GLOBAL_MAX_CONCURRENT_REQ_TIME',
  'MS_MAX_CONCURRENT_REQ',
  'MS_MAX_CONCURRENT_REQ_TIME',
  'SERVER_BUSY',
] as const;
/** Not fixed by retrying now: your requester id, or a block that needs manual review. */
export const VIES_PERMANENT_ERRORS = ['INVALID_REQUESTER_INFO', 'VAT_BLOCKED', 'IP_BLOCKED'] as const;

export type ViesUnavailableReason =
  | (typeof VIES_TRANSIENT_ERRORS)[number]
  | (typeof VIES_PERMANENT_ERRORS)[number]
  | `HTTP_${number}`
  | 'NETWORK'
  | 'BAD_RESPONSE'
  | 'UNKNOWN_ERROR';

/** What one VIES answer (or the lack of one) means. */
export type ViesOutcome =
  | {
      readonly kind: 'VALID';
      readonly countryCode: string;
      readonly vatNumber: string;
      /** null when the member state does not disclose it (`---`). */
      readonly name: string | null;
      readonly address: string | null;
      /** VIES requestIdentifier: proof of the check; only given when requester data was sent. */
      readonly consultationNumber: string | null;
      readonly requestDate: string | null;
      readonly raw: unknown;
    }
  | { readonly kind: 'NOT_REGISTERED'; readonly raw: unknown }
  /** VIES (or this client, before sending) refused the country code or number. Permanent. */
  | { readonly kind: 'INVALID_INPUT'; readonly message: string; readonly raw?: unknown }
  /**
   * No answer on the number: never read it as "not registered". `transient` says whether retrying later can
   * help; `errorCode` is VIES's own code when it sent one.
   */
  | {
      readonly kind: 'UNAVAILABLE';
      readonly reason: ViesUnavailableReason;
      readonly transient: boolean;
      readonly errorCode?: string;
      readonly message?: string;
      readonly raw?: unknown;
    };

/** The outcome of the last attempt, and how many requests were made (0 when the input was refused locally). */
export type ViesResult = ViesOutcome & { readonly attempts: number };

/** VIES REST client (`POST /check-vat-number`). Never throws for remote trouble. */
export class ViesClient {
  private readonly url: string;
  private readonly fetchImpl: FetchLike;

  constructor(private readonly options: ViesClientOptions) {
    this.url = `${trimBaseUrl(options.baseUrl)}/check-vat-number`;
    this.fetchImpl = options.fetchImpl ?? ((url, init) => fetch(url, init));
  }

  async checkVat(request: ViesCheckRequest): Promise<ViesResult> {
    const body = buildBody(request);
    if (typeof body === 'string') return { kind: 'INVALID_INPUT', message: body, attempts: 0 };
    const init: RequestInit = {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(body),
    };
    const retries = Number.isFinite(this.options.retries) ? Math.max(0, Math.floor(this.options.retries)) : 0;
    const maxAttempts = 1 + retries;
    for (let attempt = 1; ; attempt++) {
      const outcome = interpret(await requestJson(this.fetchImpl, this.url, init, this.options.timeoutMs));
      if (outcome.kind !== 'UNAVAILABLE' || !outcome.transient || attempt >= maxAttempts)
        return { ...outcome, attempts: attempt };
      await sleep(this.options.backoffMs * 2 ** (attempt - 1));
    }
  }
}

/** The CheckVatRequest body, or why it must not be sent (VIES: countryCode [A-Z]{2}, vatNumber [0-9A-Za-z+*.]{2,12}). */
function buildBody(request: ViesCheckRequest): Record<string, string> | string {
  const countryCode = String(request.countryCode ?? '')
    .trim()
    .toUpperCase()
    .replace(/^GR$/, 'EL');
  const vatNumber = String(request.vatNumber ?? '')
    .replace(/\s+/g, '')
    .toUpperCase();
  if (!/^[A-Z]{2}$/.test(countryCode)) return 'countryCode must be two letters.';
  if (!/^[0-9A-Z+*.]{2,12}$/.test(vatNumber)) return 'vatNumber must be 2 to 12 letters, digits, + * or . (without the prefix).';
  const body: Record<string, string> = { countryCode, vatNumber };
  const { requesterMemberStateCode: requesterCountry, requesterNumber } = request;
  if (requesterCountry !== undefined || requesterNumber !== undefined) {
    const rc = String(requesterCountry ?? '')
      .trim()
      .toUpperCase();
    const rn = String(requesterNumber ?? '')
      .replace(/\s+/g, '')
      .toUpperCase();
    if (!/^[A-Z]{2}$/.test(rc) || !/^[0-9A-Z+*.]{2,12}$/.test(rn)) return 'The requester VAT id is malformed.';
    body.requesterMemberStateCode = rc;
    body.requesterNumber = rn;
  }
  return body;
}

function interpret(outcome: HttpOutcome): ViesOutcome {
  if (!outcome.ok) return { kind: 'UNAVAILABLE', reason: outcome.error, transient: true, message: outcome.message };
  const { status, body } = outcome;
  const errorCode = viesErrorCode(body);
  if (errorCode !== undefined) return fromErrorCode(errorCode, body);
  if (status < 200 || status > 299) {
    const transient = status >= 500 || status === 408 || status === 429;
    return { kind: 'UNAVAILABLE', reason: `HTTP_${status}`, transient, raw: body };
  }
  if (!isRecord(body) || typeof body.valid !== 'boolean')
    return { kind: 'UNAVAILABLE', reason: 'BAD_RESPONSE', transient: true, raw: body };
  if (!body.valid) return { kind: 'NOT_REGISTERED', raw: body };
  return {
    kind: 'VALID',
    countryCode: text(body.countryCode) ?? '',
    vatNumber: text(body.vatNumber) ?? '',
    name: text(body.name),
    address: text(body.address),
    consultationNumber: text(body.requestIdentifier),
    requestDate: text(body.requestDate),
    raw: body,
  };
}

/**
 * VIES reports trouble as `{actionSucceed:false, errorWrappers:[{error}]}` (with HTTP 4xx/5xx, and also with
 * HTTP 200), and some deployments as `valid:false` plus `userError` other than VALID/INVALID.
 */
function viesErrorCode(body: unknown): string | undefined {
  if (!isRecord(body)) return undefined;
  const wrappers = Array.isArray(body.errorWrappers) ? body.errorWrappers : [];
  const first = wrappers.find(isRecord);
  if (first && typeof first.error === 'string' && first.error !== '') return first.error;
  if (body.actionSucceed === false) return 'UNKNOWN_ERROR';
  const userError = body.userError;
  if (typeof userError === 'string' && userError !== '' && userError !== 'VALID' && userError !== 'INVALID') return userError;
  return undefined;
}

function fromErrorCode(code: string, raw: unknown): ViesOutcome {
  if (code === 'INVALID_INPUT') return { kind: 'INVALID_INPUT', message: 'VIES refused the country code or number.', raw };
  const known = [...VIES_TRANSIENT_ERRORS, ...VIES_PERMANENT_ERRORS] as readonly string[];
  const reason = (known.includes(code) ? code : 'UNKNOWN_ERROR') as ViesUnavailableReason;
  const transient = !(VIES_PERMANENT_ERRORS as readonly string[]).includes(code);
  return { kind: 'UNAVAILABLE', reason, transient, errorCode: code, raw };
}

/** A trimmed string, or null for absent, empty and VIES's "not disclosed" `---`. */
function text(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  return trimmed === '' || trimmed === '---' ? null : trimmed;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
}
