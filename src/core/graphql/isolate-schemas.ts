import { OrphanedReferenceRegistry } from '@nestjs/graphql/dist/schema-builder/services/orphaned-reference.registry.js';

/**
 * @nestjs/graphql keeps one "orphaned reference" registry for every GraphQLModule of the app, so the
 * second schema built would also receive every type the first one returns (e.g. the storefront's
 * `Storefront` type in the admin schema, clashing with the admin's own). Our schemas use no interfaces
 * that would need orphans: each schema holds exactly the types reachable from its own operations.
 */
export function isolateGraphQLSchemas(): void {
  OrphanedReferenceRegistry.prototype.getAll = () => [];
}
