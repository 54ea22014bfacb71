import { Injectable, type BeforeApplicationShutdown } from '@nestjs/common';

/** Knows whether the app is shutting down (readiness turns 503 at once). */
@Injectable()
export class Lifecycle implements BeforeApplicationShutdown {
  shuttingDown = false;

  /** Called on SIGTERM/SIGINT, before the HTTP server drains. */
  beginShutdown(): void {
    this.shuttingDown = true;
  }

  beforeApplicationShutdown(): void {
    this.shuttingDown = true;
  }
}
