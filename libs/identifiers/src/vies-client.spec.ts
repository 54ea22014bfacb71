import { ViesClient, type ViesClientOptions } from './index';
import { sendJson, startStubServer, type StubHandler, type StubServer } from './testing/stub-http-server';

// Bodies in the real VIES REST format (swagger_publicVAT.yaml: CheckVatResponse / CommonResponse).
const validBody = {
  countryCode: 'NL',
  vatNumber: '004495445B01',
  requestDate: '2025-03-14T10:15:30.123Z',
  valid: true,
  requestIdentifier: 'WAPIAAAAZ3xYz123',
  name: 'VOORBEELD B.V.',
  address: '\nKERKSTRAAT 00001\n1234AB AMSTERDAM\n',
  traderName: '',
  traderStreet: '',
  traderPostalCode: '',
  traderCity: '',
  traderCompanyType: '',
  traderNameMatch: 'NOT_PROCESSED',
  traderStreetMatch: 'NOT_PROCESSED',
  traderPostalCodeMatch: 'NOT_PROCESSED',
  traderCityMatch: 'NOT_PROCESSED',
  traderCompanyTypeMatch: 'NOT_PROCESSED',
};
const notRegisteredBody = { ...validBody, valid: false, requestIdentifier: '', name: '---', address: '---' };
const failure = (error: string) => ({ actionSucceed: false, errorWrappers: [{ error, message: null }] });

const request = { countryCode: 'NL', vatNumber: '004495445B01', requesterMemberStateCode: 'NL', requesterNumber: '123456782B01' };

