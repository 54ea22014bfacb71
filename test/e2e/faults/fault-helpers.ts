import { Agent, request } from 'node:http';
import type { ApiClient } from '../../support/clients';
import { PUSH } from '../../support/catalog-fixtures';

export interface RawAnswer {
  status: number;
  connection: string | undefined;
  body: any;
}

/**
 * One POST over node:http on a given agent (so the test controls keep-alive sockets), answering the status,
 * the `connection` header and the parsed body — or rejecting with the socket error (e.g. ECONNRESET).
 * With `rest`, only the headers and half the body go out at once, the other half once `rest` resolves.
 */
export function post(agent: Agent, client: ApiClient, body: unknown, rest?: Promise<unknown>): Promise<RawAnswer> {
  const url = new URL(`${client.app.url}${client.path}`);
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        agent,
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload), ...client.headers },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (text += d));
        res.on('error', reject);
        res.on('end', () => {
          try {
            resolve({ status: res.statusCode ?? 0, connection: res.headers.connection, body: JSON.parse(text) });
          } catch (e) {
            reject(new Error(`incomplete answer (${(e as Error).message}): ${text.slice(0, 200)}`));
          }
        });
      },
    );
    req.on('error', reject);
    if (!rest) return req.end(payload);
    const half = Math.floor(payload.length / 2);
    req.write(payload.slice(0, half));
    void rest.then(() => req.end(payload.slice(half)));
  });
}

/** A full batch of `n` stock levels for one warehouse at one sequence (unknown SKUs are stored too). */
export function levels(prefix: string, n: number, sequence: number) {
  return Array.from({ length: n }, (_, i) => ({ sku: `${prefix}-${i}`, onHand: (i % 9) + sequence, sequence: String(sequence) }));
}

export const pushBody = (warehouseCode: string, l: unknown[]) => ({ query: PUSH, variables: { w: warehouseCode, l } });

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
