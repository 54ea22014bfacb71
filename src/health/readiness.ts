import type { DatabaseService } from '../core/database/database.service';

/** How long one answer of the database probe is reused: a flood of health checks costs at most a few statements a second. */
export const READY_CACHE_MS = 500;
/** A database slower than this to answer `SELECT 1` counts as down. */
export const READY_DB_TIMEOUT_MS = 1000;

/** Whether the database answers, probed at most once per READY_CACHE_MS (one per health controller). */
export class Readiness {
  private last?: { at: number; up: boolean };
  private checking?: Promise<boolean>;

  constructor(private readonly db: DatabaseService) {}

  databaseUp(): Promise<boolean> {
    if (this.last && Date.now() - this.last.at < READY_CACHE_MS) return Promise.resolve(this.last.up);
    this.checking ??= this.db.ping(READY_DB_TIMEOUT_MS).then((up) => {
      this.last = { at: Date.now(), up };
      this.checking = undefined;
      return up;
    });
    return this.checking;
  }
}
