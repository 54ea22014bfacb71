import type { ApolloServerPlugin } from '@apollo/server';
import { type DocumentNode, GraphQLError, Kind, visit } from 'graphql';

/** How deep variables may nest (inputs are a few levels deep; a hostile body nests thousands). */
export const MAX_VARIABLE_DEPTH = 32;

/**
 * Scans variables iteratively (no recursion, so no stack to overflow): where a string with a NUL character
 * hides (`input.name`; PostgreSQL text cannot hold it), or that they nest deeper than MAX_VARIABLE_DEPTH.
 */
export function scanVariables(value: unknown): { nul: string | null; tooDeep: boolean } {
  const stack: Array<[unknown, string, number]> = [[value, '', 0]];
  while (stack.length) {
    const [v, path, depth] = stack.pop()!;
    if (typeof v === 'string') {
      if (v.includes('\u0000')) return { nul: path, tooDeep: false };
      continue;
    }
    if (v === null || typeof v !== 'object') continue;
    if (depth >= MAX_VARIABLE_DEPTH) return { nul: null, tooDeep: true };
    const entries: Array<[string, unknown]> = Array.isArray(v) ? v.map((x, i) => [String(i), x]) : Object.entries(v);
    for (let i = entries.length - 1; i >= 0; i--) {
      const [k, x] = entries[i];
      stack.push([x, path ? `${path}.${k}` : k, depth + 1]);
    }
  }
  return { nul: null, tooDeep: false };
}

interface DocumentScan {
  literal: string | null;
  argOfVariable: Map<string, string>;
}

/** Per parsed document (Apollo hands the same DocumentNode for the same query text): a visit of it each request cost more than the rest of this check. */
const scans = new WeakMap<DocumentNode, DocumentScan>();

/** Literal strings with NUL (their argument's name), and which argument each variable feeds. */
function scanDocument(document: DocumentNode): DocumentScan {
  const known = scans.get(document);
  if (known) return known;
  let literal: string | null = null;
  const argOfVariable = new Map<string, string>();
  visit(document, {
    Argument(node) {
      if (node.value.kind === Kind.VARIABLE) argOfVariable.set(node.value.name.value, node.name.value);
    },
    StringValue(node) {
      if (node.value.includes('\u0000')) literal ??= 'query';
    },
  });
  const scan = { literal, argOfVariable };
  scans.set(document, scan);
  return scan;
}

/** `i.name` → `name` when $i feeds `input` (paths are relative to the input, as in the contract); `e` → `email`. */
function toArgumentPath(variablePath: string, argOfVariable: Map<string, string>): string {
  const [variable, ...rest] = variablePath.split('.');
  const arg = argOfVariable.get(variable) ?? variable;
  return arg === 'input' && rest.length ? rest.join('.') : [arg, ...rest].join('.');
}

/** The refusal of an operation whose variables nest too deep or whose strings contain a NUL character, or null. */
export function inputProblem(variables: Record<string, unknown> | undefined, document: DocumentNode): GraphQLError | null {
  const vars = scanVariables(variables ?? {});
  if (vars.tooDeep) {
    return new GraphQLError(`Variables must not nest deeper than ${MAX_VARIABLE_DEPTH} levels.`, {
      extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } },
    });
  }
  const scan = scanDocument(document);
  const inVariables = vars.nul;
  const where = inVariables ? toArgumentPath(inVariables, scan.argOfVariable) : scan.literal;
  if (!where) return null;
  return new GraphQLError('Text must not contain NUL characters.', {
    extensions: {
      code: 'BAD_USER_INPUT',
      fieldErrors: [{ path: where, message: 'must not contain NUL characters' }],
      http: { status: 400 },
    },
  });
}

/** Refuses variables nested too deep, and any operation whose strings contain a NUL character (BAD_USER_INPUT naming the variable), before any resolver runs. */
export function inputSanityPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document }) {
          const problem = inputProblem(request.variables, document);
          if (problem) throw problem;
        },
      };
    },
  };
}
