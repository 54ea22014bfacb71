import { isIP } from 'node:net';

/**
 * What an IP address is, for deciding whether a server may connect to it on a customer's behalf.
 * `public`: globally routable unicast. Everything else is a special-purpose range (IANA IPv4/IPv6
 * Special-Purpose Address Registries, RFC 6890 and successors).
 */
export type AddressKind =
  | 'public'
  /** 127/8, ::1 */
  | 'loopback'
  /** RFC 1918, 100.64/10 shared (CGNAT), deprecated IPv6 site-local fec0::/10 */
  | 'private'
  /** 169.254/16, fe80::/10 */
  | 'link-local'
  /** fc00::/7 */
  | 'unique-local'
  /** cloud instance metadata services (inside the link-local, shared or unique-local ranges) */
  | 'metadata'
  /** 0/8 ("this network"), :: */
  | 'unspecified'
  | 'multicast'
  | 'broadcast'
  /** documentation, benchmarking, IETF protocol assignments, 240/4, unassigned IPv6 space … */
  | 'reserved';

export interface AddressClass {
  kind: AddressKind;
  /** The special-purpose range that matched (null for public). */
  range: string | null;
  /** For IPv6 forms that carry an IPv4 address (mapped, NAT64, 6to4): the IPv4 address that decided. */
  via?: string;
}

interface Range {
  net: bigint;
  bits: number;
  kind: Exclude<AddressKind, 'public'>;
  name: string;
}

const V4: Array<[string, number, Exclude<AddressKind, 'public'>, string]> = [
  ['0.0.0.0', 8, 'unspecified', '"this network" 0.0.0.0/8'],
  ['10.0.0.0', 8, 'private', 'private-use 10.0.0.0/8'],
  ['100.64.0.0', 10, 'private', 'shared address space (CGNAT) 100.64.0.0/10'],
  ['100.100.100.200', 32, 'metadata', 'Alibaba Cloud metadata 100.100.100.200'],
  ['127.0.0.0', 8, 'loopback', 'loopback 127.0.0.0/8'],
  ['169.254.0.0', 16, 'link-local', 'link-local 169.254.0.0/16'],
  ['169.254.169.254', 32, 'metadata', 'cloud metadata 169.254.169.254'],
  ['169.254.170.2', 32, 'metadata', 'AWS ECS task metadata 169.254.170.2'],
  ['172.16.0.0', 12, 'private', 'private-use 172.16.0.0/12'],
  ['192.0.0.0', 24, 'reserved', 'IETF protocol assignments 192.0.0.0/24'],
  ['192.0.0.192', 32, 'metadata', 'Oracle Cloud metadata 192.0.0.192'],
  ['192.0.2.0', 24, 'reserved', 'documentation 192.0.2.0/24'],
  ['192.88.99.0', 24, 'reserved', '6to4 relay anycast 192.88.99.0/24'],
  ['192.168.0.0', 16, 'private', 'private-use 192.168.0.0/16'],
  ['198.18.0.0', 15, 'reserved', 'benchmarking 198.18.0.0/15'],
  ['198.51.100.0', 24, 'reserved', 'documentation 198.51.100.0/24'],
  ['203.0.113.0', 24, 'reserved', 'documentation 203.0.113.0/24'],
  ['224.0.0.0', 4, 'multicast', 'multicast 224.0.0.0/4'],
  ['240.0.0.0', 4, 'reserved', 'reserved 240.0.0.0/4'],
  ['255.255.255.255', 32, 'broadcast', 'limited broadcast 255.255.255.255'],
];

/** IPv6 ranges after the IPv4-carrying forms (::ffff:0:0/96, 64:ff9b::/96, 2002::/16) were unwrapped. */
const V6: Array<[string, number, Exclude<AddressKind, 'public'>, string]> = [
  ['::', 128, 'unspecified', 'unspecified ::'],
  ['::1', 128, 'loopback', 'loopback ::1'],
  ['::', 8, 'reserved', 'reserved ::/8 (IPv4-compatible, IPv4-translated)'],
  ['64:ff9b:1::', 48, 'reserved', 'local-use NAT64 64:ff9b:1::/48'],
  ['100::', 64, 'reserved', 'discard-only 100::/64'],
  ['2001::', 23, 'reserved', 'IETF protocol assignments 2001::/23 (Teredo, benchmarking, ORCHID)'],
  ['2001:db8::', 32, 'reserved', 'documentation 2001:db8::/32'],
  ['3fff::', 20, 'reserved', 'documentation 3fff::/20'],
  ['fc00::', 7, 'unique-local', 'unique-local fc00::/7'],
  ['fd00:ec2::254', 128, 'metadata', 'AWS metadata fd00:ec2::254'],
  ['fe80::', 10, 'link-local', 'link-local fe80::/10'],
  ['fec0::', 10, 'private', 'site-local (deprecated) fec0::/10'],
  ['ff00::', 8, 'multicast', 'multicast ff00::/8'],
];