describe('ViesClient against a local VIES', () => {
  let server: StubServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  async function clientFor(handler: StubHandler, options: Partial<ViesClientOptions> = {}) {
    server = await startStubServer(handler);
    return new ViesClient({ baseUrl: `${server.url}/`, timeoutMs: 5000, retries: 2, backoffMs: 5, ...options });
  }

  it('VALID: posts the real CheckVatRequest and returns name, address and consultation number', async () => {
    const client = await clientFor((_req, res) => sendJson(res, 200, validBody));
    const result = await client.checkVat(request);
    expect(result).toEqual({
      kind: 'VALID',
      countryCode: 'NL',
      vatNumber: '004495445B01',
      name: 'VOORBEELD B.V.',
      address: 'KERKSTRAAT 00001\n1234AB AMSTERDAM',
      consultationNumber: 'WAPIAAAAZ3xYz123',
      requestDate: '2025-03-14T10:15:30.123Z',
      raw: validBody,
      attempts: 1,
    });
    const [sent] = server!.requests;
    expect(sent!.method).toBe('POST');
    expect(sent!.url).toBe('/check-vat-number');
    expect(sent!.headers['content-type']).toBe('application/json');
    expect(JSON.parse(sent!.body)).toEqual(request);
  });

  it('VALID without disclosed name/address (---) and without requester data', async () => {
    const body = { ...validBody, countryCode: 'DE', vatNumber: '136695976', name: '---', address: '---', requestIdentifier: '' };
    const client = await clientFor((_req, res) => sendJson(res, 200, body));
    const result = await client.checkVat({ countryCode: 'de', vatNumber: '136695976' });
    expect(result).toMatchObject({ kind: 'VALID', name: null, address: null, consultationNumber: null });
    expect(JSON.parse(server!.requests[0]!.body)).toEqual({ countryCode: 'DE', vatNumber: '136695976' });
  });

  it('sends EL for a GR country code', async () => {
    const client = await clientFor((_req, res) => sendJson(res, 200, { ...validBody, countryCode: 'EL' }));
    await client.checkVat({ countryCode: 'GR', vatNumber: '094259216' });
    expect(JSON.parse(server!.requests[0]!.body)).toMatchObject({ countryCode: 'EL' });
  });

  it('NOT_REGISTERED on valid:false without an error, in one attempt', async () => {
    const client = await clientFor((_req, res) => sendJson(res, 200, notRegisteredBody));
    expect(await client.checkVat(request)).toEqual({ kind: 'NOT_REGISTERED', raw: notRegisteredBody, attempts: 1 });
    expect(server!.requests).toHaveLength(1);
  });

  it('HTTP 500 is UNAVAILABLE after all retries, never NOT_REGISTERED', async () => {
    const client = await clientFor((_req, res) => {
      res.writeHead(500, { 'content-type': 'text/html' });
      res.end('<html>Internal Server Error</html>');
    });
    expect(await client.checkVat(request)).toMatchObject({
      kind: 'UNAVAILABLE',
      reason: 'HTTP_500',
      transient: true,
      attempts: 3,
    });
    expect(server!.requests).toHaveLength(3);
  });

  it('HTTP 500 with a CommonResponse reports the VIES error code', async () => {
    const client = await clientFor((_req, res) => sendJson(res, 500, failure('SERVICE_UNAVAILABLE')), { retries: 0 });
    expect(await client.checkVat(request)).toMatchObject({
      kind: 'UNAVAILABLE',
      reason: 'SERVICE_UNAVAILABLE',
      errorCode: 'SERVICE_UNAVAILABLE',
      attempts: 1,
    });
  });

  it('HTTP 200 with actionSucceed:false + MS_MAX_CONCURRENT_REQ is retried, then UNAVAILABLE', async () => {
    const body = failure('MS_MAX_CONCURRENT_REQ');
    const client = await clientFor((_req, res) => sendJson(res, 200, body));
    const result = await client.checkVat(request);
    expect(result).toEqual({
      kind: 'UNAVAILABLE',
      reason: 'MS_MAX_CONCURRENT_REQ',
      transient: true,
      errorCode: 'MS_MAX_CONCURRENT_REQ',
      raw: body,
      attempts: 3,
    });
    expect(server!.requests).toHaveLength(3);
  });

  it('valid:false with userError MS_UNAVAILABLE is trouble, not "not registered"; retry then success', async () => {
    const bodies = [{ ...notRegisteredBody, userError: 'MS_UNAVAILABLE' }, failure('GLOBAL_MAX_CONCURRENT_REQ'), validBody];
    const client = await clientFor((_req, res, i) => sendJson(res, 200, bodies[i]));
    expect(await client.checkVat(request)).toMatchObject({ kind: 'VALID', consultationNumber: 'WAPIAAAAZ3xYz123', attempts: 3 });
  });

  it('a server that never answers gives TIMEOUT per attempt', async () => {
    const client = await clientFor(() => undefined, { timeoutMs: 60, retries: 1, backoffMs: 1 });
    const started = Date.now();
    const result = await client.checkVat(request);
    expect(result).toMatchObject({ kind: 'UNAVAILABLE', reason: 'TIMEOUT', transient: true, attempts: 2 });
    expect(Date.now() - started).toBeLessThan(2000);
    expect(server!.requests).toHaveLength(2);
  });

  it('a body that stalls after the headers also times out', async () => {
    const client = await clientFor(
      (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('{"valid":');
      },
      { timeoutMs: 60, retries: 0 },
    );
    expect(await client.checkVat(request)).toMatchObject({ kind: 'UNAVAILABLE', reason: 'TIMEOUT' });
  });

  it('INVALID_INPUT from VIES is its own kind and is not retried', async () => {
    const client = await clientFor((_req, res) => sendJson(res, 400, failure('INVALID_INPUT')));
    expect(await client.checkVat(request)).toMatchObject({ kind: 'INVALID_INPUT', attempts: 1 });
    expect(server!.requests).toHaveLength(1);
  });

  it.each(['INVALID_REQUESTER_INFO', 'VAT_BLOCKED', 'IP_BLOCKED'])(
    '%s is UNAVAILABLE, not transient, not retried',
    async (code) => {
      const client = await clientFor((_req, res) => sendJson(res, 200, failure(code)));
      expect(await client.checkVat(request)).toMatchObject({ kind: 'UNAVAILABLE', reason: code, transient: false, attempts: 1 });
    },
  );

  it('an unknown error code is UNAVAILABLE (UNKNOWN_ERROR) and keeps the code', async () => {
    const client = await clientFor((_req, res) => sendJson(res, 200, failure('SOMETHING_NEW')), { retries: 0 });
    expect(await client.checkVat(request)).toMatchObject({
      kind: 'UNAVAILABLE',
      reason: 'UNKNOWN_ERROR',
      errorCode: 'SOMETHING_NEW',
    });
  });

  it('a 404 (wrong base URL) is UNAVAILABLE, not transient, never NOT_REGISTERED', async () => {
    const client = await clientFor((_req, res) => {
      res.writeHead(404);
      res.end('Not Found');
    });
    expect(await client.checkVat(request)).toMatchObject({
      kind: 'UNAVAILABLE',
      reason: 'HTTP_404',
      transient: false,
      attempts: 1,
    });
  });

  it('a 200 that is not a CheckVatResponse is BAD_RESPONSE', async () => {
    const client = await clientFor(
      (_req, res) => {
        res.writeHead(200, { 'content-type': 'text/html' });
        res.end('<html>maintenance</html>');
      },
      { retries: 0 },
    );
    expect(await client.checkVat(request)).toMatchObject({ kind: 'UNAVAILABLE', reason: 'BAD_RESPONSE' });
  });

  it('a refused connection is NETWORK', async () => {
    const closed = await startStubServer(() => undefined);
    await closed.close();
    const client = new ViesClient({ baseUrl: closed.url, timeoutMs: 500, retries: 1, backoffMs: 1 });
    expect(await client.checkVat(request)).toMatchObject({ kind: 'UNAVAILABLE', reason: 'NETWORK', attempts: 2 });
  });

  it('never throws, even when fetch itself throws', async () => {
    const fetchImpl = () => {
      throw new TypeError('boom');
    };
    const client = new ViesClient({ baseUrl: 'http://vies.invalid', timeoutMs: 100, retries: 0, backoffMs: 1, fetchImpl });
    expect(await client.checkVat(request)).toMatchObject({ kind: 'UNAVAILABLE', reason: 'NETWORK', message: 'boom' });
  });

  it.each([
    [{ countryCode: 'N', vatNumber: '004495445B01' }],
    [{ countryCode: 'NL', vatNumber: 'NL004495445B01' }],
    [{ countryCode: 'NL', vatNumber: '004495445B01"}' }],
    [{ countryCode: 'NL', vatNumber: '1' }],
    [{ ...request, requesterNumber: '' }],
  ])('refuses malformed input locally without a request: %j', async (input) => {
    const fetchImpl = jest.fn();
    const client = new ViesClient({ baseUrl: 'http://vies.invalid', timeoutMs: 100, retries: 0, backoffMs: 1, fetchImpl });
    expect(await client.checkVat(input)).toMatchObject({ kind: 'INVALID_INPUT', attempts: 0 });
    expect(fetchImpl).not.toHaveBeenCalled();
  });
});
