import {
  type DocumentNode,
  type GraphQLField,
  type GraphQLSchema,
  getNamedType,
  getNullableType,
  isLeafType,
  isListType,
  Kind,
  visit,
} from 'graphql';
import { type ComplexityEstimator, getComplexity } from 'graphql-query-complexity';

/** How many items a list without `first` is assumed to hold (e.g. a product's variants). */
export const ASSUMED_LIST_SIZE = 10;
/** `first` when a paginated field is asked without it (the APIs' default page size). */
export const DEFAULT_PAGE_SIZE = 20;
/** At most this many fields are looked at while costing one operation (fragments expanded). */
export const MAX_COSTED_NODES = 20_000;

/** Elements of every list inside an argument value (e.g. the 5,000 levels of a stock push), counted iteratively. */
function listElements(value: unknown): number {
  let n = 0;
  const stack: unknown[] = [value];
  while (stack.length) {
    const v = stack.pop();
    if (Array.isArray(v)) {
      n += v.length;
      for (const x of v) if (x !== null && typeof x === 'object') stack.push(x);
    } else if (v !== null && typeof v === 'object') {
      for (const x of Object.values(v)) if (x !== null && typeof x === 'object') stack.push(x);
    }
  }
  return n;
}

function isConnectionList(parentTypeName: string, field: GraphQLField<unknown, unknown>): boolean {
  return parentTypeName.endsWith('Connection') && (field.name === 'edges' || field.name === 'nodes');
}

/**
 * The cost model (Shopify's and Saleor's): a scalar costs 0, an object 1, a paginated field
 * `first` × its selection, a list without `first` ASSUMED_LIST_SIZE × its selection (a connection's
 * `edges`/`nodes` are already counted by the connection's `first`), and every element of a list argument 1
 * (a mutation's cost grows with its input). Introspection lists count once (see below).
 */
const estimator: ComplexityEstimator = ({ type, field, args, childComplexity }) => {
  const own = isLeafType(getNamedType(field.type)) ? 0 : 1;
  const first = typeof args.first === 'number' ? Math.max(0, args.first) : undefined;
  let multiplier = 1;
  if (type.name.startsWith('__') || field.name.startsWith('__')) {
    // Introspection (development only: production refuses it): its lists are the schema's own, bounded by the
    // schema, so they count once — GraphiQL's introspection query must fit under the storefront maximum.
    multiplier = 1;
  } else if (field.args.some((a) => a.name === 'first')) {
    multiplier = first ?? DEFAULT_PAGE_SIZE;
  } else if (isListType(getNullableType(field.type)) && !isConnectionList(type.name, field)) {
    multiplier = ASSUMED_LIST_SIZE;
  }
  return own + listElements(args) + multiplier * childComplexity;
};

const costCache = new WeakMap<DocumentNode, Map<string, number>>();

/** A list variable with more elements than this is costed without handing its elements to getComplexity. */
const LARGE_LIST = 50;

/**
 * Variables as getComplexity gets them: a large list (e.g. the 5,000 levels of a stock push) is replaced by an
 * empty one, and its elements are counted here instead — every reference to it would add `listElements` of it
 * in the estimator, so the cost is the same. getComplexity coerces the variables it is given, and coercing
 * 5,000 input objects once more before execution coerces them again cost as much as the rest of the request.
 */
function withoutLargeLists(
  document: DocumentNode,
  variables: Record<string, unknown>,
): { variables: Record<string, unknown>; elements: number } {
  const large = Object.keys(variables).filter(
    (k) => Array.isArray(variables[k]) && (variables[k] as unknown[]).length > LARGE_LIST,
  );
  if (!large.length) return { variables, elements: 0 };
  const refs = new Map<string, number>(large.map((k) => [k, 0]));
  visit(document, {
    Variable: (node, _key, parent) => {
      // A definition (`$l: [X!]!`) declares the variable; every other occurrence is a use as an argument value.
      if (!(parent && 'kind' in parent && parent.kind === Kind.VARIABLE_DEFINITION) && refs.has(node.name.value)) {
        refs.set(node.name.value, refs.get(node.name.value)! + 1);
      }
    },
  });
  const stripped = { ...variables };
  let elements = 0;
  for (const k of large) {
    stripped[k] = [];
    elements += listElements(variables[k]) * refs.get(k)!;
  }
  return { variables: stripped, elements };
}

/**
 * A cost never depends on a string's text (only on numbers such as `first`, booleans of @include/@skip and the
 * length of lists), so the cache key keeps a variable's shape and folds every string value into one: a search with
 * new words every time is costed once per query. A string that is not a valid value where it stands (an unknown
 * enum value) is refused by execution's own coercion of the variables, whether or not the cost came from here.
 */
function shapeOnly(key: string, value: unknown): unknown {
  return key !== '' && typeof value === 'string' ? '' : value;
}

/**
 * The cost of the operation that will run. Linear in the document: at most MAX_COSTED_NODES fields are
 * visited (beyond, the operation is too complex whatever its cost), and the result is kept per parsed
 * document and variables (Apollo hands the same DocumentNode for the same query text) when they are small.
 */
export function operationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown> | undefined,
  operationName: string | null | undefined,
): number {
  const costed = withoutLargeLists(document, variables ?? {});
  const key = costed.elements ? null : `${operationName ?? ''}\n${JSON.stringify(variables ?? {}, shapeOnly)}`;
  let perDoc = costCache.get(document);
  const hit = key === null ? undefined : perDoc?.get(key);
  if (hit !== undefined) return hit;
  let cost: number;
  try {
    cost =
      costed.elements +
      getComplexity({
        schema,
        query: document,
        variables: costed.variables,
        operationName: operationName ?? undefined,
        estimators: [estimator],
        maxQueryNodes: MAX_COSTED_NODES,
      });
  } catch (e) {
    // Beyond MAX_COSTED_NODES the operation is too complex whatever it costs; other errors (variables of the
    // wrong type) are the client's input and answered as such.
    if (!/maximum allowed number of nodes/.test((e as Error).message)) throw e;
    cost = Number.POSITIVE_INFINITY;
  }
  if (key !== null && key.length <= 2_000) {
    if (!perDoc) costCache.set(document, (perDoc = new Map()));
    if (perDoc.size < 100) perDoc.set(key, cost);
  }
  return cost;
}
