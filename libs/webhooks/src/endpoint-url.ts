import { BAD_PORTS, urlPort } from '../../net/src';

export const MAX_WEBHOOK_URL_LENGTH = 2000;

/**
 * Why a webhook URL is refused, or null when it is fine: http(s), with a host, at most 2000 characters, no
 * credentials (receivers verify the signature instead), no fragment, any port but the Fetch Standard's
 * bad ports (SMTP, IRC, SIP…). Where the host may be reached is the destination policy's question
 * (`libs/net`: `destinationProblem`), asked at creation and again at every delivery.
 */
export function webhookUrlProblem(raw: unknown): string | null {
  if (typeof raw !== 'string' || raw.trim() === '') return 'must be an http or https URL';
  if (raw.length > MAX_WEBHOOK_URL_LENGTH) return `must be at most ${MAX_WEBHOOK_URL_LENGTH} characters`;
  if (raw !== raw.trim()) return 'must not start or end with spaces';
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'must be an http or https URL';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'must be an http or https URL';
  if (!url.hostname) return 'must name a host';
  if (url.username || url.password) return 'must not contain a user name or password';
  if (url.hash) return 'must not have a #fragment';
  if (BAD_PORTS.has(urlPort(url))) return `must not use port ${urlPort(url)} (reserved for a protocol other than HTTP)`;
  return null;
}
