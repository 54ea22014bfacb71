export * from './category-tree';
export * from './locale';
export * from './media';
