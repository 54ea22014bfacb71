import { Module } from '@nestjs/common';
import { EventsModule } from '../events/events.module';
import { TenantsModule } from '../tenants/tenants.module';
import { StockEventBus } from './stock-event-bus';
import { StockPushService } from './stock-push.service';
import { StockReadService } from './stock-read.service';
import { StockRepository } from './stock.repository';

@Module({
  imports: [EventsModule, TenantsModule],
  providers: [StockRepository, StockPushService, StockReadService, StockEventBus],
  exports: [StockPushService, StockReadService, StockEventBus],
})
export class InventoryModule {}
