export * from './availability';
export * from './sequence';
