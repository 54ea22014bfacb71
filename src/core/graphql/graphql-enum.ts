import { registerEnumType } from '@nestjs/graphql';

/**
 * A GraphQL enum derived from one of the domain's `const` arrays (libs/domain): the values object that
 * `@Field(() => X)` needs, registered under `name`. Its values are the array's string literals, so domain
 * and GraphQL types are the same type and no cast joins them.
 */
export function graphqlEnum<const T extends readonly string[]>(
  values: T,
  name: string,
  description?: string,
): { readonly [K in T[number]]: K } {
  const object = Object.fromEntries(values.map((v) => [v, v])) as { [K in T[number]]: K };
  registerEnumType(object, { name, description });
  return object;
}
