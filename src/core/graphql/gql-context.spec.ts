import type { IncomingMessage } from 'node:http';
import { clientAddress } from './gql-context';

const req = (remoteAddress: string, xff?: string) =>
  ({ socket: { remoteAddress }, headers: xff === undefined ? {} : { 'x-forwarded-for': xff } }) as unknown as IncomingMessage;

describe('clientAddress (graphql-ws upgrade requests)', () => {
  it.each([
    ['203.0.113.5', undefined, '203.0.113.5'],
    ['203.0.113.5', '198.51.100.1', '203.0.113.5'], // not from a trusted proxy: the header is ignored
    ['127.0.0.1', undefined, '127.0.0.1'],
    ['127.0.0.1', '198.51.100.1', '198.51.100.1'],
    ['::1', '198.51.100.1', '198.51.100.1'],
    ['::ffff:127.0.0.1', '10.0.0.1, 198.51.100.1', '198.51.100.1'], // the rightmost untrusted hop, not the client's claim
    ['127.0.0.1', '198.51.100.1, 127.0.0.1', '198.51.100.1'],
    ['127.0.0.1', '', '127.0.0.1'],
  ])('socket %s, x-forwarded-for %s → %s', (socket, xff, expected) => expect(clientAddress(req(socket, xff))).toBe(expected));
});
