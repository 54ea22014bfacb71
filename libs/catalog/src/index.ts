export * from './category-tree';
export * from './locale';
export * from './media';
export * from './attributes';
export * from './search';
