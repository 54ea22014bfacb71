export * from './token-bucket';
