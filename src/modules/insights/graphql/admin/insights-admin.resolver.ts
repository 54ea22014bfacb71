import type { CustomerSegment } from '../../../../../libs/domain/src';
import { Args, Query, Resolver } from '@nestjs/graphql';
import { AdminPermission } from '../../../../core/auth/access.decorators';
import { Ctx } from '../../../../core/context/ctx.decorator';
import type { RequestContext } from '../../../../core/context/request-context';
import { InsightsReadService } from '../../insights-read.service';
import { SegmentCountType } from '../insights.types';

@Resolver()
export class InsightsAdminResolver {
  constructor(private readonly insights: InsightsReadService) {}

  @Query(() => [SegmentCountType], {
    description: "Customers per segment in your brands, or in the brand named (another brand's code: NOT_FOUND).",
  })
  @AdminPermission({ apiKeyScope: 'CUSTOMERS_READ' })
  customerSegmentCounts(
    @Ctx() ctx: RequestContext,
    @Args('brandCode', { type: () => String, nullable: true }) brandCode: string | null,
  ): Promise<{ segment: CustomerSegment; count: number }[]> {
    return this.insights.segmentCounts(ctx, brandCode);
  }
}
