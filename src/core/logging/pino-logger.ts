import type { LoggerService } from '@nestjs/common';
import pino, { type Logger } from 'pino';

/** Structured JSON logs (pino) for Nest's Logger: `{ level, time, context, msg, ... }`. */
export class PinoLogger implements LoggerService {
  readonly pino: Logger;

  constructor(level: string) {
    this.pino = pino({ level, base: { service: 'storefront-hub' }, timestamp: pino.stdTimeFunctions.isoTime });
  }

  private write(level: 'info' | 'error' | 'warn' | 'debug' | 'trace', message: unknown, rest: unknown[]) {
    const context = typeof rest[rest.length - 1] === 'string' ? (rest.pop() as string) : undefined;
    const fields: Record<string, unknown> = context ? { context } : {};
    if (level === 'error' && typeof rest[0] === 'string') fields.stack = rest[0];
    if (message && typeof message === 'object' && !(message instanceof Error)) {
      this.pino[level]({ ...fields, ...(message as object) });
    } else if (message instanceof Error) {
      this.pino[level]({ ...fields, err: message }, message.message);
    } else {
      this.pino[level](fields, String(message));
    }
  }

  log(message: unknown, ...rest: unknown[]) {
    this.write('info', message, rest);
  }
  error(message: unknown, ...rest: unknown[]) {
    this.write('error', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]) {
    this.write('warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]) {
    this.write('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]) {
    this.write('trace', message, rest);
  }
}
