import { Module } from '@nestjs/common';
import { EventsModule } from '../events/events.module';
import { StockEventBus } from './stock-event-bus';
import { StockPushService } from './stock-push.service';
import { StockReadService } from './stock-read.service';
import { WarehousesService } from './warehouses.service';

@Module({
  imports: [EventsModule],
  providers: [WarehousesService, StockPushService, StockReadService, StockEventBus],
  exports: [WarehousesService, StockPushService, StockReadService, StockEventBus],
})
export class InventoryModule {}
