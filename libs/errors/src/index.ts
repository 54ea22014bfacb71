export * from './error-codes';
export * from './field-error';
export * from './domain-error';
