import { badInput } from '../../../libs/errors/src';

/**
 * The one way a list is paged (Relay connections, forward only): `first` 1..100, opaque cursors, the next page
 * detected by fetching one row more than asked. Framework-free; the GraphQL types are in pagination.types.ts.
 */

export const MAX_PAGE_SIZE = 100;

export interface PageInfoShape {
  hasNextPage: boolean;
  endCursor: string | null;
}

export interface Edge<N> {
  cursor: string;
  node: N;
}

export interface Connection<N> {
  edges: Array<Edge<N>>;
  pageInfo: PageInfoShape;
  totalCount: number;
}

/** How many rows to fetch for a page of `first` (one more, to know whether a next page exists). */
export function pageLimit(first: number): number {
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw badInput([{ path: 'first', message: `must be between 1 and ${MAX_PAGE_SIZE}` }]);
  }
  return first + 1;
}

/**
 * Cursors of one list: `base64url("<kind>:<key>")`. The kind keeps one list's cursor from being taken for
 * another's; a cursor that does not decode to this list's key is BAD_USER_INPUT at `after`.
 */
export class CursorCodec<K> {
  constructor(
    private readonly kind: string,
    private readonly toText: (key: K) => string,
    private readonly fromText: (text: string) => K | null,
  ) {}

  encode(key: K): string {
    return Buffer.from(`${this.kind}:${this.toText(key)}`).toString('base64url');
  }

  decode(cursor: string): K {
    const raw = /^[A-Za-z0-9_-]{1,800}$/.test(cursor) ? Buffer.from(cursor, 'base64url').toString('utf8') : '';
    const key = raw.startsWith(`${this.kind}:`) ? this.fromText(raw.slice(this.kind.length + 1)) : null;
    if (key === null) throw badInput([{ path: 'after', message: 'is not a cursor of this list' }]);
    return key;
  }

  /** The key after which to continue, or null for the first page. */
  decodeAfter(after: string | null | undefined): K | null {
    return after ? this.decode(after) : null;
  }
}

/** A cursor whose key is one string (e.g. a slug). */
export const textCursor = (kind: string) =>
  new CursorCodec<string>(
    kind,
    (s) => s,
    (s) => s,
  );

/** A cursor whose key is a tuple of values, checked by `isKey` when decoded. */
export function tupleCursor<K extends readonly unknown[]>(kind: string, isKey: (v: unknown) => v is K): CursorCodec<K> {
  return new CursorCodec<K>(
    kind,
    (key) => JSON.stringify(key),
    (text) => {
      try {
        const v: unknown = JSON.parse(text);
        return isKey(v) ? v : null;
      } catch {
        return null;
      }
    },
  );
}

/**
 * A connection from rows fetched with `LIMIT pageLimit(first)`, in list order: every edge's cursor is its own
 * row's key, so resuming after any edge gives the rows that follow it.
 */
export function toConnection<R, N, K>(
  rows: readonly R[],
  first: number,
  page: { codec: CursorCodec<K>; keyOf: (row: R) => K; nodeOf: (row: R) => N; totalCount: number },
): Connection<N> {
  const edges = rows.slice(0, first).map((row) => ({ cursor: page.codec.encode(page.keyOf(row)), node: page.nodeOf(row) }));
  return {
    edges,
    pageInfo: { hasNextPage: rows.length > first, endCursor: edges.length ? edges[edges.length - 1].cursor : null },
    totalCount: page.totalCount,
  };
}

/** The same page with every node mapped (e.g. a service's rows to the GraphQL type); cursors unchanged. */
export function mapNodes<A, B>(page: Connection<A>, map: (node: A) => B): Connection<B> {
  return { ...page, edges: page.edges.map((e) => ({ cursor: e.cursor, node: map(e.node) })) };
}
