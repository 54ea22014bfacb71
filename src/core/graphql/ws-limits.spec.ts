import { buildSchema, parse, specifiedRules, validate } from 'graphql';
import { depthAndAliasRule, subscriptionsOnlyRule } from './ws-limits';

const schema = buildSchema(`
  type Query { a: Int }
  type Node { id: Int next: Node }
  type Subscription { node: Node }
`);
const rules = [...specifiedRules, subscriptionsOnlyRule, depthAndAliasRule({ maxDepth: 4, maxAliases: 3 })];
const codes = (query: string) => validate(schema, parse(query), rules).map((e) => e.extensions.code ?? 'VALIDATION');

describe('WebSocket document limits', () => {
  it('accepts a subscription within the limits', () => {
    expect(codes('subscription { node { x: id next { y: id next { z: id } } } }')).toEqual([]);
  });

  it('refuses queries and mutations over WebSocket', () => {
    expect(codes('{ a }')).toEqual(['BAD_USER_INPUT']);
  });

  it('counts depth through fragments and inline fragments', () => {
    expect(codes('subscription { node { ...F } } fragment F on Node { next { ... on Node { next { id } } } }')).toEqual([]);
    expect(codes('subscription { node { ...F } } fragment F on Node { next { ... on Node { next { next { id } } } } }')).toEqual([
      'QUERY_TOO_COMPLEX',
    ]);
  });

  it('counts aliases as executed: a fragment spread twice counts twice', () => {
    expect(codes('subscription { node { ...F ...F } } fragment F on Node { x: id }')).toEqual([]);
    expect(codes('subscription { node { ...F next { ...F } } } fragment F on Node { x: id y: id }')).toEqual([
      'QUERY_TOO_COMPLEX',
    ]);
  });

  it('measures 40 levels of fragments each spread twice (2^40 paths) by measuring each fragment once', () => {
    // A walk that follows every path would not finish.
    const fragments = Array.from({ length: 40 }, (_, i) => `fragment F${i} on Node { ...F${i + 1} ...F${i + 1} }`).join(' ');
    expect(codes(`subscription { node { ...F0 } } ${fragments} fragment F40 on Node { x: id }`)).toEqual(['QUERY_TOO_COMPLEX']);
  });

  it('leaves fragment cycles to NoFragmentCycles', () => {
    expect(
      codes('subscription { node { ...A } } fragment A on Node { next { ...B } } fragment B on Node { next { ...A } }'),
    ).toEqual(['VALIDATION']);
  });
});
