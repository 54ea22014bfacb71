import { isAbsolute, resolve } from 'node:path';
import { isPasswordTooLong } from '../../libs/passwords/src';

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
  /** A B2C order still AWAITING_PAYMENT this long after it was placed is cancelled and its stock released. */
  unpaidOrderTimeoutMs: number;
  /** A customer's cart idle this long (with lines, NEWSLETTER granted) gets one `cart.abandoned` event. */
  cartAbandonedAfterMs: number;
  /** How often the insights worker counts new and cancelled orders (default: JOB_POLL_MS). */
  insightsPollMs: number;
  /** How often the insights worker recomputes segments that change by time passing (docs/INSIGHTS.md). */
  segmentRecomputeMs: number;
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
  /** LOG_FORMAT: `json` lines, `pretty` readable lines, or `auto` (pretty when stdout is a terminal, else JSON). */
  logFormat: 'json' | 'pretty' | 'auto';
  jwtSecret: string | undefined;
  /** Max GraphQL query depth (QUERY_TOO_COMPLEX beyond it). */
  maxQueryDepth: number;
  maxAliases: number;
  /** Query limits and request-rate limits (docs/SECURITY.md). */
  limits: {
    maxDirectives: number;
    maxTokens: number;
    maxMutations: number;
    maxRecursiveSelections: number;
    /** Most one operation may cost, per surface. */
    maxCost: { storefront: number; admin: number };
    /** RATE_LIMITS=off: no request-rate limits (load tests, black-box suites); login throttling stays. */
    rateLimits: boolean;
    perIp: { capacity: number; refillPerSecond: number };
    perStorefront: { capacity: number; refillPerSecond: number };
    perAdmin: { capacity: number; refillPerSecond: number };
    /** Request bodies, per surface (413 beyond). */
    bodyBytes: { storefront: number; admin: number };
    /** An early refusal (a client whose bucket is empty) is answered after this pause (0: at once). */
    tarpitMs: number;
    /** Per-hour counts of operations that create accounts or send e-mails, per client IP and per storefront. */
    operations: Record<'registration' | 'email', { perIp: number; perStorefront: number }>;
  };
  /** A storefront's own backend sends this in x-client-ip-secret to have its x-client-ip (the buyer) counted. */
  trustedClientIpSecret: string | undefined;
  /** Fastify's trustProxy: which proxies' x-forwarded-for is believed (loopback by default). */
  trustProxy: string | boolean;
  shutdownTimeoutMs: number;
  /** How long storefront reads may be served from memory without a change being seen (see ReadCache). */
  readCacheTtlMs: number;
  /** V8's old-generation growth between full collections, in percent (0: V8's own, up to 4× the live heap). */
  heapGrowingPercent: number;
  /** Debug aid for tests: count SQL statements per request (`extensions.sqlStatements`). Never in production. */
  debugSqlCount: boolean;
  // graphql-ws on /graphql (src/core/graphql/ws-protection.ts): WS_* variables.
  /** Subscriptions one socket may hold at once; one more is refused with RATE_LIMITED. */
  wsMaxSubscriptionsPerSocket: number;
  /** Open sockets per client address on one instance (0: no cap); one more is closed with 1013. */
  wsMaxSocketsPerIp: number;
  /** Largest WebSocket message (bytes); a bigger frame closes the socket with 1009. */
  wsMaxPayloadBytes: number;
  /** A socket that sends no connection_init within this is closed (4408). */
  wsConnectionInitTimeoutMs: number;
  /** How often open sockets are re-checked (rotated storefront token, ended customer session → closed with 4403). */
  wsRevalidateMs: number;
  // --- Database faults (issue 10 item 7): pool size and timeouts. The embedded database always uses one connection
  // and does not enforce the server-side timeouts (PGlite accepts and ignores them). ---
  /** Connections in the pool (real PostgreSQL). */
  dbPoolSize: number;
  /**
   * Pipelined sessions for the storefront's product page and facets statements (real PostgreSQL, besides the pool):
   * about the database server's cores that may go to them.
   */
  dbPipelinedSessions: number;
  /** Longest wait to open a connection, and for a free pool connection when all are busy. */
  dbConnectTimeoutMs: number;
  /** Server-side limit per statement (`statement_timeout`); 0: none. Migrations run without it. */
  dbStatementTimeoutMs: number;
  /** The server ends a session idle inside an open transaction this long (`idle_in_transaction_session_timeout`); 0: never. */
  dbIdleInTxTimeoutMs: number;

  // ── Account protection: login and password-reset throttling (docs/SECURITY.md) ──
  /** Failed logins per (account, client IP): a bucket of `max` that refills over `windowS` (TOO_MANY_ATTEMPTS when empty). */
  loginLimitAccountIp: RateSpec;
  /** Failed logins per account from every IP together; IPs that logged in to the account lately are exempt. */
  loginLimitAccount: RateSpec;
  /** Failed logins per client IP across all accounts (password spraying from one address). */
  loginLimitIp: RateSpec;
  /** An IP that logged in to an account within this many days is not held back by loginLimitAccount (0: none is). */
  loginKnownIpDays: number;
  /** Password-reset e-mails per address; further requests still answer true but send nothing. */
  passwordResetLimitAddress: RateSpec;
  /** requestPasswordReset answers this long after it arrived (or later), known address or not: no timing oracle. */
  passwordResetAnswerMs: number;
}

