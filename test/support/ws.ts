import { type Client, createClient } from 'graphql-ws';
import WebSocket from 'ws';
import type { TestApp } from './app';

/** A graphql-ws subscriber on the Storefront API that collects what it receives. */
export class Subscriber {
  readonly received: any[] = [];
  readonly errors: unknown[] = [];
  private readonly client: Client;
  private dispose?: () => void;

  constructor(app: TestApp, token: string) {
    this.client = createClient({
      url: `${app.url.replace(/^http/, 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams: { 'x-storefront-token': token },
      retryAttempts: 0,
      lazy: false,
    });
  }

  /** Subscribes and resolves once the server has accepted the subscription (a no-op query round trip). */
  async subscribe(query: string, variables: Record<string, unknown> = {}): Promise<void> {
    this.dispose = this.client.subscribe(
      { query, variables },
      { next: (v) => this.received.push(v), error: (e) => this.errors.push(e), complete: () => undefined },
    );
    // graphql-ws handles messages in order: once a later query answers, the subscription is registered.
    await new Promise<void>((resolve, reject) => {
      const d = this.client.subscribe(
        { query: '{ storefront { code } }' },
        {
          next: () => undefined,
          error: reject,
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
    this.dispose?.();
    await this.client.dispose();
  }
}
