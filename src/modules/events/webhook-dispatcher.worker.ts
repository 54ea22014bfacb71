import { AsyncResource } from 'node:async_hooks';
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { type BeforeApplicationShutdown, Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import {
  DESTINATION_NOT_ALLOWED,
  deliveryErrorMessage,
  envelopeBody,
  postWebhook,
  retryDelayMs,
  signWebhook,
} from '../../../libs/webhooks/src';
import type { WebhookDeliveryStatus } from '../../../libs/domain/src';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { DatabaseService } from '../../core/database/database.service';
import { OutboxRelay } from './outbox-relay.worker';
import { type ClaimedDeliveryRow, WebhookDeliveryRepository } from './webhook-delivery.repository';

/** A non-2xx answer as recorded: the status only, never what the receiver said. */
const httpError = (status: number) =>
  status >= 300 && status < 400 ? `HTTP ${status} (redirects are not followed)` : `HTTP ${status}`;

/** Deliveries in flight per instance. */
const MAX_IN_FLIGHT = 16;
const SHUTDOWN = 'shutdown';

type Outcome = { kind: 'answered'; status: number } | { kind: 'failed'; error: string } | { kind: 'released' };

/**
 * Sends due webhook deliveries. A claim is a short transaction (`FOR UPDATE SKIP LOCKED`, status
 * DELIVERING with a lease, attempts + 1), so every attempt is made by exactly one instance; the HTTP call
 * runs outside any transaction with a timeout, then the outcome is recorded: 2xx → SUCCEEDED, anything
 * else (non-2xx, timeout, network error) → PENDING at the next step of the backoff schedule, or DEAD after
 * the last one. A delivery is not claimed while an earlier delivery (by outbox position) of the same
 * object to the same endpoint is still open, which keeps each object's events in order.
 *
 * A crash mid-delivery leaves the row DELIVERING until its lease ends, then any instance retries it (at
 * least once: the receiver dedupes on `webhook-id`). A graceful stop aborts in-flight calls and hands
 * their deliveries back at once, without counting the attempt.
 */
@Injectable()
export class WebhookDispatcher implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly log = new Logger('Webhooks');
  /** Background work runs in the context the worker was built in, never in a request's (or its transaction's). */
  private readonly scope = new AsyncResource('WebhookDispatcher');
  private readonly inFlight = new Map<string, { abort: AbortController; done: Promise<void> }>();
  private timer?: NodeJS.Timeout;
  private ticking?: Promise<void>;
  private relaying?: Promise<void>;
  private pumping?: Promise<void>;
  private again = false;
  private stopped = false;
  /** Keep-alive connections; every new one goes through the destination check (see postWebhook). */
  private readonly agents = { http: new HttpAgent({ keepAlive: true }), https: new HttpsAgent({ keepAlive: true }) };

  constructor(
    private readonly db: DatabaseService,
    private readonly relay: OutboxRelay,
    private readonly deliveries: WebhookDeliveryRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** A claim's lease: longer than an attempt can take, so a live worker always records before it ends. */
  private get leaseMs(): number {
    return this.config.webhookTimeoutMs * 2 + 2000;
  }

  onApplicationBootstrap(): void {
    if (this.config.webhookAllowPrivateUrls && this.config.production) {
      this.log.warn('WEBHOOK_ALLOW_PRIVATE_URLS=true: webhooks may reach loopback and private addresses');
    }
    this.timer = setInterval(() => this.tick(), this.config.webhookPollMs);
    this.timer.unref();
    this.tick();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    for (const { abort } of this.inFlight.values()) abort.abort(SHUTDOWN);
    await Promise.allSettled([this.ticking, this.relaying, this.pumping]);
    // Claims that completed meanwhile were aborted at start; wait until every claim is handed back or recorded.
    while (this.inFlight.size) await Promise.allSettled([...this.inFlight.values()].map((f) => f.done));
    this.agents.http.destroy();
    this.agents.https.destroy();
  }

  /** After a transaction that wrote outbox events committed: relay them now, then send what is due. */
  async eventsCommitted(): Promise<void> {
    await this.relay.relayPending();
    this.kick();
  }

  /** Relays committed events and sends what is due, in the background (the caller does not wait). */
  relaySoon(): void {
    if (this.stopped) return;
    this.scope.runInAsyncScope(() => {
      const run = this.relay.relayPending().then(
        () => this.kick(),
        (e: Error) => this.log.error(`outbox relay failed: ${e.message}`),
      );
      this.relaying = run;
      void run.finally(() => {
        if (this.relaying === run) this.relaying = undefined;
      });
    });
  }

  /** Looks for due deliveries now (e.g. after a redelivery was scheduled). Never waits for HTTP. */
  kick(): void {
    if (this.stopped) return;
    if (this.pumping) {
      this.again = true;
      return;
    }
    this.scope.runInAsyncScope(() => {
      this.pumping = this.pump()
        .catch((e: Error) => this.log.error(`webhook dispatch failed: ${e.message}`))
        .finally(() => {
          this.pumping = undefined;
          if (this.again) {
            this.again = false;
            this.kick();
          }
        });
    });
  }

  private tick(): void {
    if (this.ticking || this.stopped) return;
    this.scope.runInAsyncScope(() => {
      this.ticking = this.relay
        .relayPending()
        .then(() => this.kick())
        .catch((e: Error) => this.log.error(`outbox relay failed: ${e.message}`))
        .finally(() => (this.ticking = undefined));
    });
  }

  private async pump(): Promise<void> {
    for (;;) {
      this.again = false;
      const room = MAX_IN_FLIGHT - this.inFlight.size;
      if (room <= 0 || this.stopped) return;
      const claimed = await this.claim(room);
      for (const job of claimed) this.start(job);
      if (claimed.length < room) return;
    }
  }

  private claim(limit: number): Promise<ClaimedDeliveryRow[]> {
    return this.db.transaction(() => this.deliveries.claimDue(limit, this.leaseMs));
  }

  private start(job: ClaimedDeliveryRow): void {
    const abort = new AbortController();
    if (this.stopped) abort.abort(SHUTDOWN);
    const done = this.send(job, abort.signal)
      .then((outcome) => this.record(job, outcome))
      .catch((e: Error) => this.log.error(`webhook delivery ${job.id} failed to record: ${e.message}`))
      .finally(() => {
        this.inFlight.delete(job.id);
        this.kick(); // a finished delivery may unblock the next event of the same object
      });
    this.inFlight.set(job.id, { abort, done });
  }

  /** One signed POST of the event's envelope. `webhook-id` is the event id, stable across attempts. */
  private async send(job: ClaimedDeliveryRow, stop: AbortSignal): Promise<Outcome> {
    const body = envelopeBody({
      id: job.eventId,
      type: job.type,
      occurredAt: job.occurredAt,
      brandCode: job.brandCode,
      data: job.payload,
    });
    const timeout = AbortSignal.timeout(this.config.webhookTimeoutMs);
    try {
      const status = await postWebhook(job.url, {
        headers: {
          'content-type': 'application/json',
          'user-agent': 'StorefrontHub-Webhooks/1',
          ...signWebhook(job.secret, job.eventId, new Date(), body),
        },
        body,
        signal: AbortSignal.any([stop, timeout]),
        policy: { allowPrivate: this.config.webhookAllowPrivateUrls },
        agents: this.agents,
      });
      return { kind: 'answered', status };
    } catch (e) {
      if (stop.aborted) return { kind: 'released' };
      if (timeout.aborted) return { kind: 'failed', error: `no answer within ${this.config.webhookTimeoutMs} ms` };
      const error = deliveryErrorMessage(e);
      if (error === DESTINATION_NOT_ALLOWED) {
        this.log.warn(`webhook delivery ${job.id} refused: ${(e as Error).message}`);
      }
      return { kind: 'failed', error };
    }
  }

  private async record(job: ClaimedDeliveryRow, outcome: Outcome): Promise<void> {
    if (outcome.kind === 'released') {
      // Stopped mid-call: hand the delivery back at once, the attempt not counted (the receiver may still get it twice).
      await this.deliveries.release(job);
      return;
    }
    const ok = outcome.kind === 'answered' && outcome.status >= 200 && outcome.status < 300;
    const delay = ok ? null : retryDelayMs(job.attempts, this.config.webhookRetryBaseMs);
    const status: WebhookDeliveryStatus = ok ? 'SUCCEEDED' : delay === null ? 'DEAD' : 'PENDING';
    const error = outcome.kind === 'failed' ? outcome.error : ok ? null : httpError(outcome.status);
    // Only the claim that is still current records (a claim taken over after its lease ended does not).
    await this.deliveries.recordOutcome(job, {
      status,
      retryInMs: delay,
      statusCode: outcome.kind === 'answered' ? outcome.status : null,
      error,
    });
    if (status === 'DEAD') this.log.warn(`webhook delivery ${job.id} is dead after ${job.attempts} attempts (${error})`);
    if (status === 'PENDING') this.scheduleKick(delay!);
  }

  /** A retry due sooner than the next poll is looked for on time (short schedules, tests). */
  private scheduleKick(delayMs: number): void {
    if (delayMs >= this.config.webhookPollMs || this.stopped) return;
    setTimeout(() => this.kick(), delayMs + 5).unref();
  }
}
