export * from './iso';
