import { ConfigError, loadConfig } from './app-config';

describe('loadConfig', () => {
  it('uses the documented defaults', () => {
    const c = loadConfig({});
    expect(c.port).toBe(3000);
    expect(c.databaseUrl).toBeUndefined();
    expect(c.seedDemo).toBe(true);
    expect(c.dataDir).toMatch(/data$/);
    expect(c.dbPoolSize).toBe(20);
    expect(c.dbPipelinedSessions).toBe(2);
    expect(loadConfig({ DB_PIPELINED_SESSIONS: '8' }).dbPipelinedSessions).toBe(8);
  });

  it('does not seed demo data on a real database unless asked', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://u@localhost/db' }).seedDemo).toBe(false);
    expect(loadConfig({ DATABASE_URL: 'postgres://u@localhost/db', SEED_DEMO: 'true' }).seedDemo).toBe(true);
  });

  it('reads account-protection rates as count/duration', () => {
    const c = loadConfig({});
    expect(c.loginLimitAccountIp).toEqual({ max: 5, windowS: 900 });
    expect(c.loginLimitAccount).toEqual({ max: 50, windowS: 14400 });
    expect(c.passwordResetLimitAddress).toEqual({ max: 3, windowS: 3600 });
    expect(loadConfig({ LOGIN_LIMIT_IP: ' 30/2h ' }).loginLimitIp).toEqual({ max: 30, windowS: 7200 });
    expect(loadConfig({ LOGIN_LIMIT_ACCOUNT: '7/1d' }).loginLimitAccount).toEqual({ max: 7, windowS: 86400 });
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['PORT', '-1'],
    ['DATABASE_URL', 'mysql://x@y/z'],
    ['DATABASE_URL', 'not a url'],
    ['REDIS_URL', 'http://localhost'],
    ['SEED_DEMO', 'maybe'],
    ['VIES_URL', 'ftp://x'],
    ['ADMIN_EMAIL', 'nobody'],
    ['ADMIN_PASSWORD', 'short'],
    ['ADMIN_PASSWORD', 'x'.repeat(129)],
    ['LOGIN_LIMIT_ACCOUNT_IP', '5'],
    ['LOGIN_LIMIT_ACCOUNT', '0/15m'],
    ['LOGIN_LIMIT_IP', '10/0m'],
    ['PASSWORD_RESET_LIMIT_ADDRESS', '3 per hour'],
    ['LOG_LEVEL', 'loud'],
    ['DB_PIPELINED_SESSIONS', '0'],
    ['DB_PIPELINED_SESSIONS', '65'],
    ['DB_PIPELINED_SESSIONS', 'two'],
  ])('refuses %s=%s with one line naming the variable', (name, value) => {
    let caught: unknown;
    try {
      loadConfig({ [name]: value });
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    const err = caught as ConfigError;
    expect(err.variable).toBe(name);
    expect(err.message).toContain(name);
    expect(err.message).not.toContain('\n');
  });
});
