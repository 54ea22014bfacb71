import type { GraphQLError } from 'graphql';
import { classifyError } from '../errors/graphql-error.formatter';

/** Expected codes an operator should notice (throttling): warn; every other expected code: info. */
const WARN_CODES = new Set(['TOO_MANY_ATTEMPTS', 'RATE_LIMITED']);

export interface ErrorLogEntry {
  level: 'error' | 'warn' | 'info';
  fields: Record<string, unknown>;
  /** Only for unexpected errors. */
  stack?: string;
}

/**
 * How one GraphQL error is logged: an unexpected one at error level with its message and stack (the client
 * only sees INTERNAL_SERVER_ERROR); an expected one — a DomainError such as INVALID_CREDENTIALS, bad input —
 * as one line with the request id and code, without message (it may quote the caller's input) or stack, at
 * info, throttling at warn. Anyone can cause expected errors at will: they must not flood the error log.
 */
export function errorLogEntry(error: GraphQLError, requestId: string | undefined, operationName?: string | null): ErrorLogEntry {
  const c = classifyError(error);
  const fields = { requestId, operationName, path: error.path?.join('.'), code: c.code };
  if (c.unexpected) {
    const cause = error.originalError ?? error;
    return { level: 'error', fields: { ...fields, err: cause.message }, stack: cause.stack };
  }
  return { level: WARN_CODES.has(c.code) ? 'warn' : 'info', fields: { ...fields, event: 'expected_error' } };
}
