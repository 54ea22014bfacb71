import type { LoggerService } from '@nestjs/common';
import pino, { type DestinationStream, type Logger } from 'pino';
import { formatLogLine } from './pretty-format';

/** `json`: one JSON object per line; `pretty`: readable lines; `auto`: pretty when stdout is a terminal. */
export type LogFormat = 'json' | 'pretty' | 'auto';

/** Whether this process should print readable lines rather than JSON (production and pipes keep JSON). */
export function prettyLogs(format: LogFormat, stdout: { isTTY?: boolean } = process.stdout): boolean {
  return format === 'pretty' || (format === 'auto' && stdout.isTTY === true);
}

/** Readable lines on stdout, coloured when the terminal has colours (Node honours NO_COLOR / FORCE_COLOR). */
function prettyStdout(): DestinationStream {
  const colors = process.stdout.isTTY === true && process.stdout.hasColors();
  return { write: (line: string) => void process.stdout.write(formatLogLine(line, colors)) };
}

/**
 * Structured logs (pino) for Nest's Logger: `{ level, time, context, msg, ... }` as JSON lines, or, for a
 * person at a terminal, the same records as readable lines (LOG_FORMAT).
 */
export class PinoLogger implements LoggerService {
  readonly pino: Logger;

  constructor(level: string, format: LogFormat = 'auto') {
    const options = { level, base: { service: 'storefront-hub' }, timestamp: pino.stdTimeFunctions.isoTime };
    this.pino = prettyLogs(format) ? pino(options, prettyStdout()) : pino(options);
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
