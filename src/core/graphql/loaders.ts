import DataLoader from 'dataloader';
import type { GqlContext } from './gql-context';

const LOADERS = Symbol('loaders');

/**
 * One DataLoader per operation and name, kept on the GraphQL context: sibling fields (e.g. the variants of
 * 20 products) are fetched in one batch instead of N queries.
 */
export function loader<K, V>(gql: GqlContext, name: string, batch: (keys: readonly K[]) => Promise<V[]>): DataLoader<K, V> {
  const holder = gql as GqlContext & { [LOADERS]?: Map<string, DataLoader<unknown, unknown>> };
  const map = (holder[LOADERS] ??= new Map());
  let l = map.get(name) as DataLoader<K, V> | undefined;
  if (!l) {
    l = new DataLoader<K, V>(batch, { maxBatchSize: 500 });
    map.set(name, l as DataLoader<unknown, unknown>);
  }
  return l;
}
