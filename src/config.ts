// Environment -> typed, validated configuration (README "Configuration").
import { parseDuration } from './domain/shared/duration.js';

export type DatabaseConfig =
  /** `groupCommit`: concurrent write transactions share one commit (README "Group commit"); default on. */
  | { kind: 'sqlite'; file: string; groupCommit?: boolean }
  /** `preparedStatements`: statements prepared by name per connection (README "Scaling out"); default on. */
  | { kind: 'postgres'; url: string; preparedStatements?: boolean };

export interface Config {
  port: number;
  host: string;
  database: DatabaseConfig;
  adminEmail: string;
  adminPassword: string | undefined;
  timezone: string;
  defaultCurrency: string;
  tokenTtlMs: number;
  testMode: boolean;
  logLevel: string;
  bodyLimit: number;
}

export class ConfigError extends Error {}

export function parseDatabaseUrl(url: string): DatabaseConfig {
  if (/^postgres(ql)?:\/\//i.test(url)) return { kind: 'postgres', url };
  if (/^sqlite:/i.test(url)) {
    const file = url.replace(/^sqlite:(\/\/)?/i, '');
    if (!file) throw new ConfigError('DATABASE_URL: sqlite: needs a file path (or :memory:)');
    return { kind: 'sqlite', file };
  }
  throw new ConfigError(`DATABASE_URL must start with sqlite: or postgres://, got "${url.split(':')[0]}:…"`);
}

export function isValidTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** An on/off switch that is on unless set to 0/off/false. */
function onOff(env: NodeJS.ProcessEnv, name: string): boolean {
  const value = (env[name] ?? '').trim().toLowerCase();
  if (!['', '1', 'on', 'true', '0', 'off', 'false'].includes(value)) throw new ConfigError(`${name} must be on or off, got "${env[name]}"`);
  return !['0', 'off', 'false'].includes(value);
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError(`PORT must be 0..65535, got "${env.PORT}"`);
  const timezone = env.LEDGERLINE_TIMEZONE || 'UTC';
  if (!isValidTimeZone(timezone)) throw new ConfigError(`LEDGERLINE_TIMEZONE is not an IANA time zone: "${timezone}"`);
  const defaultCurrency = (env.LEDGERLINE_DEFAULT_CURRENCY || 'EUR').toUpperCase();
  if (!/^[A-Z]{3}$/.test(defaultCurrency)) throw new ConfigError(`LEDGERLINE_DEFAULT_CURRENCY must be an ISO 4217 code, got "${defaultCurrency}"`);
  const ttl = parseDuration(env.LEDGERLINE_TOKEN_TTL || '30d');
  if (ttl === undefined || ttl <= 0) throw new ConfigError(`LEDGERLINE_TOKEN_TTL must be a duration like 30d, 12h, 90m, got "${env.LEDGERLINE_TOKEN_TTL}"`);
  const bodyLimit = Number(env.LEDGERLINE_BODY_LIMIT ?? 1024 * 1024);
  const database = parseDatabaseUrl(env.DATABASE_URL || 'sqlite:./data/ledgerline.db');
  // LEDGERLINE_GROUP_COMMIT (SQLite only): on by default; 0/off/false commits every transaction alone.
  const groupCommit = onOff(env, 'LEDGERLINE_GROUP_COMMIT');
  if (database.kind === 'sqlite') database.groupCommit = groupCommit;
  // LEDGERLINE_PG_PREPARE (PostgreSQL only): on by default; off for a pooler that cannot keep prepared statements.
  const prepare = onOff(env, 'LEDGERLINE_PG_PREPARE');
  if (database.kind === 'postgres') database.preparedStatements = prepare;
  return {
    port,
    host: env.HOST || '0.0.0.0',
    database,
    adminEmail: (env.LEDGERLINE_ADMIN_EMAIL || 'admin@localhost').trim().toLowerCase(),
    adminPassword: env.LEDGERLINE_ADMIN_PASSWORD || undefined,
    timezone,
    defaultCurrency,
    tokenTtlMs: ttl,
    testMode: env.LEDGERLINE_TEST_MODE === '1' || env.LEDGERLINE_TEST_MODE === 'true',
    logLevel: env.LOG_LEVEL || 'info',
    bodyLimit: Number.isInteger(bodyLimit) && bodyLimit > 0 ? bodyLimit : 1024 * 1024,
  };
}
