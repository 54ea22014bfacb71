import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { sqlCounter } from '../database/sql-counter';

const VALID_ID = /^[A-Za-z0-9._:-]{1,100}$/;

/** Gives every HTTP request an id (`x-request-id` from the caller if sane) and logs it when it ends. */
export function requestIdMiddleware(log: Logger, countSql = false) {
  return (req: IncomingMessage & { id?: string }, res: ServerResponse, next: () => void) => {
    const given = req.headers['x-request-id'];
    req.id = typeof given === 'string' && VALID_ID.test(given) ? given : randomUUID();
    res.setHeader('x-request-id', req.id);
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      if (!log.isLevelEnabled('info')) return;
      log.info({
        requestId: req.id,
        method: req.method,
        url: req.url,
        status: res.statusCode,
        ms: Number(process.hrtime.bigint() - started) / 1e6,
      });
    });
    if (countSql) sqlCounter.run({ count: 0 }, next);
    else next();
  };
}
