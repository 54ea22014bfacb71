import { createHmac } from 'node:crypto';
import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import {
  endpointReceives,
  envelopeBody,
  eventData,
  filterMatches,
  generateWebhookSecret,
  isEventFilter,
  MAX_ATTEMPTS,
  retryDelayMs,
  retryWindowMs,
  signWebhook,
  webhookUrlProblem,
} from './index';

describe('retry schedule', () => {
  it('backs off exponentially-ish and gives up after more than 24 hours', () => {
    const delays = Array.from({ length: MAX_ATTEMPTS - 1 }, (_, i) => retryDelayMs(i + 1)!);
    expect(delays[0]).toBe(5_000);
    for (let i = 1; i < delays.length; i++) expect(delays[i]).toBeGreaterThanOrEqual(delays[i - 1]);
    expect(retryWindowMs()).toBeGreaterThanOrEqual(24 * 3_600_000);
    expect(retryDelayMs(MAX_ATTEMPTS)).toBeNull();
    expect(retryDelayMs(MAX_ATTEMPTS + 5)).toBeNull();
  });

  it('scales with the first retry delay (tests), and 0 retries at once', () => {
    expect(retryDelayMs(1, 100)).toBe(100);
    expect(retryDelayMs(2, 100)).toBe(600);
    expect(retryDelayMs(MAX_ATTEMPTS - 1, 100)).toBe(720_000);
    expect(retryDelayMs(3, 0)).toBe(0);
    expect(retryDelayMs(MAX_ATTEMPTS, 0)).toBeNull();
  });

  it('refuses a nonsensical attempt number', () => {
    expect(() => retryDelayMs(0)).toThrow(RangeError);
    expect(() => retryDelayMs(1.5)).toThrow(RangeError);
  });
});

describe('event filters and fan-out', () => {
  it('accepts known types and *, nothing else', () => {
    expect(isEventFilter('customer.registered')).toBe(true);
    expect(isEventFilter('stock.changed')).toBe(true);
    expect(isEventFilter('*')).toBe(true);
    expect(isEventFilter('order.placed')).toBe(true);
    for (const bad of ['customer.*', 'Customer.Registered', '', 'order.unknown', 42, null])
      expect(isEventFilter(bad)).toBe(false);
  });

  it('matches exact types or *', () => {
    expect(filterMatches(['customer.approved'], 'customer.approved')).toBe(true);
    expect(filterMatches(['customer.approved'], 'customer.rejected')).toBe(false);
    expect(filterMatches(['*'], 'anything.new')).toBe(true);
  });

  it("sends a brand's events to that brand's endpoints and to global ones; brand-less events to global ones only", () => {
    const global = { brandId: null, events: ['*'] };
    const brandA = { brandId: 'a', events: ['*'] };
    expect(endpointReceives(global, { brandId: 'a', type: 'customer.registered' })).toBe(true);
    expect(endpointReceives(brandA, { brandId: 'a', type: 'customer.registered' })).toBe(true);
    expect(endpointReceives(brandA, { brandId: 'b', type: 'customer.registered' })).toBe(false);
    expect(endpointReceives(global, { brandId: null, type: 'stock.changed' })).toBe(true);
    expect(endpointReceives(brandA, { brandId: null, type: 'stock.changed' })).toBe(false);
    expect(endpointReceives({ brandId: null, events: ['customer.erased'] }, { brandId: 'a', type: 'customer.registered' })).toBe(
      false,
    );
  });
});

describe('envelope', () => {
  it('has exactly id, type, occurredAt (ISO), brandCode and data, in that order', () => {
    const body = envelopeBody({
      data: { customerId: 'c1' },
      brandCode: 'handug',
      occurredAt: '2025-11-25T10:00:00.123+01:00',
      type: 'customer.approved',
      id: 'e1',
    });
    expect(body).toBe(
      '{"id":"e1","type":"customer.approved","occurredAt":"2025-11-25T09:00:00.123Z","brandCode":"handug","data":{"customerId":"c1"}}',
    );
    expect(
      JSON.parse(envelopeBody({ id: 'e2', type: 'stock.changed', occurredAt: new Date(0), brandCode: null, data: {} })),
    ).toEqual({
      id: 'e2',
      type: 'stock.changed',
      occurredAt: '1970-01-01T00:00:00.000Z',
      brandCode: null,
      data: {},
    });
  });

  it('sends stock levels stored as columns as a list of levels, and every other payload as stored', () => {
    const stored = { warehouseCode: 'w1', skus: ['A', 'B'], onHand: [5, 0], sequences: ['7', '9007199254740993'] };
    expect(eventData('stock.changed', stored)).toEqual({
      warehouseCode: 'w1',
      levels: [
        { sku: 'A', onHand: 5, sequence: '7' },
        { sku: 'B', onHand: 0, sequence: '9007199254740993' },
      ],
    });
    expect(
      JSON.parse(envelopeBody({ id: 'e3', type: 'stock.changed', occurredAt: new Date(0), brandCode: null, data: stored })).data
        .levels,
    ).toHaveLength(2);
    const asSent = { warehouseCode: 'w1', levels: [{ sku: 'A', onHand: 5, sequence: '7' }] };
    expect(eventData('stock.changed', asSent)).toBe(asSent);
    expect(eventData('customer.updated', stored)).toBe(stored); // only stock.changed is stored as columns
    expect(eventData('stock.changed', { ...stored, onHand: [5] })).toEqual({ ...stored, onHand: [5] }); // ragged: as stored
    expect(eventData('stock.changed', null)).toBeNull();
  });
});

