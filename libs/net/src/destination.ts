import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { type AddressKind, classifyIp, ipVersion } from './ip-address';

/** Which destinations a server-side request (a webhook) may reach. */
export interface DestinationPolicy {
  /**
   * Also loopback, private (RFC 1918, CGNAT), link-local and unique-local addresses, and local names:
   * development, tests, an on-premises receiver. Metadata services, unspecified, multicast, broadcast and
   * reserved addresses stay refused even then.
   */
  allowPrivate: boolean;
}

/** Allowed only with `allowPrivate`. */
const LOCAL_USE: ReadonlySet<AddressKind> = new Set(['loopback', 'private', 'link-local', 'unique-local']);

/**
 * Names that never mean a public host: `localhost` (RFC 6761), mDNS `.local` (RFC 6762), `.internal` (ICANN,
 * reserved for private use), `.home.arpa` (RFC 8375), `.localdomain` (/etc/hosts convention) and the
 * never-delegated `.lan`, `.home`, `.corp`, `.intranet`.
 */
const LOCAL_SUFFIXES = ['localhost', 'local', 'internal', 'home.arpa', 'localdomain', 'lan', 'home', 'corp', 'intranet'];

/** The address kind that makes `ip` refused under `policy`, or null when it may be reached. */
export function refusedKind(ip: string, policy: DestinationPolicy): AddressKind | null {
  const { kind } = classifyIp(ip);
  if (kind === 'public' || (policy.allowPrivate && LOCAL_USE.has(kind))) return null;
  return kind;
}

const article = (kind: string) => (/^[aeiou]/.test(kind) ? 'an' : 'a');

/**
 * Why a URL's hostname (as WHATWG `URL` gives it: lower case, IPv4 in any spelling normalised to dotted
 * decimal, IPv6 in brackets) is refused before any DNS lookup, or null. A name that passes still has to
 * resolve to allowed addresses.
 */
export function hostnameProblem(hostname: string, policy: DestinationPolicy): string | null {
  if (ipVersion(hostname)) {
    const kind = refusedKind(hostname, policy);
    return kind && `${hostname} is ${article(kind)} ${kind} address`;
  }
  if (policy.allowPrivate) return null;
  const name = hostname.toLowerCase().replace(/\.$/, '');
  const suffix = LOCAL_SUFFIXES.find((s) => name === s || name.endsWith(`.${s}`));
  if (suffix) return `"${name}" is a local name`;
  if (!name.includes('.')) return `"${name}" is not a fully qualified domain name`;
  return null;
}

/** All addresses a name resolves to (the system resolver: hosts file, search domains, DNS). */
export type ResolveAll = (hostname: string) => Promise<LookupAddress[]>;

export const systemResolve: ResolveAll = (hostname) =>
  new Promise((resolve, reject) =>
    dnsLookup(hostname, { all: true, verbatim: true }, (err, addresses) => (err ? reject(err) : resolve(addresses))),
  );

/** Why a set of resolved addresses is refused (one refused address refuses them all), or null. */
export function resolvedProblem(hostname: string, addresses: LookupAddress[], policy: DestinationPolicy): string | null {
  if (addresses.length === 0) return `"${hostname}" resolves to no address`;
  for (const { address } of addresses) {
    const kind = refusedKind(address, policy);
    // The address itself is not named: the resolver may see internal names the caller should not map.
    if (kind) return `"${hostname}" resolves to ${article(kind)} ${kind} address`;
  }
  return null;
}

/** Thrown (as a socket error) when a connection would reach a destination the policy refuses. */
export class DestinationNotAllowedError extends Error {
  readonly code = 'ERR_DESTINATION_NOT_ALLOWED';
  constructor(readonly reason: string) {
    super(`destination not allowed: ${reason}`);
    this.name = 'DestinationNotAllowedError';
  }
}

/**
 * Why `url`'s host is refused, checked now: the literal address or name, then every address the name
 * resolves to. A name that does not resolve (yet) passes: resolution may fail for a while, and every
 * connection is checked again with `guardedLookup`. Waits at most `timeoutMs` for the resolver.
 */
export async function destinationProblem(
  url: URL,
  policy: DestinationPolicy,
  opts: { resolve?: ResolveAll; timeoutMs?: number } = {},
): Promise<string | null> {
  const byName = hostnameProblem(url.hostname, policy);
  if (byName || ipVersion(url.hostname)) return byName;
  let timer: NodeJS.Timeout | undefined;
  const gaveUp = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), opts.timeoutMs ?? 3000)));
  try {
    const addresses = await Promise.race([(opts.resolve ?? systemResolve)(url.hostname), gaveUp]);
    return addresses && resolvedProblem(url.hostname, addresses, policy);
  } catch {
    return null;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * A `lookup` for `net`/`http`/`https` sockets: resolves every address of the name, refuses the connection
 * (`ERR_DESTINATION_NOT_ALLOWED`) if any one is not allowed, and hands the checked addresses to the socket,
 * which connects to exactly those. So a DNS answer that changes between the check and the connection
 * (rebinding) is never used. Sockets call it only for names: check literal addresses with
 * `hostnameProblem` before connecting.
 */
export function guardedLookup(policy: DestinationPolicy, resolve: ResolveAll = systemResolve): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname).then(
      (all) => {
        const problem = hostnameProblem(hostname, policy) ?? resolvedProblem(hostname, all, policy);
        if (problem) return callback(new DestinationNotAllowedError(problem), '', 0);
        const family = options.family === 'IPv4' ? 4 : options.family === 'IPv6' ? 6 : (options.family ?? 0);
        const usable = family ? all.filter((a) => a.family === family) : all;
        if (usable.length === 0) {
          return callback(Object.assign(new Error(`no IPv${family} address for ${hostname}`), { code: 'ENOTFOUND' }), '', 0);
        }
        if (options.all) callback(null, usable);
        else callback(null, usable[0].address, usable[0].family);
      },
      (err: NodeJS.ErrnoException) => callback(err, '', 0),
    );
  };
}
