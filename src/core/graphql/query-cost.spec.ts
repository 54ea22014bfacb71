import { buildSchema, parse } from 'graphql';
import { operationCost } from './query-cost';

const schema = buildSchema(`
  enum Sort { NAME PRICE }
  input Filter { search: String, skus: [String!] }
  type Variant { sku: String }
  type Product { name: String, variants: [Variant!]! }
  type Query { products(first: Int, sort: Sort, filter: Filter): [Product!]!, product(slug: String!): Product }
`);

describe('operationCost', () => {
  const doc = parse(`
    query List($first: Int, $s: String, $sort: Sort, $skus: [String!]) {
      products(first: $first, sort: $sort, filter: { search: $s, skus: $skus }) { name variants { sku } }
    }
    query One($slug: String!) { product(slug: $slug) { name } }`);

  it('is the same for any string value, and follows numbers and list lengths', () => {
    const base = operationCost(schema, doc, { first: 5, s: 'gloves' }, 'List');
    // products: 1 + first × its selection (variants: an object list, 1 + 10 × its scalars at 0)
    expect(base).toBe(1 + 5 * 1);
    expect(operationCost(schema, doc, { first: 5, s: 'a new text every time' }, 'List')).toBe(base);
    expect(operationCost(schema, doc, { first: 5, s: 'gloves', sort: 'NAME' }, 'List')).toBe(base);
    expect(operationCost(schema, doc, { first: 6, s: 'gloves' }, 'List')).toBe(1 + 6 * 1);
    // every element of a list argument costs 1, whatever its text
    expect(operationCost(schema, doc, { first: 5, skus: ['a', 'b'] }, 'List')).toBe(base + 2);
    expect(operationCost(schema, doc, { first: 5, skus: ['c', 'd'] }, 'List')).toBe(base + 2);
    expect(operationCost(schema, doc, { first: 5, skus: ['a', 'b', 'c'] }, 'List')).toBe(base + 3);
  });

  it('costs the operation named, never another one of the same document with the same variables', () => {
    const vars = { slug: 'x', first: 5 };
    expect(operationCost(schema, doc, vars, 'One')).toBe(1);
    expect(operationCost(schema, doc, vars, 'List')).toBe(1 + 5 * 1);
    expect(operationCost(schema, doc, vars, 'One')).toBe(1);
  });

  it('refuses variables of the wrong type when it costs them', () => {
    expect(() => operationCost(schema, doc, { first: 'five' }, 'List')).toThrow(/Int/);
    expect(() => operationCost(schema, doc, { first: 5, sort: 'SIDEWAYS' }, 'List')).toThrow(/Sort/);
  });
});
