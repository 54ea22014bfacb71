import { Module } from '@nestjs/common';
import { TenantsModule } from '../tenants/tenants.module';
import { AdminAuthService } from './admin-auth.service';
import { AdminsService } from './admins.service';
import { IdentityRepository } from './identity.repository';
import { JwtService } from './jwt.service';
import { LoginThrottle } from './login-throttle.service';

@Module({
  imports: [TenantsModule],
  providers: [IdentityRepository, AdminAuthService, AdminsService, LoginThrottle, JwtService],
  exports: [AdminAuthService, AdminsService, LoginThrottle, JwtService],
})
export class IdentityModule {}
