import { GraphQLError, Kind, type SelectionSetNode, type ValidationRule } from 'graphql';

/**
 * Only subscriptions over WebSocket: queries and mutations go over HTTP, where body size, cost and rate
 * limits apply (a socket would otherwise be a way around them).
 */
export const subscriptionsOnlyRule: ValidationRule = (context) => ({
  OperationDefinition(node) {
    if (node.operation !== 'subscription') {
      context.reportError(
        new GraphQLError('Only subscriptions are served over WebSocket; send queries and mutations over HTTP.', {
          nodes: [node],
          extensions: { code: 'BAD_USER_INPUT' },
        }),
      );
    }
  },
});

interface Measure {
  depth: number;
  aliases: number;
}
const NONE: Measure = { depth: 0, aliases: 0 };

/**
 * Depth and aliases of each operation, as executed (a fragment spread twice counts twice), in time linear
 * in the document: each fragment is measured once. Beyond the limits: QUERY_TOO_COMPLEX. Cycles are left
 * to graphql-js's NoFragmentCycles rule.
 */
export function depthAndAliasRule(limits: { maxDepth: number; maxAliases: number }): ValidationRule {
  return (context) => {
    const fragments = new Map<string, Measure>();
    const fragment = (name: string): Measure => {
      const known = fragments.get(name);
      if (known) return known;
      fragments.set(name, NONE); // a cycle measures as nothing here; NoFragmentCycles reports it
      const m = selections(context.getFragment(name)?.selectionSet);
      fragments.set(name, m);
      return m;
    };
    const selections = (set: SelectionSetNode | undefined): Measure => {
      let depth = 0;
      let aliases = 0;
      for (const sel of set?.selections ?? []) {
        let m: Measure;
        if (sel.kind === Kind.FIELD) {
          const inner = selections(sel.selectionSet);
          m = { depth: inner.depth + 1, aliases: inner.aliases + (sel.alias ? 1 : 0) };
        } else if (sel.kind === Kind.INLINE_FRAGMENT) m = selections(sel.selectionSet);
        else m = fragment(sel.name.value);
        depth = Math.max(depth, m.depth);
        aliases += m.aliases;
      }
      return { depth, aliases };
    };
    return {
      OperationDefinition(node) {
        const { depth, aliases } = selections(node.selectionSet);
        if (depth > limits.maxDepth || aliases > limits.maxAliases) {
          context.reportError(
            new GraphQLError(
              `The query is too complex (depth ${depth} of at most ${limits.maxDepth}, ${aliases} aliases of at most ${limits.maxAliases}).`,
              { nodes: [node], extensions: { code: 'QUERY_TOO_COMPLEX' } },
            ),
          );
        }
      },
    };
  };
}
