import { ConfigError, loadConfig } from '../../config/app-config';
import { prettyLogs } from './pino-logger';
import { formatLogLine } from './pretty-format';

const json = (rec: Record<string, unknown>) => `${JSON.stringify(rec)}\n`;
const time = '2026-11-29T12:04:05.123Z';

describe('readable log lines', () => {
  it('shows time, level, context and message, then the other fields; drops pino boilerplate', () => {
    const line = json({
      level: 30,
      time,
      service: 'storefront-hub',
      context: 'VatVerification',
      msg: 'VIES answered',
      vat: 'NL1',
      tries: 2,
    });
    expect(formatLogLine(line, false)).toBe('12:04:05.123 INFO  [VatVerification] VIES answered  vat=NL1 tries=2\n');
  });

  it('shows a request as METHOD url status duration', () => {
    const line = json({
      level: 30,
      time,
      service: 'storefront-hub',
      requestId: 'r1',
      method: 'POST',
      url: '/graphql',
      status: 200,
      ms: 3.14159,
    });
    expect(formatLogLine(line, false)).toBe('12:04:05.123 INFO  POST /graphql 200 3.1 ms  requestId=r1\n');
    const noMs = json({ level: 30, time, requestId: 'r2', method: 'GET', url: '/health/ready', status: 503 });
    expect(formatLogLine(noMs, false)).toBe('12:04:05.123 INFO  GET /health/ready 503  requestId=r2\n');
  });

  it('puts an error stack on the lines below, colours the level on a terminal, passes non-JSON through', () => {
    const line = json({ level: 50, time, msg: 'boom', err: { type: 'Error', message: 'boom', stack: 'Error: boom\n    at x' } });
    expect(formatLogLine(line, false)).toBe('12:04:05.123 ERROR boom\n    Error: boom\n        at x\n');
    expect(formatLogLine(json({ level: 40, time, msg: 'careful' }), true)).toContain('\u001b[33mWARN \u001b[0m careful');
    expect(formatLogLine('not json', false)).toBe('not json\n');
    expect(formatLogLine(json({ level: 30, time, context: 'Bootstrap', event: 'listening' }), false)).toBe(
      '12:04:05.123 INFO  [Bootstrap] event=listening\n',
    );
  });

  it('is pretty on a terminal or when asked, JSON for pipes or when asked (LOG_FORMAT)', () => {
    expect(prettyLogs('auto', { isTTY: true })).toBe(true);
    expect(prettyLogs('auto', { isTTY: undefined })).toBe(false);
    expect(prettyLogs('json', { isTTY: true })).toBe(false);
    expect(prettyLogs('pretty', { isTTY: undefined })).toBe(true);
    expect(loadConfig({}).logFormat).toBe('auto');
    expect(loadConfig({ LOG_FORMAT: ' pretty ' }).logFormat).toBe('pretty');
    expect(() => loadConfig({ LOG_FORMAT: 'xml' })).toThrow(ConfigError);
  });
});
