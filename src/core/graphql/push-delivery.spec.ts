import { GraphQLInt, GraphQLObjectType, GraphQLSchema, GraphQLString, parse, type ExecutionResult } from 'graphql';
import { PUSH_DELIVERY, PUSH_TARGET, type PushTarget, sharedSubscribe, socketTarget } from './push-delivery';

interface Change {
  sku: string;
  quantity: number;
}

/** Streams like StockEventBus's, one per subscription: iterable, or (PUSH_DELIVERY) handing each event to a callback. */
function changeHub(pushable: boolean) {
  const streams: Array<ReturnType<typeof changeStream>> = [];
  return {
    streams,
    open() {
      const s = changeStream(pushable);
      streams.push(s);
      return s;
    },
    emit(c: Change) {
      for (const s of streams) if (!s.returned) s.emit(c);
    },
    get returned() {
      return streams.every((s) => s.returned);
    },
  };
}

function changeStream(pushable: boolean) {
  const queue: Change[] = [];
  let deliver: ((c: Change) => void) | undefined;
  let wake: (() => void) | undefined;
  const stream = {
    returned: false,
    emit(c: Change) {
      if (deliver) deliver(c);
      else queue.push(c);
      wake?.();
    },
    [Symbol.asyncIterator]() {
      return this;
    },
    async next(): Promise<IteratorResult<Change>> {
      while (!queue.length && !stream.returned) await new Promise<void>((r) => (wake = r));
      return queue.length ? { value: queue.shift()!, done: false } : { value: undefined, done: true };
    },
    async return(): Promise<IteratorResult<Change>> {
      stream.returned = true;
      wake?.();
      return { value: undefined, done: true };
    },
    ...(pushable ? { [PUSH_DELIVERY]: (d: (c: Change) => void) => (deliver = d) } : {}),
  };
  return stream;
}

function setup(pushable: boolean) {
  const stream = changeHub(pushable);
  let executions = 0;
  const Change = new GraphQLObjectType({
    name: 'Change',
    fields: {
      sku: { type: GraphQLString },
      // Async, and slower for some events: frames must still leave in the order of the events.
      quantity: {
        type: GraphQLInt,
        resolve: async (c: Change) => {
          executions++;
          await new Promise((r) => setTimeout(r, c.quantity === 1 ? 20 : 0));
          return c.quantity;
        },
      },
    },
  });
  const schema = new GraphQLSchema({
    query: new GraphQLObjectType({ name: 'Query', fields: { x: { type: GraphQLInt } } }),
    subscription: new GraphQLObjectType({
      name: 'Subscription',
      fields: { changed: { type: Change, subscribe: () => stream.open(), resolve: (c: Change) => c } },
    }),
  });
  const subscribe = sharedSubscribe((r: ExecutionResult) => r);
  const frames: string[] = [];
  const target = (id: string, group: string): PushTarget => ({ id, group, send: (f) => frames.push(f) });
  const run = (query: string, t?: PushTarget) =>
    subscribe({ schema, document: parse(query), contextValue: t ? { [PUSH_TARGET]: t } : {} });
  return { stream, run, target, frames, executions: () => executions };
}

const settle = () => new Promise((r) => setTimeout(r, 60));

describe('shared delivery of subscription events', () => {
  it('executes each event once per distinct subscription and writes one frame per subscriber, in event order', async () => {
    const { stream, run, target, frames, executions } = setup(true);
    const Q = 'subscription { changed { sku quantity } }';
    await run(Q, target('a', 'g1'));
    await run(Q, target('b', 'g1'));
    await run('subscription { c: changed { quantity } }', target('c', 'g2'));
    stream.emit({ sku: 'A', quantity: 1 }); // its execution is the slow one
    stream.emit({ sku: 'B', quantity: 2 });
    await settle();
    expect(executions()).toBe(4); // 2 events × 2 groups, not × 3 subscribers
    expect(frames.map((f) => JSON.parse(f))).toEqual(
      expect.arrayContaining([
        { id: 'a', type: 'next', payload: { data: { changed: { sku: 'A', quantity: 1 } } } },
        { id: 'b', type: 'next', payload: { data: { changed: { sku: 'A', quantity: 1 } } } },
        { id: 'c', type: 'next', payload: { data: { c: { quantity: 2 } } } },
      ]),
    );
    expect(frames).toHaveLength(6);
    for (const id of ['a', 'b', 'c']) {
      const mine = frames.map((f) => JSON.parse(f)).filter((m) => m.id === id);
      expect(mine.map((m) => Object.values(m.payload.data)[0])).toEqual([
        expect.objectContaining({ quantity: 1 }),
        expect.objectContaining({ quantity: 2 }),
      ]);
    }
  });

  it('holds the operation open until graphql-ws returns it, and then stops the stream', async () => {
    const { stream, run, target, frames } = setup(true);
    const held = (await run('subscription { changed { sku } }', target('a', 'g'))) as AsyncIterableIterator<unknown>;
    let ended = false;
    void held.next().then(() => (ended = true));
    stream.emit({ sku: 'A', quantity: 3 });
    await settle();
    expect([ended, frames.length]).toEqual([false, 1]);
    await held.return!();
    await settle();
    expect([ended, stream.returned]).toEqual([true, true]);
  });

  it('maps other streams (or a subscription without a target) through execute per event, as graphql-js does', async () => {
    const { stream, run } = setup(false);
    const it = (await run('subscription { changed { sku quantity } }')) as AsyncIterableIterator<ExecutionResult>;
    stream.emit({ sku: 'A', quantity: 5 });
    expect(await it.next()).toEqual({ value: { data: { changed: { sku: 'A', quantity: 5 } } }, done: false });
    await it.return!();
    expect(stream.returned).toBe(true);
  });

  it('answers errors before the stream starts as a result', async () => {
    const { run } = setup(true);
    const r = (await run('subscription { nope }')) as ExecutionResult;
    expect(r.errors?.[0].message).toMatch(/nope/);
  });
});

describe('a socket as a push target', () => {
  const op = { query: 'subscription { a }', variables: { x: 1 } };

  it('writes while open, skips a closing socket, and gives up on one that does not take its messages', () => {
    const sent: string[] = [];
    let slow = 0;
    const socket = { readyState: 1, bufferedAmount: 0, send: (d: string) => sent.push(d) };
    const t = socketTarget(socket, '7', op, () => slow++, 100);
    t.send('one');
    socket.bufferedAmount = 100;
    t.send('two'); // at the limit: still sent
    socket.bufferedAmount = 101;
    t.send('three');
    socket.readyState = 2;
    t.send('four');
    expect([sent, slow]).toEqual([['one', 'two'], 1]);
  });

  it('groups subscriptions by document, operation name and variables', () => {
    const s = { readyState: 1, bufferedAmount: 0, send: () => undefined };
    const group = (o: typeof op & { operationName?: string }) => socketTarget(s, '1', o, () => undefined).group;
    expect(group(op)).toBe(group({ ...op }));
    expect(group(op)).not.toBe(group({ ...op, variables: { x: 2 } }));
    expect(group(op)).not.toBe(group({ ...op, operationName: 'A' }));
    expect(group(op)).not.toBe(group({ ...op, query: 'subscription { b }' }));
  });
});
