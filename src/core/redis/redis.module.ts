import { Global, Logger, Module } from '@nestjs/common';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { RedisConnections } from './redis-connections';

/**
 * The one Redis provider (inert without REDIS_URL). Connected before any provider that uses it is built
 * (async factory), so subscriptions made in `onModuleInit` and the first rate-limit take find it ready.
 * Closed in `onApplicationShutdown`, the last of Nest's shutdown hooks (global modules last): main.ts
 * drains HTTP first, then the WebSocket server and the workers stop, and only then the connections close.
 */
@Global()
@Module({
  providers: [
    {
      provide: RedisConnections,
      inject: [APP_CONFIG],
      useFactory: async (config: AppConfig) => {
        const redis = new RedisConnections(config.redisUrl, new Logger('Redis'));
        await redis.connect();
        return redis;
      },
    },
  ],
  exports: [RedisConnections],
})
export class RedisModule {}
