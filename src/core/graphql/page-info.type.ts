import { Field, ObjectType } from '@nestjs/graphql';

/** Relay-style page info of every connection (both schemas). */
@ObjectType('PageInfo')
export class PageInfo {
  @Field(() => Boolean) hasNextPage!: boolean;
  @Field(() => String, { nullable: true }) endCursor!: string | null;
}
