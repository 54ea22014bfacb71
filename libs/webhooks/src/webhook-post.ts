import { type Agent as HttpAgent, request as httpRequest } from 'node:http';
import { type Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import {
  BAD_PORTS,
  DestinationNotAllowedError,
  type DestinationPolicy,
  guardedLookup,
  hostnameProblem,
  type ResolveAll,
  urlPort,
} from '../../net/src';

/** The fixed text recorded for a delivery the destination policy refused (nothing about the address). */
export const DESTINATION_NOT_ALLOWED = 'destination address not allowed';

/** At most this much of an answer's body is read (and thrown away) to keep the connection reusable. */
const MAX_DRAINED_BYTES = 64 * 1024;

export interface WebhookPost {
  headers: Record<string, string>;
  body: string;
  signal: AbortSignal;
  policy: DestinationPolicy;
  /** Keep-alive agents; each connection they open is still checked by the guarded lookup. */
  agents?: { http?: HttpAgent; https?: HttpsAgent };
  /** The resolver (tests inject one; default: the system's). */
  resolve?: ResolveAll;
}

/**
 * POSTs one webhook and answers the receiver's HTTP status. Only to an allowed destination: a literal
 * address is checked here, a name when the socket resolves it (every address, connecting to the checked
 * ones only). Redirects are not followed (a 3xx is the answer); the answer's body is never read into
 * memory. Rejects on refusal (`ERR_DESTINATION_NOT_ALLOWED`), network errors and `signal`.
 */
export function postWebhook(target: string, post: WebhookPost): Promise<number> {
  const url = new URL(target);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return Promise.reject(new DestinationNotAllowedError(`scheme ${url.protocol}`));
  }
  const refused = hostnameProblem(url.hostname, post.policy) ?? (BAD_PORTS.has(urlPort(url)) ? `port ${urlPort(url)}` : null);
  if (refused) return Promise.reject(new DestinationNotAllowedError(refused));
  const https = url.protocol === 'https:';
  return new Promise<number>((resolve, reject) => {
    const req = (https ? httpsRequest : httpRequest)(
      {
        method: 'POST',
        hostname: url.hostname.replace(/^\[(.*)\]$/, '$1'),
        port: urlPort(url),
        path: `${url.pathname}${url.search}`,
        headers: { ...post.headers, 'content-length': String(Buffer.byteLength(post.body)) },
        agent: https ? post.agents?.https : post.agents?.http,
        lookup: guardedLookup(post.policy, post.resolve),
        signal: post.signal,
      },
      (res) => {
        const status = res.statusCode ?? 0;
        let drained = 0;
        res.on('data', (chunk: Buffer) => {
          drained += chunk.length;
          if (drained > MAX_DRAINED_BYTES) res.destroy();
        });
        // The status is the answer, whatever happens to the body (ended, cut off, aborted).
        res.once('end', () => resolve(status));
        res.once('close', () => resolve(status));
        res.once('error', () => resolve(status));
      },
    );
    req.once('error', reject);
    req.end(post.body);
  });
}

const CODES: Record<string, string> = {
  ERR_DESTINATION_NOT_ALLOWED: DESTINATION_NOT_ALLOWED,
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  EPIPE: 'connection reset',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host name lookup failed',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ETIMEDOUT: 'connection timed out',
};

/**
 * A fixed description of why an attempt failed, from the error's code only: never the receiver's bytes
 * (a response body, a banner in a parse error) and never a resolved address.
 */
export function deliveryErrorMessage(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return 'network error';
  if (CODES[code]) return CODES[code];
  if (code.startsWith('HPE_')) return 'not an HTTP answer';
  if (/^(ERR_TLS_|ERR_SSL_|CERT_|UNABLE_TO_|DEPTH_ZERO_|SELF_SIGNED_|HOSTNAME_MISMATCH)/.test(code)) return `TLS error (${code})`;
  return /^[A-Z0-9_]{1,48}$/.test(code) ? `network error (${code})` : 'network error';
}
