import { isAbsolute, resolve } from 'node:path';

/** One typed, validated configuration object (CONTRACT §7). Read only through this. */
export interface AppConfig {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  /** Loopback port of the embedded database's wire-protocol server (0: any free port). */
  embeddedDbPort: number;
  redisUrl: string | undefined;
  adminEmail: string | undefined;
  adminPassword: string | undefined;
  seedDemo: boolean;
  viesUrl: string;
  viesTimeoutMs: number;
  /** First background re-check of a VAT number VIES could not answer (then doubling, capped at viesRetryMaxMs). */
  viesRetryBaseMs: number;
  viesRetryMaxMs: number;
  /** How often the background worker looks for due re-checks (and other due jobs). */
  jobPollMs: number;
  kvkApiUrl: string | undefined;
  kvkApiKey: string | undefined;
  /** How often the webhook worker looks for unrelayed outbox events and due deliveries (new events are also relayed at once). */
  webhookPollMs: number;
  /** Per-attempt timeout of a webhook delivery; slower counts as a failed attempt. */
  webhookTimeoutMs: number;
  /** First retry of a failed delivery; the whole schedule (≥ 24 h at the default 5 s) scales with it. 0: retry at once (tests). */
  webhookRetryBaseMs: number;
  // --- Webhook destinations (SSRF, issue 10 item 5) ---
  /**
   * WEBHOOK_ALLOW_PRIVATE_URLS: webhooks may also reach loopback, private (RFC 1918, CGNAT), link-local and
   * unique-local addresses and local names. For development, tests and on-premises receivers; metadata
   * services and reserved addresses stay refused. Default false.
   */
  webhookAllowPrivateUrls: boolean;
  // --- end webhook destinations ---
  production: boolean;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  jwtSecret: string | undefined;
  /** Max GraphQL query depth (QUERY_TOO_COMPLEX beyond it). */
  maxQueryDepth: number;
  maxAliases: number;
  shutdownTimeoutMs: number;
  /** How long storefront reads may be served from memory without a change being seen (see ReadCache). */
  readCacheTtlMs: number;
  /** Debug aid for tests: count SQL statements per request (`extensions.sqlStatements`). Never in production. */
  debugSqlCount: boolean;
}

/** A configuration value that is wrong: the app stops with one line naming the variable. */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    readonly expected: string,
    readonly actual: string | undefined,
  ) {
    super(`Invalid configuration: ${variable}=${JSON.stringify(actual ?? '')} — expected ${expected}.`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

function intVar(env: Env, name: string, def: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return def;
  if (!/^\d+$/.test(raw.trim())) throw new ConfigError(name, `an integer from ${min} to ${max}`, raw);
  const n = Number(raw.trim());
  if (n < min || n > max) throw new ConfigError(name, `an integer from ${min} to ${max}`, raw);
  return n;
}

function boolVar(env: Env, name: string, def: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return def;
  const v = raw.trim().toLowerCase();
  if (['true', '1', 'yes', 'on'].includes(v)) return true;
  if (['false', '0', 'no', 'off'].includes(v)) return false;
  throw new ConfigError(name, 'true or false', raw);
}

function urlVar(env: Env, name: string, protocols: string[]): string | undefined {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return undefined;
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new ConfigError(name, `a URL (${protocols.join(', ')})`, raw);
  }
  if (!protocols.includes(url.protocol.replace(/:$/, ''))) {
    throw new ConfigError(name, `a URL (${protocols.join(', ')})`, raw);
  }
  if (!url.hostname) throw new ConfigError(name, `a URL with a host (${protocols.join(', ')})`, raw);
  return raw.trim();
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

export function loadConfig(env: Env = process.env): AppConfig {
  const databaseUrl = urlVar(env, 'DATABASE_URL', ['postgres', 'postgresql']);
  const dataDirRaw = env.DATA_DIR?.trim() || './data';
  const logLevel = (env.LOG_LEVEL?.trim() || 'info') as AppConfig['logLevel'];
  if (!LOG_LEVELS.includes(logLevel)) throw new ConfigError('LOG_LEVEL', LOG_LEVELS.join(' | '), env.LOG_LEVEL);
  const adminEmail = env.ADMIN_EMAIL?.trim() || undefined;
  if (adminEmail && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(adminEmail)) {
    throw new ConfigError('ADMIN_EMAIL', 'an e-mail address', adminEmail);
  }
  const adminPassword = env.ADMIN_PASSWORD || undefined;
  if (adminPassword !== undefined && adminPassword.length < 10) {
    throw new ConfigError('ADMIN_PASSWORD', 'at least 10 characters', '<hidden>');
  }
  const jwtSecret = env.JWT_SECRET || undefined;
  if (jwtSecret !== undefined && jwtSecret.length < 32) {
    throw new ConfigError('JWT_SECRET', 'at least 32 characters', '<hidden>');
  }
  return {
    port: intVar(env, 'PORT', 3000, 0, 65535),
    host: env.HOST?.trim() || '0.0.0.0',
    databaseUrl,
    embeddedDbPort: intVar(env, 'EMBEDDED_DB_PORT', 0, 0, 65535),
    dataDir: isAbsolute(dataDirRaw) ? dataDirRaw : resolve(process.cwd(), dataDirRaw),
    redisUrl: urlVar(env, 'REDIS_URL', ['redis', 'rediss']),
    adminEmail,
    adminPassword,
    seedDemo: boolVar(env, 'SEED_DEMO', databaseUrl === undefined),
    viesUrl: urlVar(env, 'VIES_URL', ['http', 'https']) ?? 'https://ec.europa.eu/taxation_customs/vies/rest-api',
    viesTimeoutMs: intVar(env, 'VIES_TIMEOUT_MS', 4000, 100, 60000),
    viesRetryBaseMs: intVar(env, 'VIES_RETRY_BASE_MS', 30000, 100, 3600000),
    viesRetryMaxMs: intVar(env, 'VIES_RETRY_MAX_MS', 3600000, 100, 86400000),
    jobPollMs: intVar(env, 'JOB_POLL_MS', 5000, 50, 600000),
    kvkApiUrl: urlVar(env, 'KVK_API_URL', ['http', 'https']),
    kvkApiKey: env.KVK_API_KEY?.trim() || undefined,
    webhookPollMs: intVar(env, 'WEBHOOK_POLL_MS', 1000, 20, 600000),
    webhookTimeoutMs: intVar(env, 'WEBHOOK_TIMEOUT_MS', 5000, 100, 60000),
    webhookRetryBaseMs: intVar(env, 'WEBHOOK_RETRY_BASE_MS', 5000, 0, 3600000),
    // --- Webhook destinations (SSRF, issue 10 item 5) ---
    webhookAllowPrivateUrls: boolVar(env, 'WEBHOOK_ALLOW_PRIVATE_URLS', false),
    // --- end webhook destinations ---
    production: env.NODE_ENV === 'production',
    logLevel,
    jwtSecret,
    maxQueryDepth: intVar(env, 'MAX_QUERY_DEPTH', 10, 2, 50),
    maxAliases: intVar(env, 'MAX_QUERY_ALIASES', 30, 1, 1000),
    shutdownTimeoutMs: intVar(env, 'SHUTDOWN_TIMEOUT_MS', 10000, 0, 120000),
    readCacheTtlMs: intVar(env, 'READ_CACHE_TTL_MS', env.REDIS_URL ? 60000 : 1000, 0, 3600000),
    debugSqlCount: env.NODE_ENV !== 'production' && boolVar(env, 'DEBUG_SQL_COUNT', false),
  };
}
