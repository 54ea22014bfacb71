import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import { type ASTVisitor, GraphQLError, Kind, type SelectionSetNode, type ValidationContext, type ValidationRule } from 'graphql';

export interface QueryLimits {
  maxDepth: number;
  maxAliases: number;
  maxDirectives: number;
  maxTokens: number;
  maxMutations: number;
  /** Fields expanded through fragments (Apollo's maxRecursiveSelections): bounds fragment fan-out. */
  maxRecursiveSelections: number;
}

export function tooComplex(message: string, extensions: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'QUERY_TOO_COMPLEX', ...extensions, http: { status: 400 } } });
}

/** graphql-armor reports its own uncoded error; we report QUERY_TOO_COMPLEX with the limit instead. */
function coded(limit: string, maximum: number) {
  return {
    propagateOnRejection: false,
    exposeLimits: true,
    onReject: [
      (ctx: ValidationContext | null, err: GraphQLError) =>
        ctx?.reportError(tooComplex(err.message.replace(/^Syntax Error: /, ''), { limit, maximum })),
    ],
  };
}

/** At most `max` root fields in a mutation (alias-batched mutations: logins, registrations). Fragments counted once each, linear. */
function maxMutationsRule(max: number): ValidationRule {
  return (context: ValidationContext): ASTVisitor => {
    const count = (set: SelectionSetNode, seen: Set<string>): number => {
      let n = 0;
      for (const sel of set.selections) {
        if (sel.kind === Kind.FIELD) n += sel.name.value === '__typename' ? 0 : 1;
        else if (sel.kind === Kind.INLINE_FRAGMENT) n += count(sel.selectionSet, seen);
        else if (!seen.has(sel.name.value)) {
          seen.add(sel.name.value);
          const frag = context.getFragment(sel.name.value);
          if (frag) n += count(frag.selectionSet, seen);
        }
      }
      return n;
    };
    return {
      OperationDefinition(node) {
        if (node.operation !== 'mutation') return;
        const n = count(node.selectionSet, new Set());
        if (n > max) {
          context.reportError(
            tooComplex(`A document may run at most ${max} mutations; this one has ${n}.`, { limit: 'mutations', maximum: max }),
          );
        }
      },
    };
  };
}

/**
 * The validation rules that refuse hostile documents before anything runs, each linear in the document
 * (fragments are measured once): depth, aliases, directives (graphql-armor) and mutations per document.
 * Tokens are bounded by the parser (`parseOptions.maxTokens`) and fragment fan-out by Apollo's
 * `maxRecursiveSelections`, which runs before these; the cost limit runs once the operation is known.
 */
export function queryLimitRules(limits: QueryLimits): ValidationRule[] {
  return [
    maxDepthRule({ n: limits.maxDepth, flattenFragments: true, ...coded('depth', limits.maxDepth) }),
    maxAliasesRule({ n: limits.maxAliases, ...coded('aliases', limits.maxAliases) }),
    maxDirectivesRule({ n: limits.maxDirectives, ...coded('directives', limits.maxDirectives) }),
    maxMutationsRule(limits.maxMutations),
  ];
}
