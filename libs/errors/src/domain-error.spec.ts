import { badInput, DomainError, isErrorCode } from './index';

describe('DomainError', () => {
  it('carries the code, message and field errors', () => {
    const err = badInput([{ path: 'company.vatNumber', message: 'Invalid check digits.' }]);
    expect(err).toBeInstanceOf(DomainError);
    expect(err.code).toBe('BAD_USER_INPUT');
    expect(err.message).toContain('company.vatNumber');
    expect(err.fieldErrors).toEqual([{ path: 'company.vatNumber', message: 'Invalid check digits.' }]);
  });

  it('knows exactly the contract codes', () => {
    expect(isErrorCode('UNKNOWN_STOREFRONT')).toBe(true);
    expect(isErrorCode('GRAPHQL_VALIDATION_FAILED')).toBe(false);
    expect(isErrorCode(42)).toBe(false);
  });
});
