import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { AdminPermission } from '../../../../core/auth/access.decorators';
import { Ctx } from '../../../../core/context/ctx.decorator';
import type { RequestContext } from '../../../../core/context/request-context';
import { ListInputPipe } from '../../../../core/errors/input-validation';
import { AttributeAdminService } from '../../attribute-admin.service';
import { AdminAttribute, AttributeInput } from './attribute-admin.types';

@Resolver()
export class AttributeAdminResolver {
  constructor(private readonly service: AttributeAdminService) {}

  @Mutation(() => [AdminAttribute], {
    description: 'Creates or updates 1..200 attributes by code, with their values (never deletes); atomic.',
  })
  @AdminPermission({ superadminOnly: true, apiKeyScope: 'CATALOG_WRITE' })
  upsertAttributes(
    @Ctx() ctx: RequestContext,
    @Args('input', { type: () => [AttributeInput] }, new ListInputPipe(AttributeInput, 'input', { min: 1, max: 200 }))
    input: AttributeInput[],
  ): Promise<AdminAttribute[]> {
    return this.service.upsertAttributes(ctx, input);
  }

  @Query(() => [AdminAttribute], { description: 'Every attribute of the shared catalog, in display order.' })
  @AdminPermission({ apiKeyScope: 'CATALOG_WRITE' })
  attributes(@Ctx() ctx: RequestContext): Promise<AdminAttribute[]> {
    return this.service.list(ctx);
  }
}
