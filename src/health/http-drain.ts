import type { Server } from 'node:http';
import type { FastifyInstance } from 'fastify';

/**
 * Graceful HTTP shutdown: counts requests in flight and, once draining, answers each with `connection: close`
 * so no client sends another request on a connection that is about to close (the cause of resets under load).
 * Register before the app is ready (Fastify takes hooks only until then).
 */
export class HttpDrain {
  private inFlight = 0;
  private draining = false;
  private settled?: () => void;

  constructor(fastify: FastifyInstance) {
    fastify.addHook('onRequest', (_request, reply, done) => {
      this.inFlight += 1;
      // `close` comes once the answer is written out or the connection is gone, whichever is first.
      reply.raw.once('close', () => {
        this.inFlight -= 1;
        if (this.draining && this.inFlight === 0) this.settled?.();
      });
      done();
    });
    fastify.addHook('onSend', (request, reply, payload, done) => {
      if (this.draining && request.raw.httpVersionMajor === 1) void reply.header('connection', 'close');
      done(null, payload);
    });
  }

  /**
   * Stops accepting connections, closes idle keep-alive ones (now and, for those that finish an answer begun
   * before, every 100 ms), and resolves once every request already received has been answered. WebSockets are
   * left to the app's own close.
   */
  drain(server: Server): Promise<void> {
    this.draining = true;
    server.close(() => undefined);
    setInterval(() => server.closeIdleConnections(), 100).unref();
    if (this.inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => (this.settled = resolve));
  }
}
