import type { ApolloServerPlugin } from '@apollo/server';
import { type DocumentNode, type GraphQLSchema, Kind, type OperationDefinitionNode } from 'graphql';

/** A storefront document Apollo has parsed and validated, with the schema it was validated against. */
export interface KnownDocument {
  document: DocumentNode;
  schema: GraphQLSchema;
}

/** How many distinct query texts are remembered (a storefront sends a few dozen; variables carry the rest). */
const MAX_DOCUMENTS = 1000;

/**
 * The storefront's query texts that passed Apollo's parsing and validation (token limit, our query limit rules,
 * maxRecursiveSelections, the schema), each with its parsed document: the storefront fast path
 * (storefront.fast-path.ts) executes only these, so every check that needs the document ran in Apollo once for
 * the text. Bounded: beyond MAX_DOCUMENTS the oldest text is forgotten (it goes through Apollo again). A provider
 * of CacheModule (a class without dependencies: no decorator needed, so it stays testable without Nest).
 */
export class KnownDocuments {
  private readonly docs = new Map<string, KnownDocument>();

  get(source: string): KnownDocument | undefined {
    return this.docs.get(source);
  }

  remember(source: string, document: DocumentNode, schema: GraphQLSchema): void {
    if (this.docs.has(source)) return;
    if (this.docs.size >= MAX_DOCUMENTS) this.docs.delete(this.docs.keys().next().value as string);
    this.docs.set(source, { document, schema });
  }

  /** The Apollo plugin that fills it: a document is remembered once its operation is resolved (validation passed). */
  plugin(): ApolloServerPlugin {
    return {
      requestDidStart: async () => ({
        didResolveOperation: async ({ source, document, schema }) => this.remember(source, document, schema),
      }),
    };
  }
}

/**
 * The operation a request names in a document (graphql-js's rule: the named one, or the only one), or null when
 * there is no such operation (Apollo answers that).
 */
export function operationOf(document: DocumentNode, operationName: string | null): OperationDefinitionNode | null {
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  if (operationName === null) return operations.length === 1 ? operations[0] : null;
  return operations.find((o) => o.name?.value === operationName) ?? null;
}
