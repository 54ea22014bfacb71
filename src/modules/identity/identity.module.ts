import { Module } from '@nestjs/common';
import { InventoryModule } from '../inventory/inventory.module';
import { TenantsModule } from '../tenants/tenants.module';
import { AdminAuthService } from './admin-auth.service';
import { AdminsService } from './admins.service';
import { JwtService } from './jwt.service';
import { RateLimitService } from './rate-limit.service';

@Module({
  imports: [TenantsModule, InventoryModule],
  providers: [AdminAuthService, AdminsService, RateLimitService, JwtService],
  exports: [AdminAuthService, AdminsService, RateLimitService, JwtService],
})
export class IdentityModule {}
