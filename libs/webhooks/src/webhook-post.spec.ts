import { Agent as HttpAgent } from 'node:http';
import { type AddressInfo, createServer as createTcpServer, type Server, type Socket } from 'node:net';
import type { ResolveAll } from '../../net/src';
import { startStubServer, type StubServer } from '../../identifiers/src/testing/stub-http-server';
import { DESTINATION_NOT_ALLOWED, deliveryErrorMessage, postWebhook } from './index';

const DEV = { allowPrivate: true };
const STRICT = { allowPrivate: false };
const post = (policy = DEV, extra: { resolve?: ResolveAll; signal?: AbortSignal } = {}) => ({
  headers: { 'content-type': 'application/json', 'webhook-id': 'msg_1' },
  body: '{"id":"msg_1"}',
  signal: extra.signal ?? AbortSignal.timeout(2000),
  policy,
  resolve: extra.resolve,
});
const toLoopback: ResolveAll = async () => [{ address: '127.0.0.1', family: 4 }];

describe('postWebhook', () => {
  let stub: StubServer;
  const port = () => new URL(stub.url).port;

  beforeAll(async () => {
    stub = await startStubServer((req, res) => {
      if (req.url === '/redirect') res.writeHead(302, { location: `${stub.url}/target` }).end();
      else if (req.url === '/chatty')
        res.writeHead(500, { 'content-type': 'text/plain' }).end('redis_version:7.2.4 internal banner');
      else if (req.url === '/big') res.writeHead(200).end('x'.repeat(1024 * 1024));
      else res.writeHead(204).end();
    });
  });
  afterAll(() => stub.close());
  beforeEach(() => stub.requests.splice(0));

  it('POSTs the body and headers and answers the status', async () => {
    expect(await postWebhook(`${stub.url}/in?x=1`, post())).toBe(204);
    expect(stub.requests).toEqual([expect.objectContaining({ method: 'POST', url: '/in?x=1', body: '{"id":"msg_1"}' })]);
    expect(stub.requests[0].headers).toMatchObject({ 'webhook-id': 'msg_1', 'content-length': '14' });
  });

  it('does not follow a redirect: the 3xx is the answer', async () => {
    expect(await postWebhook(`${stub.url}/redirect`, post())).toBe(302);
    expect(stub.requests.map((r) => r.url)).toEqual(['/redirect']);
  });

  it('answers only the status of a chatty receiver, and does not read a large body into memory', async () => {
    expect(await postWebhook(`${stub.url}/chatty`, post())).toBe(500);
    expect(await postWebhook(`${stub.url}/big`, post())).toBe(200);
  });

  it.each([
    'http://127.0.0.1:PORT/x',
    'http://2130706433:PORT/x',
    'http://0x7f.1:PORT/x',
    'http://localhost:PORT/x',
    'http://[::ffff:127.0.0.1]:PORT/x',
  ])('refuses %s without connecting when private addresses are not allowed', async (url) => {
    const err = await postWebhook(url.replace('PORT', port()), post(STRICT)).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'ERR_DESTINATION_NOT_ALLOWED' });
    expect(deliveryErrorMessage(err)).toBe(DESTINATION_NOT_ALLOWED);
    expect(stub.requests).toEqual([]);
  });

  it('refuses a name that resolves to loopback at connection time, without connecting', async () => {
    const err = await postWebhook(`http://hooks.example.com:${port()}/x`, post(STRICT, { resolve: toLoopback })).catch((e) => e);
    expect(err).toMatchObject({ code: 'ERR_DESTINATION_NOT_ALLOWED' });
    expect(stub.requests).toEqual([]);
  });

  it('connects to the address its own lookup checked (and sends the name as Host)', async () => {
    expect(await postWebhook(`http://hooks.example.com:${port()}/named`, post(DEV, { resolve: toLoopback }))).toBe(204);
    expect(stub.requests[0]).toMatchObject({
      url: '/named',
      headers: expect.objectContaining({ host: `hooks.example.com:${port()}` }),
    });
  });

  it('checks every connection of keep-alive agents too', async () => {
    const agents = { http: new HttpAgent({ keepAlive: true }) };
    try {
      const via = (policy: typeof DEV) => ({ ...post(policy, { resolve: toLoopback }), agents });
      expect(await postWebhook(`http://hooks.example.com:${port()}/pooled`, via(DEV))).toBe(204);
      await expect(postWebhook(`http://other.example.com:${port()}/pooled`, via(STRICT))).rejects.toMatchObject({
        code: 'ERR_DESTINATION_NOT_ALLOWED',
      });
      expect(stub.requests.map((r) => r.headers.host)).toEqual([`hooks.example.com:${port()}`]);
    } finally {
      agents.http.destroy();
    }
  });

  it('refuses bad ports and other schemes', async () => {
    await expect(postWebhook('http://93.184.215.14:25/', post(STRICT))).rejects.toMatchObject({
      code: 'ERR_DESTINATION_NOT_ALLOWED',
    });
    await expect(postWebhook('ftp://93.184.215.14/', post(STRICT))).rejects.toMatchObject({
      code: 'ERR_DESTINATION_NOT_ALLOWED',
    });
  });

  it('stops on the signal', async () => {
    const stop = new AbortController();
    stop.abort();
    await expect(postWebhook(`${stub.url}/x`, post(DEV, { signal: stop.signal }))).rejects.toMatchObject({ name: 'AbortError' });
  });

  describe('against something that is not an HTTP server', () => {
    let tcp: Server;
    const sockets: Socket[] = [];
    beforeAll(async () => {
      tcp = createTcpServer((s) => {
        sockets.push(s);
        s.end("-ERR unknown command 'POST', with args beginning with: secret-key\r\n");
      });
      await new Promise<void>((r) => tcp.listen(0, '127.0.0.1', r));
    });
    afterAll(() => {
      for (const s of sockets) s.destroy();
      return new Promise<void>((r) => tcp.close(() => r()));
    });

    it('fails with a fixed message that carries none of its bytes', async () => {
      const err = await postWebhook(`http://127.0.0.1:${(tcp.address() as AddressInfo).port}/`, post()).catch((e) => e);
      expect(deliveryErrorMessage(err)).toBe('not an HTTP answer');
    });
  });
});

describe('deliveryErrorMessage', () => {
  it.each<[unknown, string]>([
    [Object.assign(new Error('connect ECONNREFUSED 10.0.0.1:5432'), { code: 'ECONNREFUSED' }), 'connection refused'],
    [Object.assign(new Error('getaddrinfo ENOTFOUND x'), { code: 'ENOTFOUND' }), 'host not found'],
    [Object.assign(new Error('Parse Error: banner'), { code: 'HPE_INVALID_CONSTANT' }), 'not an HTTP answer'],
    [Object.assign(new Error('certificate has expired'), { code: 'CERT_HAS_EXPIRED' }), 'TLS error (CERT_HAS_EXPIRED)'],
    [Object.assign(new Error('x'), { code: 'ERR_TLS_CERT_ALTNAME_INVALID' }), 'TLS error (ERR_TLS_CERT_ALTNAME_INVALID)'],
    [Object.assign(new Error('x'), { code: 'EWHATEVER' }), 'network error (EWHATEVER)'],
    [Object.assign(new Error('x'), { code: 'not a code <script>' }), 'network error'],
    [new Error('anything the receiver said'), 'network error'],
    [null, 'network error'],
  ])('%s → %s', (error, message) => {
    expect(deliveryErrorMessage(error)).toBe(message);
  });
});
