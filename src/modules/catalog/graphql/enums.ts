import { STOCK_STATUSES, TAX_CATEGORIES } from '../../../../libs/domain/src';
import { graphqlEnum } from '../../../core/graphql/graphql-enum';

export const TaxCategoryEnum = graphqlEnum(TAX_CATEGORIES, 'TaxCategory', 'NL: STANDARD 21, REDUCED 9, ZERO 0');
export const StockStatusEnum = graphqlEnum(STOCK_STATUSES, 'StockStatus');
