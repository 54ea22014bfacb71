import type { ApolloServerPlugin } from '@apollo/server';
import { type DocumentNode, GraphQLError, Kind, type SelectionSetNode } from 'graphql';

/** Depth of the deepest selection and number of aliased fields in an operation (fragments followed once). */
export function measureOperation(document: DocumentNode, operationName?: string | null): { depth: number; aliases: number } {
  const fragments = new Map(
    document.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]),
  );
  const operations = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
  const op = operations.find((o) => !operationName || o.name?.value === operationName) ?? operations[0];
  let aliases = 0;
  const walk = (set: SelectionSetNode | undefined, depth: number, seen: Set<string>): number => {
    if (!set) return depth;
    let max = depth;
    for (const sel of set.selections) {
      if (sel.kind === Kind.FIELD) {
        if (sel.alias) aliases++;
        max = Math.max(max, walk(sel.selectionSet, depth + 1, seen));
      } else if (sel.kind === Kind.INLINE_FRAGMENT) {
        max = Math.max(max, walk(sel.selectionSet, depth, seen));
      } else {
        const frag = fragments.get(sel.name.value);
        if (frag && !seen.has(frag.name.value)) {
          max = Math.max(max, walk(frag.selectionSet, depth, new Set([...seen, frag.name.value])));
        }
      }
    }
    return max;
  };
  return { depth: op ? walk(op.selectionSet, 0, new Set()) : 0, aliases };
}

/** Refuses operations deeper or with more aliases than allowed: QUERY_TOO_COMPLEX. */
export function complexityPlugin(limits: { maxDepth: number; maxAliases: number }): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, operationName }) {
          const { depth, aliases } = measureOperation(document, operationName);
          if (depth > limits.maxDepth || aliases > limits.maxAliases) {
            throw new GraphQLError(
              `The query is too complex (depth ${depth} of at most ${limits.maxDepth}, ${aliases} aliases of at most ${limits.maxAliases}).`,
              { extensions: { code: 'QUERY_TOO_COMPLEX', http: { status: 400 } } },
            );
          }
        },
      };
    },
  };
}
