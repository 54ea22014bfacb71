import type { ApolloServerPlugin } from '@apollo/server';
import { type DocumentNode, GraphQLError, Kind, visit } from 'graphql';

/** Where a string with a NUL character hides in variables (`$input.name`), or null. PostgreSQL text cannot hold it. */
export function findNul(value: unknown, path: string): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const hit = findNul(value[i], `${path}.${i}`);
      if (hit) return hit;
    }
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const hit = findNul(v, path ? `${path}.${k}` : k);
      if (hit) return hit;
    }
  }
  return null;
}

/** Literal strings with NUL (their argument's name), and which argument each variable feeds. */
function scanDocument(document: DocumentNode): { literal: string | null; argOfVariable: Map<string, string> } {
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
  return { literal, argOfVariable };
}

/** `i.name` → `name` when $i feeds `input` (paths are relative to the input, as in the contract); `e` → `email`. */
function toArgumentPath(variablePath: string, argOfVariable: Map<string, string>): string {
  const [variable, ...rest] = variablePath.split('.');
  const arg = argOfVariable.get(variable) ?? variable;
  return arg === 'input' && rest.length ? rest.join('.') : [arg, ...rest].join('.');
}

/** Refuses any operation whose strings contain a NUL character: BAD_USER_INPUT naming the variable, before any resolver runs. */
export function inputSanityPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document }) {
          const scan = scanDocument(document);
          const inVariables = findNul(request.variables ?? {}, '');
          const where = inVariables ? toArgumentPath(inVariables, scan.argOfVariable) : scan.literal;
          if (where) {
            throw new GraphQLError('Text must not contain NUL characters.', {
              extensions: {
                code: 'BAD_USER_INPUT',
                fieldErrors: [{ path: where, message: 'must not contain NUL characters' }],
                http: { status: 400 },
              },
            });
          }
        },
      };
    },
  };
}
