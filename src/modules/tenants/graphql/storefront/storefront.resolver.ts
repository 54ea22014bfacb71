import { Query, Resolver } from '@nestjs/graphql';
import { StorefrontAccess } from '../../../../core/auth/access.decorators';
import { Ctx } from '../../../../core/context/ctx.decorator';
import type { RequestContext } from '../../../../core/context/request-context';
import { StorefrontView, toStorefrontView } from './storefront.type';

@Resolver()
export class StorefrontInfoResolver {
  @Query(() => StorefrontView, { description: 'The storefront of the x-storefront-token.' })
  @StorefrontAccess()
  storefront(@Ctx() ctx: RequestContext): StorefrontView {
    return toStorefrontView(ctx.requireStorefront());
  }
}
