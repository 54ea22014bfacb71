import type { Type } from '@nestjs/common';
import { Field, Int, ObjectType } from '@nestjs/graphql';
import { PageInfo } from './page-info.type';
import type { Connection, Edge } from './pagination';

/**
 * The GraphQL types of a list of `node`: `<Name>Edge { cursor node }` and the fields of `<Name>Connection`
 * (`edges pageInfo totalCount`). Use as `@ObjectType('ProductConnection') class ProductConnection extends
 * Paginated(ProductType, 'Product') {}`; fill it with `toConnection` from pagination.ts.
 */
export function Paginated<N>(node: Type<N>, name: string): Type<Connection<N>> {
  @ObjectType(`${name}Edge`)
  class EdgeType implements Edge<N> {
    @Field(() => String) cursor!: string;
    @Field(() => node) node!: N;
  }

  @ObjectType({ isAbstract: true })
  class ConnectionType implements Connection<N> {
    @Field(() => [EdgeType]) edges!: Array<Edge<N>>;
    @Field(() => PageInfo) pageInfo!: PageInfo;
    @Field(() => Int) totalCount!: number;
  }
  return ConnectionType;
}
