import { Module } from '@nestjs/common';
import { CatalogModule } from '../catalog/catalog.module';
import { CustomersModule } from '../customers/customers.module';
import { EventsModule } from '../events/events.module';
import { TenantsModule } from '../tenants/tenants.module';
import { InsightsCountingService } from './insights-counting.service';
import { InsightsReadService } from './insights-read.service';
import { InsightsRepository } from './insights.repository';
import { InsightsWorker } from './insights.worker';

/**
 * Customer insights from order data: "also bought", buy-again, segments (docs/INSIGHTS.md). Reads orders' tables
 * through its own SQL (no import of orders); imports catalog, customers, tenants and events; nothing imports it.
 */
@Module({
  imports: [CatalogModule, CustomersModule, EventsModule, TenantsModule],
  providers: [InsightsRepository, InsightsCountingService, InsightsReadService, InsightsWorker],
  exports: [InsightsReadService],
})
export class InsightsModule {}
