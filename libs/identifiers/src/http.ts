/** The subset of `fetch` the clients use; inject one in tests or to add a proxy / custom TLS agent. */
export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

export type HttpOutcome =
  | { readonly ok: true; readonly status: number; readonly body: unknown }
  | { readonly ok: false; readonly error: 'TIMEOUT' | 'NETWORK'; readonly message: string };

/**
 * One request with a deadline that covers the headers and the body. The body is parsed as JSON when it
 * is JSON, and is `undefined` otherwise. Never throws: a thrown or rejected fetch becomes NETWORK, the
 * deadline TIMEOUT.
 */
export async function requestJson(fetchImpl: FetchLike, url: string, init: RequestInit, timeoutMs: number): Promise<HttpOutcome> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    const response = await fetchImpl(url, { ...init, signal: controller.signal });
    const text = await response.text();
    return { ok: true, status: response.status, body: parseJson(text) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, error: controller.signal.aborted ? 'TIMEOUT' : 'NETWORK', message };
  } finally {
    clearTimeout(timer);
  }
}

function parseJson(text: string): unknown {
  try {
    return text === '' ? undefined : (JSON.parse(text) as unknown);
  } catch {
    return undefined;
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The base URL without trailing slashes. */
export function trimBaseUrl(baseUrl: string): string {
  return baseUrl.trim().replace(/\/+$/, '');
}
