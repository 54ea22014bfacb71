import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { sqlCounter } from '../database/sql-counter';

const VALID_ID = /^[A-Za-z0-9._:-]{1,100}$/;
const STARTED = Symbol('started');

/**
 * Gives every HTTP request an id (`x-request-id` from the caller if sane), echoes it, and logs the request
 * when it ends. With DEBUG_SQL_COUNT the request runs inside an SQL statement counter.
 */
export function registerRequestIds(fastify: FastifyInstance, log: Logger, countSql = false): void {
  fastify.addHook('onRequest', (request, reply, done) => {
    const given = request.headers['x-request-id'];
    const id = typeof given === 'string' && VALID_ID.test(given) ? given : randomUUID();
    (request.raw as { id?: string }).id = id;
    (request as unknown as { [STARTED]: bigint })[STARTED] = process.hrtime.bigint();
    void reply.header('x-request-id', id);
    if (countSql) sqlCounter.run({ count: 0 }, done);
    else done();
  });
  fastify.addHook('onResponse', (request, reply, done) => {
    if (log.isLevelEnabled('info')) {
      const started = (request as unknown as { [STARTED]?: bigint })[STARTED];
      log.info({
        requestId: (request.raw as { id?: string }).id,
        method: request.method,
        url: request.url,
        status: reply.statusCode,
        ms: started ? Number(process.hrtime.bigint() - started) / 1e6 : undefined,
      });
    }
    done();
  });
}
