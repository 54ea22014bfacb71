import { Module } from '@nestjs/common';
import { CustomersModule } from '../../modules/customers/customers.module';
import { TenantsModule } from '../../modules/tenants/tenants.module';
import { WsProtection } from './ws-protection';

/** WsProtection with the services the AccessGuard resolves callers with (imported by the GraphQL surface). */
@Module({ imports: [TenantsModule, CustomersModule], providers: [WsProtection], exports: [WsProtection] })
export class WsProtectionModule {}
