import { buildSchema, parse } from 'graphql';
import { KnownDocuments, operationOf } from './known-documents';
import { singleResultContentType } from './content-negotiation';

describe('operationOf', () => {
  const doc = parse('query A { a } query B { b } mutation C { c }');
  const single = parse('{ a }');

  it('names the operation graphql-js would run', () => {
    expect(operationOf(doc, 'B')?.name?.value).toBe('B');
    expect(operationOf(doc, 'C')?.operation).toBe('mutation');
    expect(operationOf(single, null)?.operation).toBe('query');
  });

  it('finds none without a name among several, or for an unknown name', () => {
    expect(operationOf(doc, null)).toBeNull();
    expect(operationOf(doc, 'D')).toBeNull();
    expect(operationOf(single, 'A')).toBeNull();
  });
});

describe('KnownDocuments', () => {
  const schema = buildSchema('type Query { a: Int }');

  it('remembers the first document of a text and forgets the oldest beyond its bound', () => {
    const known = new KnownDocuments();
    const first = parse('{ a }');
    known.remember('{ a }', first, schema);
    known.remember('{ a }', parse('{ a }'), schema);
    expect(known.get('{ a }')?.document).toBe(first);
    for (let i = 0; i < 1000; i++) known.remember(`{ a${i}: a }`, parse(`{ a${i}: a }`), schema);
    expect(known.get('{ a }')).toBeUndefined();
    expect(known.get('{ a999: a }')).toBeDefined();
    expect(known.get('{ a0: a }')).toBeDefined();
  });
});

describe('singleResultContentType', () => {
  it("chooses as Apollo does: JSON by default, GraphQL's response type when preferred, none for HTML only", () => {
    expect(singleResultContentType(undefined)).toBe('application/json; charset=utf-8');
    expect(singleResultContentType('*/*')).toBe('application/json; charset=utf-8');
    expect(singleResultContentType('application/json')).toBe('application/json; charset=utf-8');
    expect(singleResultContentType('application/graphql-response+json, application/json;q=0.9')).toBe(
      'application/graphql-response+json; charset=utf-8',
    );
    expect(singleResultContentType('text/html')).toBeNull();
    expect(singleResultContentType(['application/json', 'text/html'])).toBeNull();
  });
});
