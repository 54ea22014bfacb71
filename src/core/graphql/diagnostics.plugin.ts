import type { ApolloServerPlugin } from '@apollo/server';
import { Logger } from '@nestjs/common';
import { sqlCounter } from '../database/sql-counter';
import { classifyError } from '../errors/graphql-error.formatter';
import type { GqlContext } from './gql-context';

const log = new Logger('GraphQL');

/** Expected codes an operator should notice (throttling): warn; every other expected code: info. */
const WARN_CODES = new Set(['TOO_MANY_ATTEMPTS', 'RATE_LIMITED']);

/**
 * Logs every GraphQL error once (Nest's own handler is silenced by GraphQLExceptionsFilter): unexpected ones
 * at error level with the request id and stack (clients only see INTERNAL_SERVER_ERROR); expected ones —
 * a DomainError such as INVALID_CREDENTIALS, bad input — as one line without stack or message (messages may
 * quote the caller's input), at info, throttling at warn. With DEBUG_SQL_COUNT it reports the request's SQL
 * statement count in `extensions.sqlStatements`.
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
            const c = classifyError(error);
            const fields = { requestId: contextValue?.requestId, operationName, path: error.path?.join('.'), code: c.code };
            if (c.unexpected) {
              const cause = error.originalError ?? error;
              log.error({ ...fields, err: cause.message }, cause.stack);
            } else if (WARN_CODES.has(c.code)) {
              log.warn({ ...fields, event: 'expected_error' });
            } else {
              log.log({ ...fields, event: 'expected_error' });
            }
          }
        },
      };
    },
  };
}