/** "at most `max` per `windowS` seconds", as a token bucket: `max` at once, then refilled evenly over the window. */
export interface RateSpec {
  max: number;
  windowS: number;
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

const RATE_UNITS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400 };

/** `5/15m`: at most 5 per 15 minutes (units s, m, h, d). */
function rateVar(env: Env, name: string, def: RateSpec): RateSpec {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return def;
  const m = /^(\d{1,6})\/(\d{1,6})([smhd])$/.exec(raw.trim());
  const spec = m && { max: Number(m[1]), windowS: Number(m[2]) * RATE_UNITS[m[3]] };
  if (!spec || spec.max < 1 || spec.windowS < 1)
    throw new ConfigError(name, 'a rate such as 5/15m (count/duration in s, m, h or d)', raw);
  return spec;
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
const LOG_FORMATS = ['json', 'pretty', 'auto'] as const;

export function loadConfig(env: Env = process.env): AppConfig {
  const databaseUrl = urlVar(env, 'DATABASE_URL', ['postgres', 'postgresql']);
  const dataDirRaw = env.DATA_DIR?.trim() || './data';
  const logLevel = (env.LOG_LEVEL?.trim() || 'info') as AppConfig['logLevel'];
  if (!LOG_LEVELS.includes(logLevel)) throw new ConfigError('LOG_LEVEL', LOG_LEVELS.join(' | '), env.LOG_LEVEL);
  // Log format (readable lines in a terminal, JSON for production and pipes).
  const logFormat = LOG_FORMATS.find((f) => f === (env.LOG_FORMAT?.trim() || 'auto'));
  if (!logFormat) throw new ConfigError('LOG_FORMAT', LOG_FORMATS.join(' | '), env.LOG_FORMAT);
  const adminEmail = env.ADMIN_EMAIL?.trim() || undefined;
  if (adminEmail && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(adminEmail)) {
    throw new ConfigError('ADMIN_EMAIL', 'an e-mail address', adminEmail);
  }
  const adminPassword = env.ADMIN_PASSWORD || undefined;
  if (adminPassword !== undefined && (adminPassword.length < 10 || isPasswordTooLong(adminPassword))) {
    throw new ConfigError('ADMIN_PASSWORD', '10 to 128 characters', '<hidden>');
  }
  const jwtSecret = env.JWT_SECRET || undefined;
  if (jwtSecret !== undefined && jwtSecret.length < 32) {
    throw new ConfigError('JWT_SECRET', 'at least 32 characters', '<hidden>');
  }
  const trustedClientIpSecret = env.TRUSTED_CLIENT_IP_SECRET || undefined;
  if (trustedClientIpSecret !== undefined && trustedClientIpSecret.length < 32) {
    throw new ConfigError('TRUSTED_CLIENT_IP_SECRET', 'at least 32 characters', '<hidden>');
  }
  const trustProxyRaw = env.TRUST_PROXY?.trim() || 'loopback';
  return {
    port: intVar(env, 'PORT', 3000, 0, 65535),
    trustedClientIpSecret,
    trustProxy: trustProxyRaw === 'true' ? true : trustProxyRaw === 'false' ? false : trustProxyRaw,
    host: env.HOST?.trim() || '0.0.0.0',
    databaseUrl,
    embeddedDbPort: intVar(env, 'EMBEDDED_DB_PORT', 0, 0, 65535),
    dataDir: isAbsolute(dataDirRaw) ? dataDirRaw : resolve(process.cwd(), dataDirRaw),
    redisUrl: urlVar(env, 'REDIS_URL', ['redis', 'rediss']),
    adminEmail,
    adminPassword,
    seedDemo: boolVar(env, 'SEED_DEMO', databaseUrl === undefined && env.NODE_ENV !== 'production'),
    viesUrl: urlVar(env, 'VIES_URL', ['http', 'https']) ?? 'https://ec.europa.eu/taxation_customs/vies/rest-api',
    viesTimeoutMs: intVar(env, 'VIES_TIMEOUT_MS', 4000, 100, 60000),
    viesRetryBaseMs: intVar(env, 'VIES_RETRY_BASE_MS', 30000, 100, 3600000),
    viesRetryMaxMs: intVar(env, 'VIES_RETRY_MAX_MS', 3600000, 100, 86400000),
    jobPollMs: intVar(env, 'JOB_POLL_MS', 5000, 50, 600000),
    unpaidOrderTimeoutMs: intVar(env, 'UNPAID_ORDER_TIMEOUT_MS', 1800000, 1000, 2592000000),
    cartAbandonedAfterMs: intVar(env, 'CART_ABANDONED_AFTER_MS', 14400000, 0, 2592000000),
    insightsPollMs: intVar(env, 'INSIGHTS_POLL_MS', intVar(env, 'JOB_POLL_MS', 5000, 50, 600000), 50, 3600000),
    segmentRecomputeMs: intVar(env, 'SEGMENT_RECOMPUTE_MS', 86400000, 100, 2592000000),
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
    logFormat,
    jwtSecret,
    maxQueryDepth: intVar(env, 'MAX_QUERY_DEPTH', 10, 2, 50),
    maxAliases: intVar(env, 'MAX_QUERY_ALIASES', 30, 1, 1000),
    limits: {
      maxDirectives: intVar(env, 'MAX_QUERY_DIRECTIVES', 50, 1, 1000),
      maxTokens: intVar(env, 'MAX_QUERY_TOKENS', 1000, 100, 100000),
      maxMutations: intVar(env, 'MAX_MUTATIONS_PER_DOCUMENT', 5, 1, 100),
      maxRecursiveSelections: intVar(env, 'MAX_RECURSIVE_SELECTIONS', 5000, 100, 1000000),
      maxCost: {
        storefront: intVar(env, 'MAX_QUERY_COST', 5000, 10, 10000000),
        admin: intVar(env, 'MAX_ADMIN_QUERY_COST', 100000, 10, 10000000),
      },
      rateLimits: boolVar(env, 'RATE_LIMITS', true),
      perIp: {
        capacity: intVar(env, 'RATE_LIMIT_IP_POINTS', 20000, 1, 1000000000),
        refillPerSecond: intVar(env, 'RATE_LIMIT_IP_RESTORE', 2000, 1, 1000000000),
      },
      perStorefront: {
        capacity: intVar(env, 'RATE_LIMIT_STOREFRONT_POINTS', 1000000, 1, 1000000000),
        refillPerSecond: intVar(env, 'RATE_LIMIT_STOREFRONT_RESTORE', 100000, 1, 1000000000),
      },
      perAdmin: {
        capacity: intVar(env, 'RATE_LIMIT_ADMIN_POINTS', 500000, 1, 1000000000),
        refillPerSecond: intVar(env, 'RATE_LIMIT_ADMIN_RESTORE', 50000, 1, 1000000000),
      },
      bodyBytes: {
        storefront: intVar(env, 'STOREFRONT_BODY_LIMIT_BYTES', 64 * 1024, 1024, 100 * 1024 * 1024),
        admin: intVar(env, 'ADMIN_BODY_LIMIT_BYTES', 4 * 1024 * 1024, 1024, 100 * 1024 * 1024),
      },
      tarpitMs: intVar(env, 'RATE_LIMIT_TARPIT_MS', 1000, 0, 60000),
      operations: {
        registration: {
          perIp: intVar(env, 'RATE_LIMIT_REGISTRATIONS_PER_IP', 10, 1, 1000000),
          perStorefront: intVar(env, 'RATE_LIMIT_REGISTRATIONS_PER_STOREFRONT', 1000, 1, 10000000),
        },
        email: {
          perIp: intVar(env, 'RATE_LIMIT_EMAILS_PER_IP', 20, 1, 1000000),
          perStorefront: intVar(env, 'RATE_LIMIT_EMAILS_PER_STOREFRONT', 2000, 1, 10000000),
        },
      },
    },
    shutdownTimeoutMs: intVar(env, 'SHUTDOWN_TIMEOUT_MS', 10000, 0, 120000),
    readCacheTtlMs: intVar(env, 'READ_CACHE_TTL_MS', env.REDIS_URL ? 60000 : 1000, 0, 3600000),
    heapGrowingPercent: intVar(env, 'HEAP_GROWING_PERCENT', 50, 0, 1000),
    debugSqlCount: env.NODE_ENV !== 'production' && boolVar(env, 'DEBUG_SQL_COUNT', false),
    // graphql-ws limits
    wsMaxSubscriptionsPerSocket: intVar(env, 'WS_MAX_SUBSCRIPTIONS_PER_SOCKET', 20, 1, 1000),
    wsMaxSocketsPerIp: intVar(env, 'WS_MAX_SOCKETS_PER_IP', 50, 0, 1000000),
    wsMaxPayloadBytes: intVar(env, 'WS_MAX_PAYLOAD_BYTES', 65536, 1024, 16777216),
    wsConnectionInitTimeoutMs: intVar(env, 'WS_CONNECTION_INIT_TIMEOUT_MS', 3000, 100, 60000),
    wsRevalidateMs: intVar(env, 'WS_REVALIDATE_MS', 1000, 100, 60000),
    // Database faults: pool size and timeouts.
    dbPoolSize: intVar(env, 'DB_POOL_SIZE', 20, 1, 500),
    dbPipelinedSessions: intVar(env, 'DB_PIPELINED_SESSIONS', 2, 1, 64),
    dbConnectTimeoutMs: intVar(env, 'DB_CONNECT_TIMEOUT_MS', 10000, 100, 120000),
    dbStatementTimeoutMs: intVar(env, 'DB_STATEMENT_TIMEOUT_MS', 30000, 0, 3600000),
    dbIdleInTxTimeoutMs: intVar(env, 'DB_IDLE_IN_TX_TIMEOUT_MS', 60000, 0, 3600000),

    // ── Account protection (docs/SECURITY.md) ──
    loginLimitAccountIp: rateVar(env, 'LOGIN_LIMIT_ACCOUNT_IP', { max: 5, windowS: 15 * 60 }),
    loginLimitAccount: rateVar(env, 'LOGIN_LIMIT_ACCOUNT', { max: 50, windowS: 4 * 3600 }),
    loginLimitIp: rateVar(env, 'LOGIN_LIMIT_IP', { max: 100, windowS: 15 * 60 }),
    loginKnownIpDays: intVar(env, 'LOGIN_KNOWN_IP_DAYS', 30, 0, 365),
    passwordResetLimitAddress: rateVar(env, 'PASSWORD_RESET_LIMIT_ADDRESS', { max: 3, windowS: 3600 }),
    passwordResetAnswerMs: intVar(env, 'PASSWORD_RESET_ANSWER_MS', 250, 0, 10000),
  };
}
