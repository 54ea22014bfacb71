import { Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';

/**
 * The shape of background work: every `intervalMs` one run of `runOnce` (never two at a time on an instance);
 * shutdown stops the timer and waits for the run in progress. Runs claim their rows with FOR UPDATE SKIP LOCKED,
 * so instances share the work. A failed run is logged and the next one tries again.
 */
export abstract class PollingWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  protected readonly log: Logger;
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  protected constructor(
    private readonly name: string,
    private readonly intervalMs: number,
  ) {
    this.log = new Logger(name);
  }

  /** One run; a number is logged as "N done" when it is not 0. */
  protected abstract runOnce(): Promise<number | void>;

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.running ??= this.runOnce()
        .then((n) => {
          if (typeof n === 'number' && n > 0) this.log.log(`${n} done`);
        })
        .catch((e: Error) => this.log.error(`${this.name} run failed: ${e.message}`))
        .finally(() => (this.running = undefined));
    }, this.intervalMs);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}
