export * from './availability';
export * from './sequence';
export * from './allocation';
