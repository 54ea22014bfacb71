import type { ErrorCode } from './error-codes';
import type { FieldError } from './field-error';

export interface DomainErrorOptions {
  fieldErrors?: FieldError[];
  /** Extra, documented extensions (e.g. `status` for ACCOUNT_NOT_ACTIVE). Never internals. */
  extensions?: Record<string, unknown>;
}

/**
 * An expected failure that a caller is meant to handle. The GraphQL formatter turns it into an error
 * with `extensions.code` (and `fieldErrors`); services throw it, nothing else knows the wire shape.
 */
export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly fieldErrors?: FieldError[];
  readonly extensions: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, options: DomainErrorOptions = {}) {
    super(message);
    this.name = 'DomainError';
    this.code = code;
    this.fieldErrors = options.fieldErrors;
    this.extensions = options.extensions ?? {};
  }
}

/** BAD_USER_INPUT for one or more fields. */
export function badInput(fieldErrors: FieldError[], message?: string): DomainError {
  const first = fieldErrors[0];
  return new DomainError(
    'BAD_USER_INPUT',
    message ?? (first ? `Invalid input at ${first.path}: ${first.message}` : 'Invalid input.'),
    { fieldErrors },
  );
}

export function notFound(what: string): DomainError {
  return new DomainError('NOT_FOUND', `${what} was not found.`);
}

export function forbidden(message = 'You are not allowed to do this.'): DomainError {
  return new DomainError('FORBIDDEN', message);
}
