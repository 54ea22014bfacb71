import { type Client, createClient } from 'graphql-ws';
import WebSocket from 'ws';
import type { TestApp } from './app';

const wsUrl = (app: TestApp) => `${app.url.replace(/^http/, 'ws')}/graphql`;

/** What the client saw: a close (code, reason) rather than a CloseEvent, whose fields JSON.stringify hides. */
function plain(e: unknown): unknown {
  if (e && typeof e === 'object' && 'code' in e && 'reason' in e) {
    return { closeCode: (e as { code: number }).code, reason: String((e as { reason: unknown }).reason) };
  }
  return e;
}

/** A subscription that the server refuses in the resolver, after the same checks as a real one. */
const SYNC = 'subscription { stockChanged(skus: []) { sku } }';

/** A graphql-ws subscriber on the Storefront API that collects what it receives. */
export class Subscriber {
  readonly received: any[] = [];
  readonly errors: unknown[] = [];
  private readonly client: Client;
  private readonly disposers: Array<() => void> = [];

  constructor(app: TestApp, token: string, connectionParams: Record<string, unknown> = {}) {
    this.client = createClient({
      url: wsUrl(app),
      webSocketImpl: WebSocket,
      connectionParams: { 'x-storefront-token': token, ...connectionParams },
      retryAttempts: 0,
      lazy: false,
      onNonLazyError: (e) => this.errors.push(plain(e)),
    });
  }

  /** Subscribes and resolves once the server has accepted the subscription (a round trip through the same path). */
  async subscribe(query: string, variables: Record<string, unknown> = {}): Promise<void> {
    this.disposers.push(
      this.client.subscribe(
        { query, variables },
        { next: (v) => this.received.push(v), error: (e) => this.errors.push(plain(e)), complete: () => undefined },
      ),
    );
    // graphql-ws handles messages in order and both go through onSubscribe, the guard and the resolver: once
    // the later one answers, the subscription is registered.
    await new Promise<void>((resolve, reject) => {
      const d = this.client.subscribe(
        { query: SYNC },
        {
          next: () => undefined,
          error: (e) => reject(plain(e)),
          complete: () => {
            d();
            resolve();
          },
        },
      );
    });
  }

  async waitFor(n: number, timeoutMs = 3000): Promise<any[]> {
    const until = Date.now() + timeoutMs;
    while (this.received.length < n && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
    return this.received;
  }

  async close(): Promise<void> {
    for (const d of this.disposers) d();
    await this.client.dispose();
  }
}

/** A raw graphql-transport-ws socket: send any frame, read every message, see how it closes. */
export class RawSocket {
  readonly messages: any[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;
  private readonly ws: WebSocket;
  private waiters: Array<() => void> = [];

  private constructor(app: TestApp) {
    this.ws = new WebSocket(wsUrl(app), 'graphql-transport-ws');
    this.ws.on('message', (data) => {
      this.messages.push(JSON.parse(String(data)));
      this.wake();
    });
    this.ws.on('error', () => undefined); // a refused socket reports through `closed`
    this.closed = new Promise((resolve) => {
      this.ws.on('close', (code, reason) => {
        resolve({ code, reason: reason.toString() });
        this.wake();
      });
    });
  }

  /** Opens a socket (resolves once open, or once closed if the server refused it straight away). */
  static async open(app: TestApp): Promise<RawSocket> {
    const s = new RawSocket(app);
    await Promise.race([new Promise((r) => s.ws.once('open', r)), s.closed]);
    return s;
  }

  /** Opens a socket and sends connection_init with these params; resolves on connection_ack or close. */
  static async connect(app: TestApp, params: Record<string, unknown> | undefined): Promise<RawSocket> {
    const s = await RawSocket.open(app);
    s.send({ type: 'connection_init', ...(params ? { payload: params } : {}) });
    await s.next((m) => m.type === 'connection_ack');
    return s;
  }

  get isOpen(): boolean {
    return this.ws.readyState === WebSocket.OPEN;
  }

  send(message: unknown): void {
    this.ws.send(typeof message === 'string' ? message : JSON.stringify(message));
  }

  subscribe(id: string, query: string, variables: Record<string, unknown> = {}): void {
    this.send({ id, type: 'subscribe', payload: { query, variables } });
  }

  /** The first message matching `match` (waiting up to `timeoutMs`), or undefined once the socket closed. */
  async next(match: (m: any) => boolean, timeoutMs = 5000): Promise<any> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const hit = this.messages.find(match);
      if (hit || this.ws.readyState === WebSocket.CLOSED || Date.now() > until) return hit;
      await new Promise<void>((r) => {
        const t = setTimeout(r, Math.max(1, until - Date.now()));
        this.waiters.push(() => {
          clearTimeout(t);
          r();
        });
      });
    }
  }

  /** How the socket closed, waiting at most `timeoutMs` (undefined if still open). */
  async closedWithin(timeoutMs: number): Promise<{ code: number; reason: string } | undefined> {
    return Promise.race([this.closed, new Promise<undefined>((r) => setTimeout(() => r(undefined), timeoutMs))]);
  }

  close(): void {
    this.ws.close();
  }

  private wake(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }
}
