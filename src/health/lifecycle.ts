import { Injectable, type BeforeApplicationShutdown } from '@nestjs/common';

/** Knows whether the app is shutting down (readiness turns 503 at once). */
@Injectable()
export class Lifecycle implements BeforeApplicationShutdown {
  shuttingDown = false;

  beforeApplicationShutdown(): void {
    this.shuttingDown = true;
  }
}
