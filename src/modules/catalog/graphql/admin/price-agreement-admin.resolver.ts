import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { AdminPermission } from '../../../../core/auth/access.decorators';
import { Ctx } from '../../../../core/context/ctx.decorator';
import type { RequestContext } from '../../../../core/context/request-context';
import { ListInputPipe } from '../../../../core/errors/input-validation';
import { PriceAgreementsService } from '../../price-agreements.service';
import { CompanyPriceInput, CompanyPriceType, PriceTiersInput } from './price-agreement-admin.types';

/** B2B price agreements on the Admin API: quantity breaks and company price lists, limited to the caller's brands. */
@Resolver()
export class PriceAgreementAdminResolver {
  constructor(private readonly agreements: PriceAgreementsService) {}

  @Mutation(() => Int, {
    description: 'Replaces the quantity breaks of 1..1000 (storefront, SKU) pairs; atomic. Returns how many.',
  })
  @AdminPermission({ apiKeyScope: 'CATALOG_WRITE' })
  setPriceTiers(
    @Ctx() ctx: RequestContext,
    @Args('input', { type: () => [PriceTiersInput] }, new ListInputPipe(PriceTiersInput, 'input', { min: 1, max: 1000 }))
    input: PriceTiersInput[],
  ): Promise<number> {
    return this.agreements.setTiers(ctx, input);
  }

  @Mutation(() => Int, {
    description: "Sets (or, with amount null, removes) 1..1000 companies' agreed prices; atomic. Returns how many.",
  })
  @AdminPermission({ apiKeyScope: 'CATALOG_WRITE' })
  setCompanyPrices(
    @Ctx() ctx: RequestContext,
    @Args('input', { type: () => [CompanyPriceInput] }, new ListInputPipe(CompanyPriceInput, 'input', { min: 1, max: 1000 }))
    input: CompanyPriceInput[],
  ): Promise<number> {
    return this.agreements.setCompanyPrices(ctx, input);
  }

  @Query(() => [CompanyPriceType], { description: "A company's agreed prices (empty for a company outside your brands)." })
  @AdminPermission({ apiKeyScope: 'CATALOG_WRITE' })
  companyPrices(
    @Ctx() ctx: RequestContext,
    @Args('companyId', { type: () => ID }) companyId: string,
    @Args('storefrontCode', { type: () => String, nullable: true }) storefrontCode?: string | null,
  ): Promise<CompanyPriceType[]> {
    return this.agreements.companyPrices(ctx, companyId, storefrontCode ?? null);
  }
}
