import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

/** One request as the receiver saw it. */
export interface ReceivedWebhook {
  path: string;
  /** `webhook-id`: the event id, the same on every attempt. */
  id: string;
  headers: Record<string, string>;
  body: string;
  json: any;
  /** 1 for the first request with this webhook-id on this path, 2 for the second… */
  nth: number;
  /** What the receiver answered (null while hanging, or never). */
  answered: number | null;
  /** The sender closed the connection before an answer (gave up: timeout, shutdown, crash). */
  abandoned: boolean;
}

/**
 * How to answer a request: an HTTP status, a status with headers and body (a redirect, a chatty error page), or
 * 'hang' (no answer until `releaseHanging`, or the caller gives up).
 */
export type Answer = number | 'hang' | { status: number; headers?: Record<string, string>; body?: string };
export type Behaviour = (req: ReceivedWebhook) => Answer;

/**
 * A local downstream system receiving webhooks (the real wire format: POST, JSON body, Standard Webhooks
 * headers). Each endpoint under test gets its own path; answers are chosen per path (default 204).
 */
export class WebhookReceiver {
  readonly received: ReceivedWebhook[] = [];
  private readonly behaviours = new Map<string, Behaviour>();
  private readonly hanging: Array<{ req: ReceivedWebhook; res: ServerResponse }> = [];
  private server: Server;
  private port = 0;

  private constructor() {
    this.server = this.newServer();
  }

  static async start(): Promise<WebhookReceiver> {
    const rx = new WebhookReceiver();
    await rx.listen();
    return rx;
  }

  private newServer(): Server {
    return createServer((req, res) => void this.handle(req, res));
  }

  private listen(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.port, '127.0.0.1', () => {
        this.port = (this.server.address() as AddressInfo).port;
        resolve();
      });
    });
  }

  url(path: string): string {
    return `http://127.0.0.1:${this.port}${path}`;
  }

  on(path: string, behaviour: Behaviour): void {
    this.behaviours.set(path, behaviour);
  }

  at(path: string): ReceivedWebhook[] {
    return this.received.filter((r) => r.path === path);
  }

  /** Waits until `probe` over the requests so far holds. */
  async waitFor(probe: (all: ReceivedWebhook[]) => boolean, timeoutMs = 15000): Promise<ReceivedWebhook[]> {
    const until = Date.now() + timeoutMs;
    while (!probe(this.received)) {
      if (Date.now() > until) {
        throw new Error(`webhook receiver: condition not met within ${timeoutMs} ms; got ${JSON.stringify(this.summary())}`);
      }
      await new Promise((r) => setTimeout(r, 25));
    }
    return this.received;
  }

  /** Requests to `path` until there are at least `n`. */
  async waitForCount(path: string, n: number, timeoutMs?: number): Promise<ReceivedWebhook[]> {
    await this.waitFor(() => this.at(path).length >= n, timeoutMs);
    return this.at(path);
  }

  summary(): Array<[string, string, number, number | null]> {
    return this.received.map((r) => [r.path, r.id, r.nth, r.answered]);
  }

  /** Requests on hold right now. */
  get hangingCount(): number {
    return this.hanging.length;
  }

  releaseHanging(status = 200): void {
    for (const h of this.hanging.splice(0)) {
      if (h.req.abandoned || h.res.destroyed) continue;
      h.req.answered = status;
      h.res.writeHead(status).end();
    }
  }

  /** Stops listening and drops every connection (the port is kept for `resume`). */
  async pause(): Promise<void> {
    this.releaseHanging(503);
    await new Promise<void>((r) => {
      this.server.close(() => r());
      this.server.closeAllConnections();
    });
    this.server = this.newServer();
  }

  resume(): Promise<void> {
    return this.listen();
  }

  async stop(): Promise<void> {
    this.releaseHanging(503);
    await new Promise<void>((r) => {
      this.server.close(() => r());
      this.server.closeAllConnections();
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let body = '';
    for await (const chunk of req) body += chunk;
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers[k] = v;
    const path = req.url ?? '/';
    const id = headers['webhook-id'] ?? '';
    let json: any = null;
    try {
      json = JSON.parse(body);
    } catch {
      /* recorded as is */
    }
    const entry: ReceivedWebhook = {
      path,
      id,
      headers,
      body,
      json,
      nth: this.received.filter((r) => r.path === path && r.id === id).length + 1,
      answered: null,
      abandoned: false,
    };
    this.received.push(entry);
    if (req.method !== 'POST') {
      entry.answered = 405;
      res.writeHead(405).end();
      return;
    }
    const answer = (this.behaviours.get(path) ?? (() => 204))(entry);
    if (answer === 'hang') {
      this.hanging.push({ req: entry, res });
      res.once('close', () => {
        if (entry.answered === null) entry.abandoned = true;
      });
      return;
    }
    const reply = typeof answer === 'number' ? { status: answer } : answer;
    entry.answered = reply.status;
    res
      .writeHead(reply.status, { 'content-type': 'text/plain', ...reply.headers })
      .end(reply.body ?? (reply.status < 300 ? 'ok' : 'nope'));
  }
}

/** The body as verified with the standardwebhooks library and this secret (throws when the signature is wrong). */
export function verified(secret: string, r: ReceivedWebhook): unknown {
  return new Webhook(secret).verify(r.body, {
    'webhook-id': r.headers['webhook-id'],
    'webhook-timestamp': r.headers['webhook-timestamp'],
    'webhook-signature': r.headers['webhook-signature'],
  });
}
