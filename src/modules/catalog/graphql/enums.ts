import { registerEnumType } from '@nestjs/graphql';

export enum TaxCategoryEnum {
  STANDARD = 'STANDARD',
  REDUCED = 'REDUCED',
  ZERO = 'ZERO',
}
export enum StockStatusEnum {
  IN_STOCK = 'IN_STOCK',
  LOW_STOCK = 'LOW_STOCK',
  OUT_OF_STOCK = 'OUT_OF_STOCK',
}
registerEnumType(TaxCategoryEnum, { name: 'TaxCategory', description: 'NL: STANDARD 21, REDUCED 9, ZERO 0' });
registerEnumType(StockStatusEnum, { name: 'StockStatus' });
