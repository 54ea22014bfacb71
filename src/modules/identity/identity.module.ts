import { Module } from '@nestjs/common';
import { InventoryModule } from '../inventory/inventory.module';
import { TenantsModule } from '../tenants/tenants.module';
import { AdminAuthService } from './admin-auth.service';
import { AdminsService } from './admins.service';
import { JwtService } from './jwt.service';
import { LoginThrottle } from './login-throttle.service';

@Module({
  imports: [TenantsModule, InventoryModule],
  providers: [AdminAuthService, AdminsService, LoginThrottle, JwtService],
  exports: [AdminAuthService, AdminsService, LoginThrottle, JwtService],
})
export class IdentityModule {}
