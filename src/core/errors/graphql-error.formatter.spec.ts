import { GraphQLError } from 'graphql';
import { DomainError } from '../../../libs/errors/src';
import { formatGraphQLError } from './graphql-error.formatter';

const base = { message: 'x', path: ['op'] };

describe('formatGraphQLError', () => {
  it('maps a DomainError to its code and field errors', () => {
    const err = new GraphQLError('wrapped', {
      originalError: new DomainError('INVALID_VAT_NUMBER', 'Bad VAT', {
        fieldErrors: [{ path: 'company.vatNumber', message: 'Invalid check digits.' }],
      }),
    });
    expect(formatGraphQLError(base, err)).toEqual({
      message: 'Bad VAT',
      path: ['op'],
      extensions: {
        code: 'INVALID_VAT_NUMBER',
        fieldErrors: [{ path: 'company.vatNumber', message: 'Invalid check digits.' }],
      },
    });
  });

  it('hides internals of unexpected errors', () => {
    const err = new GraphQLError('wrapped', { originalError: new Error('relation "secret_table" does not exist') });
    const out = formatGraphQLError(base, err);
    expect(out.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR' });
    expect(out.message).toBe('Internal server error');
    expect(JSON.stringify(out)).not.toContain('secret_table');
  });

  it('maps validation failures of the operation to BAD_USER_INPUT', () => {
    const err = new GraphQLError('Unknown argument "x"', { extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
    expect(formatGraphQLError(base, err).extensions).toEqual({ code: 'BAD_USER_INPUT' });
  });
});
