/** The contract's error codes (CONTRACT §5), exactly. A code outside this union does not compile. */
export const ERROR_CODES = [
  'STOREFRONT_TOKEN_REQUIRED',
  'UNKNOWN_STOREFRONT',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'BAD_USER_INPUT',
  'NOT_FOUND',
  'INVALID_VAT_NUMBER',
  'VAT_NUMBER_NOT_REGISTERED',
  'INVALID_KVK_NUMBER',
  'KVK_NUMBER_NOT_FOUND',
  'EMAIL_ALREADY_REGISTERED',
  'COMPANY_ALREADY_REGISTERED',
  'INVALID_CREDENTIALS',
  'ACCOUNT_NOT_ACTIVE',
  'TOO_MANY_ATTEMPTS',
  'INVALID_REFRESH_TOKEN',
  'INSUFFICIENT_STOCK',
  'QUERY_TOO_COMPLEX',
  'RATE_LIMITED',
  'PERSISTED_QUERY_NOT_FOUND',
  'INTERNAL_SERVER_ERROR',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}
