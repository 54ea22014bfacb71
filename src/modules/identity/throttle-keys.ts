import { createHash } from 'node:crypto';
import { isIPv6 } from 'node:net';

/**
 * The address a throttle counts a client by: an IPv4 address as is (also when IPv4-mapped), an IPv6 address
 * by its /64 — one subscriber usually holds a whole /64, so counting single IPv6 addresses would give an
 * attacker 2^64 fresh counters.
 */
export function throttleAddress(ip: string): string {
  const bare = ip.trim().replace(/%.*$/, '').toLowerCase();
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(bare);
  if (mapped) return mapped[1];
  if (!isIPv6(bare)) return bare;
  const [head, tail] = bare.includes('::') ? bare.split('::') : [bare, undefined];
  const groups = (s: string | undefined) =>
    s ? s.split(':').flatMap((g) => (g.includes('.') ? ['0', '0'] /* an embedded IPv4 is the low 32 bits */ : [g])) : [];
  const h = groups(head);
  const t = groups(tail);
  const all = tail === undefined ? h : [...h, ...Array<string>(8 - h.length - t.length).fill('0'), ...t];
  return `${all
    .slice(0, 4)
    .map((g) => parseInt(g, 16).toString(16))
    .join(':')}::/64`;
}

/** A login identity as a short, stable key: e-mail addresses stay out of Redis (and out of erasure's reach). */
export function accountKey(...parts: string[]): string {
  return createHash('sha256').update(parts.join('\u0000')).digest('base64url').slice(0, 22);
}
