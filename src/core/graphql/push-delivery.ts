import { createSourceEventStream, execute, type ExecutionArgs, type ExecutionResult } from 'graphql';

/**
 * Shared delivery of subscription events (graphql-ws): a stock push reaches every open product page of a
 * storefront, and executing the same selection for the same event a thousand times, then serialising it a
 * thousand times, was most of the time between the commit and the last subscriber.
 *
 * An event stream that may be shared says so with PUSH_DELIVERY: instead of being iterated it hands each event
 * (after its own filter) to a callback. `sharedSubscribe` then executes the selection once per event and
 * distinct subscription (document, operation name, variables), keeps the serialised `payload`, and writes one
 * `next` frame per subscriber with its own id — the bytes graphql-ws would have written. A stream may declare
 * itself shareable only when the result of its selection depends on the event alone (not on the subscriber's
 * context): `StockEventBus` builds one frozen event per storefront and push, and the subscriber's storefront is
 * the stream it subscribed to.
 */
export const PUSH_DELIVERY = Symbol('push-delivery');

/** A stream that can hand its events to `deliver` instead of being iterated (until it is returned). */
export interface PushDeliverable<T extends object = object> {
  [PUSH_DELIVERY](deliver: (event: T) => void): void;
}

function isPushDeliverable(stream: unknown): stream is AsyncIterator<object> & PushDeliverable {
  return typeof (stream as Partial<PushDeliverable> | null)?.[PUSH_DELIVERY] === 'function';
}

/** Where one subscription's frames go (set in its contextValue under PUSH_TARGET by the WebSocket server). */
export interface PushTarget {
  /** The operation id of graphql-ws's `subscribe` message. */
  readonly id: string;
  /** What makes two subscriptions' results equal for the same event: document text, operation name, variables. */
  readonly group: string;
  /** Writes one frame to the socket (or refuses to, for a socket that is gone or cannot keep up). */
  send(frame: string): void;
}

export const PUSH_TARGET = Symbol('push-target');

/** Bytes written to a socket and not yet taken by its client beyond which a subscriber is too slow to keep. */
export const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;

/** The parts of a `ws` WebSocket a PushTarget uses. */
interface FrameSocket {
  readonly readyState: number;
  readonly bufferedAmount: number;
  send(data: string): void;
}

/**
 * Where one subscription's frames go: its socket while open. A socket that cannot keep up (more than
 * `maxBuffered` bytes written and not yet taken by its client) is handed to `tooSlow` (which closes it) instead of
 * growing an unbounded backlog: the client reconnects and re-queries what it shows.
 */
export function socketTarget(
  socket: FrameSocket,
  id: string,
  operation: { query: string; operationName?: string | null; variables?: Record<string, unknown> | null },
  tooSlow: () => void,
  maxBuffered = MAX_BUFFERED_BYTES,
): PushTarget {
  const OPEN = 1;
  return {
    id,
    group: JSON.stringify([operation.query, operation.operationName ?? null, operation.variables ?? null]),
    send: (frame) => {
      if (socket.readyState !== OPEN) return;
      if (socket.bufferedAmount > maxBuffered) return tooSlow();
      socket.send(frame);
    },
  };
}

/** The payload when executing an event failed unexpectedly (execution errors are in the result, formatted). */
const FAILED = JSON.stringify({ errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });

/** An iterator that maps each event of `stream` through `fn`, and passes `return`/`throw` straight to the stream. */
function mapEvents<T, R>(stream: AsyncIterator<T>, fn: (event: T) => Promise<R> | R): AsyncIterableIterator<R> {
  const done = { value: undefined, done: true } as const;
  return {
    [Symbol.asyncIterator]() {
      return this;
    },
    async next() {
      const r = await stream.next();
      return r.done ? done : { value: await fn(r.value), done: false };
    },
    async return() {
      await stream.return?.();
      return done;
    },
    async throw(e?: unknown) {
      if (stream.throw) await stream.throw(e);
      throw e;
    },
  };
}

/** An iterator that never yields: graphql-ws holds the operation open until it returns it (complete, close). */
function heldOpen(stream: AsyncIterator<unknown>): AsyncIterableIterator<ExecutionResult> {
  let release: (() => void) | undefined;
  const released = new Promise<void>((r) => (release = r));
  const done = { value: undefined, done: true } as const;
  return {
    [Symbol.asyncIterator]() {
      return this;
    },
    async next() {
      await released;
      return done;
    },
    async return() {
      release!();
      await stream.return?.();
      return done;
    },
    async throw(e?: unknown) {
      release!();
      await stream.return?.();
      throw e;
    },
  };
}

/**
 * One event's payload for one group: the serialised result once its execution has finished, and until then the
 * subscribers waiting for it — called in one loop when it is ready, not each through its own promise chain (with a
 * thousand subscribers those chains were a thousand microtasks, each through AsyncLocalStorage's promise hooks).
 */
class Payload {
  text: string | undefined;
  private waiters: Array<() => void> = [];

  constructor(running: Promise<string>) {
    void running.then((text) => {
      this.text = text;
      const waiters = this.waiters;
      this.waiters = [];
      for (const w of waiters) w();
    });
  }

  whenReady(fn: () => void): void {
    if (this.text !== undefined) fn();
    else this.waiters.push(fn);
  }
}

/**
 * graphql-ws's `subscribe`: shareable streams are delivered by frames built once per event and group; any other
 * stream is mapped through `execute` per event, as graphql-js's own `subscribe` does. `format` turns a result
 * into what is sent (errors formatted as everywhere else).
 */
export function sharedSubscribe(format: (result: ExecutionResult) => unknown) {
  // Per event (the frozen object the stream hands out), per group: the payload (its text once executed).
  const payloads = new WeakMap<object, Map<string, Payload>>();
  const payloadOf = (event: object, group: string, args: ExecutionArgs): Payload => {
    let byGroup = payloads.get(event);
    if (!byGroup) payloads.set(event, (byGroup = new Map()));
    let payload = byGroup.get(group);
    if (!payload) {
      const running = Promise.resolve(execute({ ...args, rootValue: event }))
        .then((r) => JSON.stringify(format(r)))
        .catch(() => FAILED);
      byGroup.set(group, (payload = new Payload(running)));
    }
    return payload;
  };

  return async (args: ExecutionArgs): Promise<AsyncIterableIterator<ExecutionResult> | ExecutionResult> => {
    const stream = await createSourceEventStream(args);
    if (!(Symbol.asyncIterator in stream)) return stream; // errors before the stream started
    const target = (args.contextValue as Record<symbol, PushTarget | undefined> | undefined)?.[PUSH_TARGET];
    if (!target || !isPushDeliverable(stream)) {
      const events = stream[Symbol.asyncIterator]();
      return mapEvents(events, (event) => execute({ ...args, rootValue: event }) as Promise<ExecutionResult>);
    }
    const head = `{"id":${JSON.stringify(target.id)},"type":"next","payload":`;
    // Frames leave in the order of the events: the payloads not sent yet, oldest first; sent from the front as far
    // as they are ready, whenever the front one becomes ready.
    const queue: Payload[] = [];
    const flush = () => {
      while (queue.length && queue[0].text !== undefined) target.send(`${head}${queue.shift()!.text}}`);
      if (queue.length) queue[0].whenReady(flush);
    };
    stream[PUSH_DELIVERY]((event) => {
      const payload = payloadOf(event, target.group, args);
      queue.push(payload);
      if (queue.length === 1) flush();
    });
    return heldOpen(stream);
  };
}
