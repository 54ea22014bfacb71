import { Controller, Get, HttpCode, Res } from '@nestjs/common';
import { DatabaseService } from '../core/database/database.service';
import { Lifecycle } from './lifecycle';
import { Readiness } from './readiness';

@Controller('health')
export class HealthController {
  private readonly readiness = new Readiness(this.db);

  constructor(
    private readonly db: DatabaseService,
    private readonly lifecycle: Lifecycle,
  ) {}

  /** The process answers HTTP: never touches the database (a database outage must not get the process restarted). */
  @Get('live')
  @HttpCode(200)
  live() {
    return { status: 'ok' };
  }

  /**
   * 503 until migrations ran, while the database does not answer `SELECT 1` (within 1 s, probed at most
   * twice a second), and once shutdown has begun.
   */
  @Get('ready')
  async ready(@Res({ passthrough: true }) res: { status(code: number): unknown }) {
    const database = this.db.migrated && (await this.readiness.databaseUp());
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
