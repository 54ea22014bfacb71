import { timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';

/** Headers a trusted server-side caller (a storefront's own backend) uses to pass on its buyer's address. */
export const CLIENT_IP_HEADER = 'x-client-ip';
export const CLIENT_IP_SECRET_HEADER = 'x-client-ip-secret';

function first(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

function sameSecret(given: string, secret: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(secret);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * The address rate limits and throttles count by. It is the connection's address as Fastify sees it
 * (`request.ip`, which follows `x-forwarded-for` only from trusted proxies, TRUST_PROXY), unless the caller
 * proves with TRUSTED_CLIENT_IP_SECRET that it is a trusted backend and names its buyer's address in
 * `x-client-ip`; without the right secret that header is ignored.
 */
export function clientIp(
  request: { ip?: string; headers: Record<string, string | string[] | undefined>; socket?: { remoteAddress?: string } },
  trustedSecret: string | undefined,
): string {
  const connection = request.ip ?? request.socket?.remoteAddress ?? 'unknown';
  if (!trustedSecret) return connection;
  const given = first(request.headers[CLIENT_IP_SECRET_HEADER]);
  const forwarded = first(request.headers[CLIENT_IP_HEADER])?.trim();
  if (!given || !forwarded || !sameSecret(given, trustedSecret) || !isIP(forwarded)) return connection;
  return forwarded;
}
