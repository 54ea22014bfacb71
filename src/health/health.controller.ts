import { Controller, Get, HttpCode, Res } from '@nestjs/common';
import { DatabaseService } from '../core/database/database.service';
import { Lifecycle } from './lifecycle';

@Controller('health')
export class HealthController {
  constructor(
    private readonly db: DatabaseService,
    private readonly lifecycle: Lifecycle,
  ) {}

  @Get('live')
  @HttpCode(200)
  live() {
    return { status: 'ok' };
  }

  /** 503 until the database answers and migrations ran, and again once shutdown has begun. */
  @Get('ready')
  async ready(@Res({ passthrough: true }) res: { status(code: number): unknown }) {
    const database = this.db.migrated && (await this.db.ping());
    const ok = database && !this.lifecycle.shuttingDown;
    res.status(ok ? 200 : 503);
    return {
      status: ok ? 'ok' : 'unavailable',
      database: database ? 'up' : 'down',
      migrations: this.db.migrated ? 'applied' : 'pending',
      shuttingDown: this.lifecycle.shuttingDown,
    };
  }
}
