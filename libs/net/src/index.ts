export * from './destination';
export * from './ip-address';
export * from './ports';
