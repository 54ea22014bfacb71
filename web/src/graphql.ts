import { initGraphQLTada } from 'gql.tada';
import type { introspection } from './graphql-env.d.ts';

/**
 * Typed operations from schema/storefront.graphql: `graphql-env.d.ts` is generated from the committed SDL
 * (`npm run web:codegen`, also part of `npm run web:build`), so a field the SDL lacks fails the typecheck.
 */
export const graphql = initGraphQLTada<{
  introspection: introspection;
  scalars: { DateTime: string; JSON: unknown };
}>();

export type { FragmentOf, ResultOf, VariablesOf } from 'gql.tada';
export { readFragment } from 'gql.tada';
