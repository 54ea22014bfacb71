import { Module } from '@nestjs/common';
import { EventsModule } from '../events/events.module';
import { StockEventBus } from './stock-event-bus';
import { StockPushService } from './stock-push.service';
import { StockReadService } from './stock-read.service';
import { StockRepository } from './stock.repository';
import { WarehousesService } from './warehouses.service';

@Module({
  imports: [EventsModule],
  providers: [StockRepository, WarehousesService, StockPushService, StockReadService, StockEventBus],
  exports: [WarehousesService, StockPushService, StockReadService, StockEventBus],
})
export class InventoryModule {}
