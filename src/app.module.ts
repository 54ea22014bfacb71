import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { DomainModules } from './api/domain-modules';
import { GraphQLSurfaces } from './api/graphql-surfaces';
import type { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { AccessGuard } from './api/access/access.guard';
import { CacheModule } from './core/cache/cache.module';
import { DatabaseModule } from './core/database/database.module';
import { GraphQLExceptionsFilter } from './core/graphql/graphql-exceptions.filter';
import { OperationLimitGuard } from './core/rate-limit/operation-limit';
import { RateLimitModule } from './core/rate-limit/rate-limit.module';
import { RedisModule } from './core/redis/redis.module';
import { DemoSeedService } from './database/seed/demo-seed.service';
import { HealthController } from './health/health.controller';
import { Lifecycle } from './health/lifecycle';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        DatabaseModule,
        RedisModule,
        CacheModule,
        RateLimitModule,
        ...DomainModules,
        ...GraphQLSurfaces,
      ],
      controllers: [HealthController],
      providers: [
        Lifecycle,
        DemoSeedService,
        { provide: APP_GUARD, useClass: AccessGuard },
        // After the access rule (it needs the caller's storefront): per-operation count limits.
        { provide: APP_GUARD, useClass: OperationLimitGuard },
        { provide: APP_FILTER, useClass: GraphQLExceptionsFilter },
      ],
    };
  }
}
