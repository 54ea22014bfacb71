export * from './money';
export * from './order-totals';
export * from './reverse-charge';
export * from './unit-price';
