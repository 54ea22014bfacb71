import type { ApolloServerPlugin } from '@apollo/server';
import { Logger } from '@nestjs/common';
import { sqlCounter } from '../database/sql-counter';
import { classifyError } from '../errors/graphql-error.formatter';
import type { GqlContext } from './gql-context';

const log = new Logger('GraphQL');

/**
 * Logs unexpected errors with the request id and stack (clients only see INTERNAL_SERVER_ERROR), and with
 * DEBUG_SQL_COUNT reports the request's SQL statement count in `extensions.sqlStatements`.
 */
export function diagnosticsPlugin(): ApolloServerPlugin<GqlContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          const counter = sqlCounter.getStore();
          if (counter && response.body.kind === 'single') {
            response.body.singleResult.extensions = { ...response.body.singleResult.extensions, sqlStatements: counter.count };
          }
        },
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
