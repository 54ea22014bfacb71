import type { OnApplicationShutdown } from '@nestjs/common';
import Redis, { type RedisOptions } from 'ioredis';

/** Receives one message of a channel (or of a channel matching a pattern). */
export type RedisMessageHandler = (message: string, channel: string) => void;

/** Where connection trouble is told (Nest's Logger in the app; no framework here, so it is unit-tested). */
export interface RedisLog {
  log(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/** The two connections of an instance: 'commands' (commands and PUBLISH) and 'subscriber'. */
export type RedisRole = 'commands' | 'subscriber';

/**
 * Options of each connection. The command connection fails fast: no offline queue, one retry of a command
 * in flight when the connection drops. While Redis cannot be reached a command is refused at once instead of
 * waiting for a reconnect, which is what every user of it wants: the rate limiter falls back to its
 * in-process buckets (a request never waits on a dead Redis; a queue would grow with every request of an
 * outage), and a publish that would be late is better lost — a missed read-cache bump is bounded by
 * READ_CACHE_TTL_MS, a stock event published during an outage could not reach the subscribers of other
 * instances anyway (their subscriber connection is down too), and the caller logs the failure. So one
 * connection serves all of them. The subscriber keeps ioredis's defaults: its SUBSCRIBEs wait for the
 * connection and are sent again after every reconnect.
 */
export const REDIS_OPTIONS: Record<RedisRole, RedisOptions> = {
  commands: { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 1, connectionName: 'hub:commands' },
  subscriber: { lazyConnect: true, connectionName: 'hub:subscriber' },
};

/**
 * The Redis connections of this instance, for everything in src/core and the modules that works across
 * instances (rate limits, read-cache bumps, stock events): one command connection and one subscriber
 * connection (ioredis needs a connection of its own in subscriber mode) with a channel → handler registry,
 * so every user subscribes through it. Inert without REDIS_URL: `commands` is undefined and subscribing does
 * nothing (callers then keep their work in process). Connection trouble is logged once per change of state;
 * both connections close once, on application shutdown, i.e. after the HTTP drain and after the workers
 * and WebSocket subscriptions have stopped (redis.module.ts).
 */
export class RedisConnections implements OnApplicationShutdown {
  /** Commands and PUBLISH; undefined without REDIS_URL. Fails fast (REDIS_OPTIONS). */
  readonly commands?: Redis;
  private readonly subscriber?: Redis;
  private readonly channels = new Map<string, RedisMessageHandler>();
  private readonly patterns = new Map<string, RedisMessageHandler>();
  private readonly lastError = new Map<RedisRole, Error>();
  private readonly down = new Set<RedisRole>();
  private closing?: Promise<void>;

  constructor(
    url: string | undefined,
    private readonly log: RedisLog,
    createClient = (role: RedisRole) => new Redis(url!, REDIS_OPTIONS[role]),
  ) {
    if (!url) return;
    this.commands = this.watch('commands', createClient('commands'));
    this.subscriber = this.watch('subscriber', createClient('subscriber'));
    this.subscriber.on('message', (channel: string, message: string) =>
      this.deliver(this.channels.get(channel), message, channel),
    );
    this.subscriber.on('pmessage', (pattern: string, channel: string, message: string) =>
      this.deliver(this.patterns.get(pattern), message, channel),
    );
  }

  get enabled(): boolean {
    return this.commands !== undefined;
  }

  /** Opens both connections (at start: an unreachable REDIS_URL stops the start). */
  async connect(): Promise<void> {
    if (!this.commands || !this.subscriber) return;
    try {
      await Promise.all([this.commands.connect(), this.subscriber.connect()]);
    } catch (e) {
      const cause = this.lastError.get('commands') ?? this.lastError.get('subscriber') ?? (e as Error);
      await this.onApplicationShutdown();
      throw new Error(`cannot connect to REDIS_URL (${cause.message})`);
    }
  }

  /** Delivers every message of `channel` to `handler` (one handler per channel). */
  async subscribe(channel: string, handler: RedisMessageHandler): Promise<void> {
    if (!this.subscriber) return;
    register(this.channels, channel, handler);
    await this.subscriber.subscribe(channel);
  }

  /** Delivers every message of the channels matching `pattern` (PSUBSCRIBE) to `handler`. */
  async psubscribe(pattern: string, handler: RedisMessageHandler): Promise<void> {
    if (!this.subscriber) return;
    register(this.patterns, pattern, handler);
    await this.subscriber.psubscribe(pattern);
  }

  /** Closes both connections, once (later calls wait for the first). */
  onApplicationShutdown(): Promise<void> {
    this.closing ??= Promise.all([this.commands, this.subscriber].map(close)).then(() => undefined);
    return this.closing;
  }

  private deliver(handler: RedisMessageHandler | undefined, message: string, channel: string): void {
    if (!handler) return;
    try {
      handler(message, channel);
    } catch (e) {
      this.log.error(`handler of ${channel} failed: ${(e as Error).message}`);
    }
  }

  /** Logs a connection's trouble once when it starts (ioredis repeats the error at every reconnect attempt) and once when it ends. */
  private watch(role: RedisRole, r: Redis): Redis {
    r.on('error', (e: Error) => {
      this.lastError.set(role, e);
      if (this.closing || this.down.has(role)) return;
      this.down.add(role);
      this.log.warn(`${role} connection to Redis failed: ${e.message}`);
    });
    r.on('ready', () => {
      if (this.down.delete(role)) this.log.log(`${role} connection to Redis is back`);
    });
    return r;
  }
}

/** QUIT (pending replies first) when connected; otherwise at once (a QUIT would wait in the offline queue). */
async function close(r: Redis | undefined): Promise<void> {
  if (r?.status === 'ready') await r.quit().catch(() => r.disconnect());
  else r?.disconnect();
}

function register(handlers: Map<string, RedisMessageHandler>, name: string, handler: RedisMessageHandler): void {
  if (handlers.has(name)) throw new Error(`Redis channel ${name} already has a handler`);
  handlers.set(name, handler);
}
