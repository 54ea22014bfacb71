import type { Writable } from 'node:stream';
import { Client, type ClientConfig, type QueryConfig, type QueryResult, type QueryResultRow } from 'pg';

interface Session {
  client: Client;
  ready: Promise<unknown>;
  inFlight: number;
  dead: boolean;
  /** Its socket holds what is written until the flush at the end of this turn of the event loop. */
  corked: boolean;
}

/**
 * A few PostgreSQL sessions in pipeline mode (node-postgres `pipeline: true`) for short reads outside transactions.
 * A statement is written to the least busy session at once, without waiting for the statements before it to
 * answer; each carries its own Sync, so one statement's error fails only that statement. Under load a session's
 * backend is still awake with earlier statements when the next arrives, so most statements cost no backend
 * wake-up: on two cores, a wake-up of a backend on the core of Node's main thread preempted it in the middle of
 * its socket write (docs/PERFORMANCE.md, "Pipelined catalog reads"). A session that fails (connection lost,
 * terminated) is replaced by the next statement; the statements it had in flight fail, as on a pool.
 *
 * The statements of one turn of the event loop go to a session's socket in one write: its socket is corked at the
 * turn's first statement and uncorked when the turn's I/O callbacks have run (setImmediate). Under load the
 * requests read in one turn each start a statement, and one system call instead of one each sends them all.
 */
export class PipelinedSessions {
  private readonly sessions: Array<Session | undefined>;
  private ending = false;
  private flushing?: NodeJS.Immediate;

  constructor(
    private readonly config: ClientConfig,
    size: number,
    private readonly onError: (e: Error) => void,
  ) {
    this.sessions = new Array<Session | undefined>(size);
  }

  async query<R extends QueryResultRow = QueryResultRow>(q: QueryConfig): Promise<QueryResult<R>> {
    if (this.ending) throw new Error('The database sessions are closing.');
    const session = this.leastBusy();
    session.inFlight++;
    try {
      await session.ready;
      this.cork(session);
      return await session.client.query<R>(q);
    } finally {
      session.inFlight--;
    }
  }

  async end(): Promise<void> {
    this.ending = true;
    await Promise.all(this.sessions.map((s) => s?.client.end().catch(() => undefined)));
  }

  private cork(session: Session): void {
    if (session.corked) return;
    const stream = (session.client as unknown as { connection?: { stream?: Writable } }).connection?.stream;
    if (!stream?.cork) return;
    stream.cork();
    session.corked = true;
    this.flushing ??= setImmediate(() => this.flush());
  }

  /** Sends what the turn's statements wrote: one write per session. */
  private flush(): void {
    this.flushing = undefined;
    for (const s of this.sessions) {
      if (!s?.corked) continue;
      s.corked = false;
      (s.client as unknown as { connection: { stream: Writable } }).connection.stream.uncork();
    }
  }

  private leastBusy(): Session {
    let best: Session | undefined;
    for (let i = 0; i < this.sessions.length; i++) {
      let s = this.sessions[i];
      if (!s || s.dead) s = this.sessions[i] = this.open();
      if (!best || s.inFlight < best.inFlight) best = s;
    }
    if (!best) throw new Error('PipelinedSessions needs at least one session.');
    return best;
  }

  private open(): Session {
    const client = new Client({ ...this.config, pipeline: true } as ClientConfig);
    const session: Session = { client, ready: Promise.resolve(), inFlight: 0, dead: false, corked: false };
    session.ready = client.connect().catch((e: Error) => {
      session.dead = true;
      throw e;
    });
    session.ready.catch(() => undefined); // awaited by the statements; never an unhandled rejection
    client.on('error', (e) => {
      session.dead = true;
      this.onError(e);
    });
    client.on('end', () => {
      session.dead = true;
    });
    return session;
  }
}
