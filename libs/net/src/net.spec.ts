import type { LookupAddress } from 'node:dns';
import {
  type AddressKind,
  BAD_PORTS,
  classifyIp,
  DestinationNotAllowedError,
  destinationProblem,
  guardedLookup,
  hostnameProblem,
  type ResolveAll,
  urlPort,
} from './index';

const STRICT = { allowPrivate: false };
const DEV = { allowPrivate: true };

/** The host as `new URL` normalises it, then judged: every spelling a URL can carry. */
const hostOf = (url: string) => new URL(url).hostname;

describe('classifyIp', () => {
  it.each<[string, AddressKind]>([
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback'],
    ['::1', 'loopback'],
    ['[::1]', 'loopback'],
    ['0:0:0:0:0:0:0:1', 'loopback'],
    ['10.0.0.1', 'private'],
    ['10.255.255.255', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['100.64.0.1', 'private'],
    ['100.127.255.255', 'private'],
    ['fec0::1', 'private'],
    ['169.254.0.1', 'link-local'],
    ['fe80::1', 'link-local'],
    ['febf::1', 'link-local'],
    ['fc00::1', 'unique-local'],
    ['fd00::1', 'unique-local'],
    ['fdff:ffff::1', 'unique-local'],
    ['169.254.169.254', 'metadata'],
    ['169.254.170.2', 'metadata'],
    ['fd00:ec2::254', 'metadata'],
    ['100.100.100.200', 'metadata'],
    ['192.0.0.192', 'metadata'],
    ['0.0.0.0', 'unspecified'],
    ['0.1.2.3', 'unspecified'],
    ['::', 'unspecified'],
    ['224.0.0.1', 'multicast'],
    ['239.255.255.250', 'multicast'],
    ['ff02::1', 'multicast'],
    ['255.255.255.255', 'broadcast'],
    ['240.0.0.1', 'reserved'],
    ['192.0.2.10', 'reserved'],
    ['198.51.100.7', 'reserved'],
    ['203.0.113.9', 'reserved'],
    ['198.18.0.1', 'reserved'],
    ['192.0.0.8', 'reserved'],
    ['192.88.99.1', 'reserved'],
    ['2001:db8::1', 'reserved'],
    ['3fff::1', 'reserved'],
    ['2001::1', 'reserved'], // Teredo
    ['100::1', 'reserved'],
    ['64:ff9b:1::a00:1', 'reserved'],
    ['::7f00:1', 'reserved'], // IPv4-compatible (deprecated)
    ['::ffff:0:7f00:1', 'reserved'], // IPv4-translated
    ['4000::1', 'reserved'], // outside 2000::/3
    // IPv6 forms carrying an IPv4 address are judged by it.
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['::FFFF:A9FE:A9FE', 'metadata'],
    ['::ffff:10.1.2.3', 'private'],
    ['64:ff9b::127.0.0.1', 'loopback'],
    ['64:ff9b::a9fe:a9fe', 'metadata'],
    ['2002:7f00:1::1', 'loopback'],
    ['2002:c0a8:101::1', 'private'],
    // Public
    ['93.184.215.14', 'public'],
    ['8.8.8.8', 'public'],
    ['1.1.1.1', 'public'],
    ['172.15.255.255', 'public'],
    ['172.32.0.1', 'public'],
    ['100.63.255.255', 'public'],
    ['100.128.0.1', 'public'],
    ['192.169.0.1', 'public'],
    ['169.253.255.255', 'public'],
    ['223.255.255.255', 'public'],
    ['2606:2800:220:1:248:1893:25c8:1946', 'public'],
    ['2a00:1450:4001:82b::200e', 'public'],
    ['::ffff:8.8.8.8', 'public'],
    ['64:ff9b::808:808', 'public'], // DNS64 on IPv6-only networks
    ['2002:808:808::1', 'public'],
  ])('%s is %s', (ip, kind) => {
    expect(classifyIp(ip).kind).toBe(kind);
  });

  it('names the range that matched, and the IPv4 address inside an IPv6 form', () => {
    expect(classifyIp('10.1.2.3')).toEqual({ kind: 'private', range: 'private-use 10.0.0.0/8' });
    expect(classifyIp('::ffff:169.254.169.254')).toEqual({
      kind: 'metadata',
      range: 'cloud metadata 169.254.169.254',
      via: '169.254.169.254',
    });
    expect(classifyIp('8.8.4.4')).toEqual({ kind: 'public', range: null });
  });

  it('refuses to classify what is not an address', () => {
    for (const bad of ['localhost', '127.1', '1.2.3.4.5', '', '::g', 'example.com'])
      expect(() => classifyIp(bad)).toThrow(TypeError);
  });
});

describe('hostnameProblem: every spelling of an internal host, as a URL carries it', () => {
  it.each<[string, RegExp]>([
    ['http://169.254.169.254/latest/meta-data/', /169\.254\.169\.254 is a metadata address/],
    ['http://127.0.0.1:5432/', /127\.0\.0\.1 is a loopback address/],
    ['http://127.0.0.1:6379/', /loopback/],
    ['http://2130706433/', /127\.0\.0\.1 is a loopback/],
    ['http://0177.0.0.1/', /127\.0\.0\.1 is a loopback/],
    ['http://0x7f.1/', /127\.0\.0\.1 is a loopback/],
    ['http://0x7f000001/', /loopback/],
    ['http://127.1/', /loopback/],
    ['http://127.0.0.1./', /loopback/],
    ['http://%31%32%37.0.0.1/', /loopback/],
    ['http://①②⑦.0.0.1/', /loopback/],
    ['http://127。0。0。1/', /loopback/],
    ['http://0.0.0.0/', /0\.0\.0\.0 is an unspecified address/],
    ['http://0/', /unspecified/],
    ['http://[::]/', /unspecified/],
    ['http://[::1]:8080/', /\[::1\] is a loopback/],
    ['http://[0:0:0:0:0:0:0:1]/', /loopback/],
    ['http://[::ffff:127.0.0.1]/', /loopback/],
    ['http://[::ffff:7f00:1]/', /loopback/],
    ['http://[::ffff:169.254.169.254]/', /metadata/],
    ['http://[64:ff9b::7f00:1]/', /loopback/],
    ['http://[2002:7f00:1::]/', /loopback/],
    ['http://10.0.0.5/', /private/],
    ['http://012.0.0.5/', /private/],
    ['http://172.16.0.1/', /private/],
    ['http://172.31.255.255/', /private/],
    ['http://192.168.1.1/', /private/],
    ['http://0xc0a80101/', /private/],
    ['http://100.64.0.1/', /private/],
    ['http://[fd00::1]/', /unique-local/],
    ['http://[fc00::1]/', /unique-local/],
    ['http://[fe80::1]/', /link-local/],
    ['http://169.254.1.1/', /link-local/],
    ['http://[fd00:ec2::254]/', /metadata/],
    ['http://224.0.0.1/', /multicast/],
    ['http://[ff02::1]/', /multicast/],
    ['http://255.255.255.255/', /broadcast/],
    ['http://240.0.0.1/', /reserved/],
    ['http://localhost/', /"localhost" is a local name/],
    ['http://LOCALHOST:3000/', /local name/],
    ['http://localhost./', /local name/],
    ['http://api.localhost/', /local name/],
    ['http://printer.local/', /local name/],
    ['http://metadata.google.internal/computeMetadata/v1/', /local name/],
    ['http://router.home.arpa/', /local name/],
    ['http://db.localdomain/', /local name/],
    ['http://redis:6379/', /"redis" is not a fully qualified domain name/],
    ['http://postgres./', /not a fully qualified/],
  ])('%s is refused', (url, message) => {
    expect(hostnameProblem(hostOf(url), STRICT)).toMatch(message);
  });

  it.each([
    'https://hooks.example.com/in',
    'https://erp.acme.nl:8443/webhooks',
    'http://93.184.215.14/',
    'https://[2606:2800:220:1:248:1893:25c8:1946]/',
    'https://[::ffff:8.8.8.8]/',
    'https://localhost.example.com/', // a real domain whose first label is "localhost"
    'https://xn--bcher-kva.example/',
  ])('%s passes (before DNS)', (url) => {
    expect(hostnameProblem(hostOf(url), STRICT)).toBeNull();
  });

  it('WEBHOOK_ALLOW_PRIVATE_URLS opens local addresses and names, never metadata, unspecified, multicast or reserved', () => {
    for (const url of [
      'http://127.0.0.1:4000/',
      'http://localhost/',
      'http://[::1]/',
      'http://10.1.1.1/',
      'http://redis:6379/',
      'http://[fd12::1]/',
      'http://169.254.1.1/',
    ]) {
      expect(hostnameProblem(hostOf(url), DEV)).toBeNull();
    }
    for (const url of [
      'http://169.254.169.254/',
      'http://[fd00:ec2::254]/',
      'http://0.0.0.0/',
      'http://224.0.0.1/',
      'http://255.255.255.255/',
      'http://192.0.2.1/',
    ]) {
      expect(hostnameProblem(hostOf(url), DEV)).not.toBeNull();
    }
  });
});

const fakeResolver =
  (answers: Record<string, string[] | Error>): ResolveAll =>
  async (hostname) => {
    const a = answers[hostname];
    if (!a) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
    if (a instanceof Error) throw a;
    return a.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  };

describe('destinationProblem: names that resolve to internal addresses', () => {
  const resolve = fakeResolver({
    'hooks.example.com': ['93.184.215.14', '2606:2800:220:1:248:1893:25c8:1946'],
    '127.0.0.1.nip.io': ['127.0.0.1'],
    'mixed.example.com': ['93.184.215.14', '10.0.0.7'],
    'v6-internal.example.com': ['2606:2800:220:1::1', 'fd00::7'],
    'mapped.example.com': ['::ffff:127.0.0.1'],
    'metadata.example.com': ['169.254.169.254'],
  });
  const check = (url: string, policy = STRICT) => destinationProblem(new URL(url), policy, { resolve });

  it('passes a name whose every address is public', async () => {
    expect(await check('https://hooks.example.com/in')).toBeNull();
  });

  it.each([
    ['https://127.0.0.1.nip.io/', 'loopback'],
    ['https://mixed.example.com/', 'private'],
    ['https://v6-internal.example.com/', 'unique-local'],
    ['https://mapped.example.com/', 'loopback'],
    ['https://metadata.example.com/', 'metadata'],
  ])('refuses %s (any one internal address refuses the name)', async (url, kind) => {
    const problem = await check(url);
    expect(problem).toContain(`resolves to a${/^[aeiou]/.test(kind) ? 'n' : ''} ${kind} address`);
    expect(problem!.split('resolves to')[1]).not.toMatch(/\d+\.\d+|fd00|::/); // the resolved address is not echoed
  });

  it('lets a name that does not resolve (yet) pass: every connection is checked again', async () => {
    expect(await check('https://not-yet.example.com/')).toBeNull();
  });

  it('gives up waiting for a slow resolver', async () => {
    const never: ResolveAll = () => new Promise(() => undefined);
    expect(await destinationProblem(new URL('https://slow.example.com/'), STRICT, { resolve: never, timeoutMs: 20 })).toBeNull();
  });

  it('checks literals and local names without resolving', async () => {
    const none: ResolveAll = () => Promise.reject(new Error('must not resolve'));
    expect(await destinationProblem(new URL('http://0x7f.1/'), STRICT, { resolve: none })).toMatch(/loopback/);
    expect(await destinationProblem(new URL('http://localhost/'), STRICT, { resolve: none })).toMatch(/local name/);
    expect(await destinationProblem(new URL('http://8.8.8.8/'), STRICT, { resolve: none })).toBeNull();
  });

  it('with WEBHOOK_ALLOW_PRIVATE_URLS a name may resolve to loopback, still not to a metadata address', async () => {
    expect(await check('https://127.0.0.1.nip.io/', DEV)).toBeNull();
    expect(await check('https://metadata.example.com/', DEV)).toMatch(/metadata/);
  });
});

describe('guardedLookup: the check at connection time', () => {
  type Answer = { err: NodeJS.ErrnoException | null; address: string | LookupAddress[]; family?: number };
  const lookup = (fn: ReturnType<typeof guardedLookup>, host: string, options: { all?: boolean; family?: number } = {}) =>
    new Promise<Answer>((resolve) => fn(host, options, (err, address, family) => resolve({ err, address, family })));

  it('hands the checked addresses to the socket', async () => {
    const fn = guardedLookup(STRICT, fakeResolver({ 'hooks.example.com': ['93.184.215.14', '2606:2800:220:1::1'] }));
    expect(await lookup(fn, 'hooks.example.com', { all: true })).toEqual({
      err: null,
      address: [
        { address: '93.184.215.14', family: 4 },
        { address: '2606:2800:220:1::1', family: 6 },
      ],
      family: undefined,
    });
    expect(await lookup(fn, 'hooks.example.com', { family: 6 })).toEqual({ err: null, address: '2606:2800:220:1::1', family: 6 });
  });

  it('refuses when any address is internal, whichever family the socket asked for', async () => {
    const fn = guardedLookup(STRICT, fakeResolver({ 'mixed.example.com': ['93.184.215.14', 'fd00::1'] }));
    const { err } = await lookup(fn, 'mixed.example.com', { family: 4 });
    expect(err).toBeInstanceOf(DestinationNotAllowedError);
    expect(err?.code).toBe('ERR_DESTINATION_NOT_ALLOWED');
  });

  it('a name that answered public at creation and internal at delivery (rebinding) is refused at delivery', async () => {
    let calls = 0;
    const rebinding: ResolveAll = async () => [{ address: calls++ === 0 ? '93.184.215.14' : '127.0.0.1', family: 4 }];
    expect(await destinationProblem(new URL('https://rebind.example.com/'), STRICT, { resolve: rebinding })).toBeNull();
    const { err } = await lookup(guardedLookup(STRICT, rebinding), 'rebind.example.com', { all: true });
    expect(err?.code).toBe('ERR_DESTINATION_NOT_ALLOWED');
  });

  it('passes resolver errors on', async () => {
    const { err } = await lookup(guardedLookup(STRICT, fakeResolver({})), 'gone.example.com');
    expect(err?.code).toBe('ENOTFOUND');
  });
});

describe('ports', () => {
  it('knows the Fetch Standard bad ports and the default ports', () => {
    for (const p of [0, 22, 25, 587, 5060, 6667, 10080]) expect(BAD_PORTS.has(p)).toBe(true);
    for (const p of [80, 443, 3000, 5432, 6379, 8080, 8443]) expect(BAD_PORTS.has(p)).toBe(false);
    expect(urlPort(new URL('https://a.example/'))).toBe(443);
    expect(urlPort(new URL('http://a.example/'))).toBe(80);
    expect(urlPort(new URL('http://a.example:8080/'))).toBe(8080);
  });
});
