import type { TadaDocumentNode } from 'gql.tada';
import { print } from 'graphql';
import { type Client, createClient } from 'graphql-ws';
import { graphql } from './graphql';

/** One GraphQL error as the API documents it (docs/ERRORS.md): branch on `code`, show `fieldErrors` next to fields. */
export interface ApiErrorEntry {
  message: string;
  extensions?: { code?: string; fieldErrors?: FieldError[]; [k: string]: unknown };
}
export interface FieldError {
  path: string;
  message: string;
}

export class ApiError extends Error {
  constructor(readonly errors: ApiErrorEntry[]) {
    super(errors.map((e) => e.message).join('; '));
  }
  get code(): string | undefined {
    return this.errors[0]?.extensions?.code;
  }
  get fieldErrors(): FieldError[] {
    return this.errors.flatMap((e) => e.extensions?.fieldErrors ?? []);
  }
  get extensions(): Record<string, unknown> {
    return this.errors[0]?.extensions ?? {};
  }
}

export interface Session {
  accessToken: string;
  refreshToken: string;
  /** Epoch ms when the access token expires. */
  expiresAt: number;
}

const RefreshSession = graphql(`
  mutation RefreshSession($refreshToken: String!) {
    refreshSession(refreshToken: $refreshToken) {
      accessToken
      refreshToken
      expiresIn
    }
  }
`);

/** Refresh this long before the access token expires. */
const REFRESH_MARGIN_MS = 15_000;

/**
 * The Storefront API for one storefront token: HTTP for queries and mutations, graphql-ws for subscriptions.
 * A logged-in customer's session lives in localStorage per storefront; the access token is refreshed shortly
 * before it expires (and once more when the API answers UNAUTHENTICATED), rotating the refresh token.
 */
export class Api {
  private ws?: Client;
  private refreshing?: Promise<boolean>;
  private readonly reconnected = new Set<() => void>();
  private readonly sessionKey: string;
  onSessionEnd: () => void = () => {};

  constructor(readonly storefrontToken: string) {
    this.sessionKey = `sfh.session.${storefrontToken}`;
  }

  get session(): Session | null {
    const raw = localStorage.getItem(this.sessionKey);
    return raw ? (JSON.parse(raw) as Session) : null;
  }

  setSession(auth: { accessToken: string; refreshToken: string; expiresIn: number } | null): void {
    if (auth) {
      const session: Session = {
        accessToken: auth.accessToken,
        refreshToken: auth.refreshToken,
        expiresAt: Date.now() + auth.expiresIn * 1000,
      };
      localStorage.setItem(this.sessionKey, JSON.stringify(session));
    } else {
      localStorage.removeItem(this.sessionKey);
    }
    // The socket authenticates once per connection: reconnect with the new identity.
    void this.ws?.dispose();
    this.ws = undefined;
  }

  async request<R, V>(doc: TadaDocumentNode<R, V>, variables: V): Promise<R> {
    if (this.session && this.session.expiresAt - REFRESH_MARGIN_MS < Date.now()) await this.refresh();
    try {
      return await this.send(doc, variables);
    } catch (e) {
      if (e instanceof ApiError && e.code === 'UNAUTHENTICATED' && this.session && (await this.refresh())) {
        return this.send(doc, variables);
      }
      throw e;
    }
  }

  /** Subscribes over graphql-ws; returns the unsubscribe function. */
  subscribe<R, V>(doc: TadaDocumentNode<R, V>, variables: V, onData: (data: R) => void): () => void {
    this.ws ??= createClient({
      url: `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/graphql`,
      lazy: true,
      retryAttempts: Infinity,
      // Events sent while the socket was down are lost: listeners re-query after a reconnect.
      on: { connected: (_socket, _payload, wasRetry) => wasRetry && this.reconnected.forEach((fn) => fn()) },
      connectionParams: () => {
        const s = this.session;
        return { 'x-storefront-token': this.storefrontToken, ...(s ? { authorization: `Bearer ${s.accessToken}` } : {}) };
      },
    });
    return this.ws.subscribe<R>(
      { query: print(doc), variables: variables as Record<string, unknown> },
      {
        next: (msg) => msg.data && onData(msg.data),
        error: () => {},
        complete: () => {},
      },
    );
  }

  /** Runs `fn` whenever the subscription socket connects again after losing its connection. */
  onReconnect(fn: () => void): () => void {
    this.reconnected.add(fn);
    return () => this.reconnected.delete(fn);
  }

  private async send<R, V>(doc: TadaDocumentNode<R, V>, variables: V): Promise<R> {
    const s = this.session;
    const res = await fetch('/graphql', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-storefront-token': this.storefrontToken,
        ...(s ? { authorization: `Bearer ${s.accessToken}` } : {}),
      },
      body: JSON.stringify({ query: print(doc), variables }),
    });
    const body = (await res.json()) as { data?: R; errors?: ApiErrorEntry[] };
    if (body.errors?.length) throw new ApiError(body.errors);
    if (!body.data) throw new ApiError([{ message: `HTTP ${res.status}` }]);
    return body.data;
  }

  /** One refresh at a time; false (and the session ended) when the refresh token no longer works. */
  private refresh(): Promise<boolean> {
    this.refreshing ??= (async () => {
      const s = this.session;
      if (!s) return false;
      try {
        const { refreshSession } = await this.send(RefreshSession, { refreshToken: s.refreshToken });
        this.setSession(refreshSession);
        return true;
      } catch {
        this.setSession(null);
        this.onSessionEnd();
        return false;
      }
    })().finally(() => (this.refreshing = undefined));
    return this.refreshing;
  }
}
