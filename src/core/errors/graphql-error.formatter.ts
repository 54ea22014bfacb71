import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { DomainError, type ErrorCode, isErrorCode } from '../../../libs/errors/src';

/** Codes Apollo/graphql-js give to malformed operations: to the client they are all BAD_USER_INPUT. */
const INPUT_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
]);

/**
 * Refusals by graphql-js and Apollo that are query limits like ours: the parser's token limit
 * (parseOptions.maxTokens), Apollo's maxRecursiveSelections (fragment fan-out), and graphql-js giving up
 * on a document (field duplication, too many errors).
 */
const QUERY_LIMIT_MESSAGES: Array<[RegExp, string]> = [
  [/^Syntax Error: Document contains more th(?:an|at) \d+ tokens/, 'tokens'],
  [/recursively requests too many selections\.$/, 'selections'],
  [/^Validation aborted\.$/, 'validation'],
  [/^Too many validation errors, error limit reached\. Validation aborted\.$/, 'validation'],
];

export interface ClassifiedError {
  code: ErrorCode;
  message: string;
  extensions: Record<string, unknown>;
  /** True for failures nobody expected: logged with the request id, shown without internals. */
  unexpected: boolean;
}

/** The innermost error: Apollo and graphql-js wrap what a resolver threw, sometimes twice. */
function unwrap(error: unknown): unknown {
  let e = error;
  while (e instanceof GraphQLError && e.originalError && e.originalError !== e) e = e.originalError;
  return e;
}

export function classifyError(error: unknown): ClassifiedError {
  const original = unwrap(error);
  if (original instanceof DomainError) {
    const extensions: Record<string, unknown> = { ...original.extensions };
    if (original.fieldErrors) extensions.fieldErrors = original.fieldErrors;
    return { code: original.code, message: original.message, extensions, unexpected: false };
  }
  if (original instanceof GraphQLError) {
    const code = original.extensions?.code;
    const limit = QUERY_LIMIT_MESSAGES.find(([re]) => re.test(original.message))?.[1];
    if (limit) {
      const message = original.message.replace(/^Syntax Error: /, '');
      return { code: 'QUERY_TOO_COMPLEX', message, extensions: { limit }, unexpected: false };
    }
    if (typeof code === 'string' && INPUT_CODES.has(code)) {
      const fieldErrors = original.extensions?.fieldErrors;
      return {
        code: 'BAD_USER_INPUT',
        message: original.message,
        extensions: fieldErrors ? { fieldErrors } : {},
        unexpected: false,
      };
    }
    if (isErrorCode(code) && code !== 'INTERNAL_SERVER_ERROR') {
      // Our own GraphQL errors (query limits) carry documented extensions such as `cost` and `limit`.
      const { code: _code, http: _http, stacktrace: _stack, ...rest } = original.extensions ?? {};
      return { code, message: original.message, extensions: rest, unexpected: false };
    }
    // A graphql-js error without an original cause (e.g. variable coercion) is the client's input.
    if (code === undefined && original.originalError === undefined) {
      return { code: 'BAD_USER_INPUT', message: original.message, extensions: {}, unexpected: false };
    }
  }
  return { code: 'INTERNAL_SERVER_ERROR', message: 'Internal server error', extensions: {}, unexpected: true };
}

/** The one place that knows the wire shape of errors (CONTRACT §5). */
export function formatGraphQLError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const c = classifyError(error);
  return {
    message: c.message,
    ...(formatted.locations ? { locations: formatted.locations } : {}),
    ...(formatted.path ? { path: formatted.path } : {}),
    extensions: { code: c.code, ...c.extensions },
  };
}
