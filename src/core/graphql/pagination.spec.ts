import { DomainError } from '../../../libs/errors/src';
import { mapNodes, pageLimit, textCursor, toConnection, tupleCursor } from './pagination';

const refusal = (run: () => unknown) => {
  try {
    run();
  } catch (e) {
    return e instanceof DomainError ? { code: e.code, paths: e.fieldErrors?.map((f) => f.path) } : e;
  }
  return 'accepted';
};

describe('pagination', () => {
  it('asks for one row more than a page of 1..100, and refuses other sizes at first', () => {
    expect(pageLimit(1)).toBe(2);
    expect(pageLimit(100)).toBe(101);
    for (const first of [0, -1, 101, 2.5, Number.NaN]) {
      expect(refusal(() => pageLimit(first))).toEqual({ code: 'BAD_USER_INPUT', paths: ['first'] });
    }
  });

  it("round-trips keys and refuses anything that is not this list's cursor at after", () => {
    const slugs = textCursor('p');
    expect(slugs.decode(slugs.encode('safety-shoe:42'))).toBe('safety-shoe:42');
    expect(slugs.decodeAfter(null)).toBeNull();
    const isKey = (v: unknown): v is [number, string] => Array.isArray(v) && v.length === 2 && typeof v[0] === 'number';
    const tuples = tupleCursor('c', isKey);
    expect(tuples.decode(tuples.encode([2, 'x']))).toEqual([2, 'x']);
    const foreign = [
      'not a cursor!',
      '',
      slugs.encode('a'),
      Buffer.from('c:[1]').toString('base64url'),
      Buffer.from('c:{').toString('base64url'),
      'A'.repeat(801),
    ];
    for (const cursor of foreign) {
      expect(refusal(() => tuples.decode(cursor))).toEqual({ code: 'BAD_USER_INPUT', paths: ['after'] });
    }
  });

  it("gives every edge its own row's cursor and sees a next page from the extra row", () => {
    const codec = textCursor('t');
    const of = (rows: string[], first: number) =>
      toConnection(rows, first, { codec, keyOf: (r) => r, nodeOf: (r) => r.toUpperCase(), totalCount: 9 });
    const page = of(['a', 'b', 'c'], 2);
    expect(page.edges).toEqual([
      { cursor: codec.encode('a'), node: 'A' },
      { cursor: codec.encode('b'), node: 'B' },
    ]);
    expect(page.pageInfo).toEqual({ hasNextPage: true, endCursor: codec.encode('b') });
    expect(page.totalCount).toBe(9);
    expect(of(['a', 'b'], 2).pageInfo.hasNextPage).toBe(false);
    expect(of([], 2).pageInfo).toEqual({ hasNextPage: false, endCursor: null });
    expect(mapNodes(page, (n) => n.length).edges.map((e) => [e.cursor, e.node])).toEqual([
      [codec.encode('a'), 1],
      [codec.encode('b'), 1],
    ]);
  });
});
