import { EventEmitter } from 'node:events';
import type Redis from 'ioredis';
import { RedisConnections, type RedisRole } from './redis-connections';

/** Stands in for an ioredis client: records commands, emits what a connection would. */
class FakeClient extends EventEmitter {
  status = 'wait';
  readonly calls: string[] = [];
  failConnect?: Error;

  async connect(): Promise<void> {
    this.calls.push('connect');
    if (this.failConnect) {
      this.emit('error', this.failConnect);
      throw new Error('Connection is closed.');
    }
    this.status = 'ready';
    this.emit('ready');
  }
  async subscribe(channel: string): Promise<void> {
    this.calls.push(`subscribe ${channel}`);
  }
  async psubscribe(pattern: string): Promise<void> {
    this.calls.push(`psubscribe ${pattern}`);
  }
  async quit(): Promise<void> {
    this.calls.push('quit');
    this.status = 'end';
  }
  disconnect(): void {
    this.calls.push('disconnect');
    this.status = 'end';
  }
}

const log = { log: jest.fn(), warn: jest.fn(), error: jest.fn() };

function connections(): { redis: RedisConnections; clients: Record<RedisRole, FakeClient> } {
  const clients = { commands: new FakeClient(), subscriber: new FakeClient() };
  const redis = new RedisConnections('redis://test', log, (role) => clients[role] as unknown as Redis);
  return { redis, clients };
}

describe('RedisConnections', () => {
  const { warn, error } = log;
  beforeEach(() => jest.clearAllMocks());

  it('is inert without REDIS_URL', async () => {
    const redis = new RedisConnections(undefined, log, () => {
      throw new Error('no client may be made');
    });
    expect(redis.enabled).toBe(false);
    expect(redis.commands).toBeUndefined();
    await redis.connect();
    await redis.subscribe('a', () => undefined);
    await redis.psubscribe('b:*', () => undefined);
    await redis.onApplicationShutdown();
  });

  it('delivers each channel and pattern to its own handler over one subscriber connection', async () => {
    const { redis, clients } = connections();
    await redis.connect();
    const got: string[] = [];
    await redis.subscribe('hub:read-cache:bump', (m, c) => got.push(`cache ${c} ${m}`));
    await redis.psubscribe('hub:stock:*', (m, c) => got.push(`stock ${c} ${m}`));
    expect(clients.subscriber.calls).toEqual(['connect', 'subscribe hub:read-cache:bump', 'psubscribe hub:stock:*']);
    expect(clients.commands.calls).toEqual(['connect']);

    clients.subscriber.emit('message', 'hub:read-cache:bump', 'i1');
    clients.subscriber.emit('pmessage', 'hub:stock:*', 'hub:stock:sf1', '[]');
    clients.subscriber.emit('message', 'unknown', 'x');
    expect(got).toEqual(['cache hub:read-cache:bump i1', 'stock hub:stock:sf1 []']);
  });

  it('keeps delivering when one handler throws, and refuses a second handler for a channel', async () => {
    const { redis, clients } = connections();
    const got: string[] = [];
    await redis.subscribe('a', () => {
      throw new Error('boom');
    });
    await redis.subscribe('b', (m) => got.push(m));
    await expect(redis.subscribe('a', () => undefined)).rejects.toThrow('already has a handler');
    clients.subscriber.emit('message', 'a', '1');
    clients.subscriber.emit('message', 'b', '2');
    expect(got).toEqual(['2']);
    expect(error).toHaveBeenCalledWith('handler of a failed: boom');
  });

  it('logs connection trouble once per change of state', async () => {
    const { redis, clients } = connections();
    await redis.connect();
    for (let i = 0; i < 3; i++) clients.commands.emit('error', new Error('ECONNREFUSED'));
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn).toHaveBeenCalledWith('commands connection to Redis failed: ECONNREFUSED');
    clients.subscriber.emit('error', new Error('ECONNRESET'));
    expect(warn).toHaveBeenCalledTimes(2);
    clients.commands.emit('ready');
    clients.commands.emit('ready');
    expect(log.log).toHaveBeenCalledTimes(1);
    expect(log.log).toHaveBeenCalledWith('commands connection to Redis is back');
    clients.commands.emit('error', new Error('ECONNREFUSED'));
    expect(warn).toHaveBeenCalledTimes(3);
  });

  it('closes each connection once: QUIT when connected, at once when not', async () => {
    const { redis, clients } = connections();
    await redis.connect();
    clients.subscriber.status = 'reconnecting';
    await Promise.all([redis.onApplicationShutdown(), redis.onApplicationShutdown()]);
    await redis.onApplicationShutdown();
    expect(clients.commands.calls).toEqual(['connect', 'quit']);
    expect(clients.subscriber.calls).toEqual(['connect', 'disconnect']);
    clients.commands.emit('error', new Error('closed'));
    expect(warn).not.toHaveBeenCalled();
  });

  it('names REDIS_URL when it cannot connect at start, and closes what it opened', async () => {
    const { redis, clients } = connections();
    clients.commands.failConnect = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:6390'), { code: 'ECONNREFUSED' });
    await expect(redis.connect()).rejects.toThrow('cannot connect to REDIS_URL (connect ECONNREFUSED 127.0.0.1:6390)');
    expect(clients.commands.calls).toEqual(['connect', 'disconnect']);
    expect(clients.subscriber.calls).toEqual(['connect', 'quit']);
  });
});
