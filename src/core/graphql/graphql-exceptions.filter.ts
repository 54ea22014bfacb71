import { type ArgumentsHost, Catch } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import type { GqlContextType, GqlExceptionFilter } from '@nestjs/graphql';

/**
 * Hands every error of a GraphQL resolver (or of the AccessGuard before it) back to graphql-js untouched,
 * instead of Nest's default handler, which logs each one at error level with a stack — a failed login
 * included, so anyone could flood the logs. `diagnosticsPlugin` logs each error once, by kind: expected
 * ones (DomainError, bad input) as one line at info/warn, unexpected ones at error with the stack.
 * HTTP routes (health) keep Nest's behaviour.
 */
@Catch()
export class GraphQLExceptionsFilter extends BaseExceptionFilter implements GqlExceptionFilter {
  override catch(exception: unknown, host: ArgumentsHost): unknown {
    if (host.getType<GqlContextType>() !== 'graphql') return super.catch(exception, host);
    // graphql-js turns a returned Error into a field error; anything else thrown would pass for data.
    return exception instanceof Error ? exception : new Error(`non-error thrown: ${String(exception)}`);
  }
}
