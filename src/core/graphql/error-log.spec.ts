import { GraphQLError } from 'graphql';
import { DomainError } from '../../../libs/errors/src';
import { errorLogEntry } from './error-log';

const wrap = (e: Error) => new GraphQLError(e.message, { path: ['login'], originalError: e });

describe('errorLogEntry', () => {
  it('an expected error: one info line with request id and code, no message, no stack', () => {
    const e = wrap(new DomainError('INVALID_CREDENTIALS', 'E-mail address or password is wrong.'));
    expect(errorLogEntry(e, 'req-1', 'login')).toEqual({
      level: 'info',
      fields: { requestId: 'req-1', operationName: 'login', path: 'login', code: 'INVALID_CREDENTIALS', event: 'expected_error' },
    });
  });

  it('throttling at warn; bad input at info', () => {
    const throttled = wrap(new DomainError('TOO_MANY_ATTEMPTS', 'Too many.', { extensions: { retryAfter: 3 } }));
    expect(errorLogEntry(throttled, 'req-1')).toMatchObject({ level: 'warn', fields: { code: 'TOO_MANY_ATTEMPTS' } });
    expect(errorLogEntry(throttled, 'req-1').stack).toBeUndefined();
    const parse = new GraphQLError('Syntax Error: Unexpected "}"', { extensions: { code: 'GRAPHQL_PARSE_FAILED' } });
    expect(errorLogEntry(parse, 'req-2')).toMatchObject({ level: 'info', fields: { code: 'BAD_USER_INPUT' } });
  });

  it('an unexpected error: error level, with its message and stack', () => {
    const boom = new TypeError('cannot read x of undefined');
    expect(errorLogEntry(wrap(boom), 'req-1', 'login')).toEqual({
      level: 'error',
      fields: { requestId: 'req-1', operationName: 'login', path: 'login', code: 'INTERNAL_SERVER_ERROR', err: boom.message },
      stack: boom.stack,
    });
  });
});
