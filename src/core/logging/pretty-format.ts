/**
 * One pino JSON log line as a line a person reads in a terminal (pino-pretty is not installed; this is the
 * small part of it we need): `12:04:05.123 INFO  [Context] message  key=value …`, a request as
 * `POST /graphql 200 3.1 ms`, an error's stack on the lines below. Anything that is not JSON passes through.
 */

const LEVELS: Record<number, { name: string; color: number }> = {
  10: { name: 'TRACE', color: 90 },
  20: { name: 'DEBUG', color: 36 },
  30: { name: 'INFO', color: 32 },
  40: { name: 'WARN', color: 33 },
  50: { name: 'ERROR', color: 31 },
  60: { name: 'FATAL', color: 35 },
};

/** Fields shown in the line's head, or of no use to a person at a terminal. */
const SHOWN = new Set(['level', 'time', 'msg', 'context', 'service', 'pid', 'hostname', 'stack', 'err']);

/** A request's log record (request-id.middleware.ts), shown as `METHOD url status ms` in the head. */
const REQUEST = new Set(['method', 'url', 'status', 'ms']);

export function formatLogLine(line: string, colors: boolean): string {
  let rec: Record<string, unknown>;
  try {
    rec = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return line.endsWith('\n') ? line : `${line}\n`;
  }
  if (!rec || typeof rec !== 'object') return `${line.trimEnd()}\n`;
  const paint = (code: number, s: string) => (colors ? `\u001b[${code}m${s}\u001b[0m` : s);
  const level = LEVELS[Number(rec.level)] ?? { name: String(rec.level ?? 'LOG').toUpperCase(), color: 0 };
  const time =
    typeof rec.time === 'string' ? rec.time.slice(11, 23) : new Date(Number(rec.time) || Date.now()).toISOString().slice(11, 23);
  let msg = typeof rec.msg === 'string' ? rec.msg : '';
  const request = !msg && typeof rec.method === 'string' && typeof rec.url === 'string' && rec.status !== undefined;
  if (request) {
    msg = `${rec.method as string} ${rec.url as string} ${String(rec.status)}${typeof rec.ms === 'number' ? ` ${rec.ms.toFixed(1)} ms` : ''}`;
  }
  const fields = Object.entries(rec).filter(([k]) => !SHOWN.has(k) && !(request && REQUEST.has(k)));
  const head = [
    paint(90, time),
    paint(level.color, level.name.padEnd(5)),
    typeof rec.context === 'string' ? paint(36, `[${rec.context}]`) : '',
    msg,
  ]
    .filter(Boolean)
    .join(' ');
  const tail = fields.map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`).join(' ');
  const err = rec.err as { stack?: unknown } | undefined;
  const stack = typeof rec.stack === 'string' ? rec.stack : typeof err?.stack === 'string' ? err.stack : null;
  return `${head}${tail ? `${msg ? '  ' : ' '}${paint(90, tail)}` : ''}\n${stack ? `${paint(90, indent(stack))}\n` : ''}`;
}

const indent = (text: string) =>
  text
    .split('\n')
    .map((l) => `    ${l}`)
    .join('\n');
