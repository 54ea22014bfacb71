import { Module } from '@nestjs/common';
import { EventsModule } from '../events/events.module';
import { TenantsModule } from '../tenants/tenants.module';
import { StockAnnouncer } from './stock-announcer';
import { StockEventBus } from './stock-event-bus';
import { StockPushService } from './stock-push.service';
import { ReservationRepository } from './reservation.repository';
import { StockReadService } from './stock-read.service';
import { StockReservationService } from './stock-reservation.service';
import { StockRepository } from './stock.repository';

@Module({
  imports: [EventsModule, TenantsModule],
  providers: [
    StockRepository,
    ReservationRepository,
    StockPushService,
    StockReadService,
    StockReservationService,
    StockEventBus,
    StockAnnouncer,
  ],
  exports: [StockPushService, StockReadService, StockReservationService, StockEventBus],
})
export class InventoryModule {}
