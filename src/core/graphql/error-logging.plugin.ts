import type { ApolloServerPlugin } from '@apollo/server';
import { Logger } from '@nestjs/common';
import { classifyError } from '../errors/graphql-error.formatter';
import type { GqlContext } from './gql-context';

const log = new Logger('GraphQL');

/** Logs unexpected errors with the request id and stack; clients only see INTERNAL_SERVER_ERROR. */
export function errorLoggingPlugin(): ApolloServerPlugin<GqlContext> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, contextValue, operationName }) {
          for (const error of errors) {
            if (classifyError(error).unexpected) {
              const cause = error.originalError ?? error;
              log.error({ requestId: contextValue?.requestId, operationName, path: error.path, err: cause.message }, cause.stack);
            }
          }
        },
      };
    },
  };
}
