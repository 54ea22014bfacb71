export * from './backoff';
export * from './endpoint-url';
export * from './event-envelope';
export * from './signing';
export * from './webhook-post';
