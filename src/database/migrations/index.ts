import { InitialSchema1764032400000 } from './1764032400000-InitialSchema';
import { Customers1764036000000 } from './1764036000000-Customers';
import { Webhooks1764039600000 } from './1764039600000-Webhooks';
import { Orders1764043200000 } from './1764043200000-Orders';
import { CatalogStructure1764046800000 } from './1764046800000-CatalogStructure';
import { PriceAgreements1764050400000 } from './1764050400000-PriceAgreements';
import { CatalogAttributes1764054000000 } from './1764054000000-CatalogAttributes';
import { SearchIndexes1764055800000 } from './1764055800000-SearchIndexes';
import { Insights1764057600000 } from './1764057600000-Insights';
import { StockPushFunction1764059400000 } from './1764059400000-StockPushFunction';
import { SearchWordPrefix1764061200000 } from './1764061200000-SearchWordPrefix';

/** Every migration, in order. A new schema change is a new file here (never edit a committed one). */
export const MIGRATIONS = [
  InitialSchema1764032400000,
  Customers1764036000000,
  Webhooks1764039600000,
  Orders1764043200000,
  CatalogStructure1764046800000,
  PriceAgreements1764050400000,
  CatalogAttributes1764054000000,
  SearchIndexes1764055800000,
  Insights1764057600000,
  StockPushFunction1764059400000,
  SearchWordPrefix1764061200000,
];