const bySpecificity = (a: Range, b: Range) => b.bits - a.bits;
const V4_RANGES: Range[] = V4.map(([ip, bits, kind, name]) => ({ net: ipv4ToBigInt(ip), bits, kind, name })).sort(bySpecificity);
const V6_RANGES: Range[] = V6.map(([ip, bits, kind, name]) => ({ net: ipv6ToBigInt(ip), bits, kind, name })).sort(bySpecificity);

const GLOBAL_UNICAST = { net: ipv6ToBigInt('2000::'), bits: 3 };
const MAPPED = { net: ipv6ToBigInt('::ffff:0:0'), bits: 96 };
const NAT64 = { net: ipv6ToBigInt('64:ff9b::'), bits: 96 };
const SIX_TO_FOUR = { net: ipv6ToBigInt('2002::'), bits: 16 };

function inRange(addr: bigint, width: number, range: { net: bigint; bits: number }): boolean {
  const shift = BigInt(width - range.bits);
  return addr >> shift === range.net >> shift;
}

function ipv4ToBigInt(ip: string): bigint {
  return ip.split('.').reduce((acc, part) => (acc << 8n) | BigInt(Number(part)), 0n);
}

function bigIntToIpv4(n: bigint): string {
  return [24n, 16n, 8n, 0n].map((s) => String((n >> s) & 255n)).join('.');
}

/** A valid IPv6 text form (`isIP(ip) === 6`, no zone) as a 128-bit number. */
function ipv6ToBigInt(ip: string): bigint {
  let text = ip;
  const lastColon = text.lastIndexOf(':');
  const tail = text.slice(lastColon + 1);
  if (tail.includes('.')) {
    const v4 = ipv4ToBigInt(tail);
    text = `${text.slice(0, lastColon + 1)}${(v4 >> 16n).toString(16)}:${(v4 & 0xffffn).toString(16)}`;
  }
  const [head, rest] = text.split('::');
  const left = head ? head.split(':') : [];
  const right = rest === undefined ? [] : rest ? rest.split(':') : [];
  const groups = rest === undefined ? left : [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right];
  return groups.reduce((acc, g) => (acc << 16n) | BigInt(parseInt(g, 16)), 0n);
}

/** Strips URL brackets (`[::1]`) and a zone id (`fe80::1%eth0`). */
function bare(ip: string): string {
  const unbracketed = ip.startsWith('[') && ip.endsWith(']') ? ip.slice(1, -1) : ip;
  const zone = unbracketed.indexOf('%');
  return zone === -1 ? unbracketed : unbracketed.slice(0, zone);
}

/** 4 or 6 for an IP address in canonical text form (URL brackets allowed), 0 for anything else. */
export function ipVersion(ip: string): 0 | 4 | 6 {
  return isIP(bare(ip)) as 0 | 4 | 6;
}

function classifyV4(n: bigint): AddressClass {
  const hit = V4_RANGES.find((r) => inRange(n, 32, r));
  return hit ? { kind: hit.kind, range: hit.name } : { kind: 'public', range: null };
}

/**
 * Classifies an IP address given in its textual form (as `dns.lookup` answers, or a URL's hostname with
 * brackets). IPv6 forms that carry an IPv4 address are judged by that IPv4 address: IPv4-mapped
 * (::ffff:127.0.0.1), NAT64 (64:ff9b::/96, which DNS64 synthesises for public hosts on IPv6-only
 * networks) and 6to4 (2002::/16). Outside 2000::/3 nothing in IPv6 is public. Throws on a non-address:
 * callers resolve names first.
 */
export function classifyIp(ip: string): AddressClass {
  const text = bare(ip);
  const version = isIP(text);
  if (version === 4) return classifyV4(ipv4ToBigInt(text));
  if (version !== 6) throw new TypeError(`not an IP address: ${JSON.stringify(ip)}`);
  const n = ipv6ToBigInt(text.toLowerCase());
  for (const carrier of [MAPPED, NAT64]) {
    if (inRange(n, 128, carrier)) {
      const v4 = n & 0xffffffffn;
      return { ...classifyV4(v4), via: bigIntToIpv4(v4) };
    }
  }
  if (inRange(n, 128, SIX_TO_FOUR)) {
    const v4 = (n >> 80n) & 0xffffffffn;
    return { ...classifyV4(v4), via: bigIntToIpv4(v4) };
  }
  const hit = V6_RANGES.find((r) => inRange(n, 128, r));
  if (hit) return { kind: hit.kind, range: hit.name };
  if (!inRange(n, 128, GLOBAL_UNICAST)) return { kind: 'reserved', range: 'unassigned (outside 2000::/3)' };
  return { kind: 'public', range: null };
}
