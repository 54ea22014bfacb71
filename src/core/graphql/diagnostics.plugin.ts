import type { ApolloServerPlugin } from '@apollo/server';
import { Logger } from '@nestjs/common';
import { sqlCounter } from '../database/sql-counter';
import { errorLogEntry } from './error-log';
import type { GqlContext } from './gql-context';

const log = new Logger('GraphQL');

/**
 * Logs every GraphQL error once, by kind (`errorLogEntry`: unexpected at error with the stack, expected as one
 * info/warn line); Nest's own handler is kept quiet by GraphQLExceptionsFilter. With DEBUG_SQL_COUNT it
 * reports the request's SQL statement count in `extensions.sqlStatements`.
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
            const entry = errorLogEntry(error, contextValue?.requestId, operationName);
            if (entry.level === 'error') log.error(entry.fields, entry.stack);
            else if (entry.level === 'warn') log.warn(entry.fields);
            else log.log(entry.fields);
          }
        },
      };
    },
  };
}