describe('webhook URLs', () => {
  it.each([
    ['https with a query', 'https://hooks.example.com/in?x=1', null],
    ['http to a loopback port', 'http://127.0.0.1:8080/hook', null],
    ['ftp', 'ftp://example.com/x', 'must be an http or https URL'],
    ['not a URL', 'not a url', 'must be an http or https URL'],
    ['empty', '', 'must be an http or https URL'],
    ['no host', 'http://', 'must be an http or https URL'],
    ['credentials', 'https://user:pass@hooks.example.com/in', 'must not contain a user name or password'],
    ['leading space', ' https://example.com', 'must not start or end with spaces'],
    ['a fragment', 'https://example.com/#x', 'must not have a #fragment'],
    ['2000 characters', `https://example.com/${'a'.repeat(1980)}`, null],
    ['any port but the bad ones', 'https://erp.example.com:8443/in', null],
    ['SMTP port', 'http://mail.example.com:25/', 'must not use port 25 (reserved for a protocol other than HTTP)'],
    ['port 0', 'http://hooks.example.com:0/', 'must not use port 0 (reserved for a protocol other than HTTP)'],
    ['2001 characters', `https://example.com/${'a'.repeat(1981)}`, 'must be at most 2000 characters'],
  ])('%s', (_label, url, problem) => {
    expect(webhookUrlProblem(url)).toBe(problem);
  });
});

describe('Standard Webhooks signatures', () => {
  const body = envelopeBody({ id: 'msg_1', type: 'customer.registered', occurredAt: new Date(), brandCode: 'a', data: { x: 1 } });

  it('generates whsec_ secrets of 32 random bytes', () => {
    const s = generateWebhookSecret();
    expect(s).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(s.slice(6), 'base64')).toHaveLength(32);
    expect(generateWebhookSecret()).not.toBe(s);
  });

  it('signs so that the standardwebhooks library verifies it', () => {
    const secret = generateWebhookSecret();
    const headers = signWebhook(secret, 'msg_1', new Date(), body);
    expect(headers['webhook-id']).toBe('msg_1');
    expect(headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    expect(new Webhook(secret).verify(body, { ...headers })).toEqual(JSON.parse(body));
  });

  it('is HMAC-SHA256 over "id.timestamp.body" with the base64-decoded secret (the spec, not just the library)', () => {
    const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
    const at = new Date(1_614_265_330_000);
    const headers = signWebhook(secret, 'msg_p5jXN8AQM9LWM0D4loKWxJek', at, '{"test": 2432232314}');
    const expected = createHmac('sha256', Buffer.from(secret.slice(6), 'base64'))
      .update('msg_p5jXN8AQM9LWM0D4loKWxJek.1614265330.{"test": 2432232314}')
      .digest('base64');
    expect(headers).toEqual({
      'webhook-id': 'msg_p5jXN8AQM9LWM0D4loKWxJek',
      'webhook-timestamp': '1614265330',
      'webhook-signature': `v1,${expected}`,
    });
    // The example of the Standard Webhooks specification.
    expect(headers['webhook-signature']).toBe('v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=');
  });

  it('fails verification for a changed body, another secret or an old timestamp', () => {
    const secret = generateWebhookSecret();
    const headers = signWebhook(secret, 'msg_1', new Date(), body);
    expect(() => new Webhook(secret).verify(body.replace('"x":1', '"x":2'), { ...headers })).toThrow(WebhookVerificationError);
    expect(() => new Webhook(generateWebhookSecret()).verify(body, { ...headers })).toThrow(WebhookVerificationError);
    const old = signWebhook(secret, 'msg_1', new Date(Date.now() - 10 * 60_000), body);
    expect(() => new Webhook(secret).verify(body, { ...old })).toThrow(/too old/);
  });
});
