import { invalidEnv } from './env-error.js';
import type { EnvSource } from './env-source.js';

const TRUE = new Set(['true', '1', 'yes', 'on']);
const FALSE = new Set(['false', '0', 'no', 'off']);

/** The variable's value trimmed; unset, empty or blank values read as undefined (`REDIS_URL=` in a .env template). */
export function readString(env: EnvSource, name: string, secret = false): string | undefined {
  const value = env[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw invalidEnv(name, secret ? 'secret' : { value }, 'a string');
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

/** A boolean flag: true/false, 1/0, yes/no, on/off (any case). */
export function readFlag(env: EnvSource, name: string): boolean | undefined {
  const value = readString(env, name);
  if (value === undefined) return undefined;
  const lower = value.toLowerCase();
  if (TRUE.has(lower)) return true;
  if (FALSE.has(lower)) return false;
  throw invalidEnv(name, { value }, '"true" or "false" (also 1/0, yes/no, on/off)');
}

/** A TCP port, 1–65535. */
export function readPort(env: EnvSource, name: string): number | undefined {
  const value = readString(env, name);
  if (value === undefined) return undefined;
  const port = /^\d{1,5}$/.test(value) ? Number(value) : Number.NaN;
  if (!(port >= 1 && port <= 65_535)) throw invalidEnv(name, { value }, 'a port number from 1 to 65535');
  return port;
}

/** The largest timeout accepted from the environment. */
export const MAX_ENV_TIMEOUT_MS = 60_000;

const DURATION = /^(\d+)\s*(ms|s)?$/i;

/** A timeout in ms: `"200"`, `"200ms"`, `"5s"`; whole ms from 1 to 60 000. */
export function readTimeout(env: EnvSource, name: string): number | undefined {
  const value = readString(env, name);
  if (value === undefined) return undefined;
  const match = DURATION.exec(value);
  const ms = match ? Number(match[1]) * (match[2]?.toLowerCase() === 's' ? 1000 : 1) : Number.NaN;
  if (!(Number.isSafeInteger(ms) && ms >= 1 && ms <= MAX_ENV_TIMEOUT_MS)) {
    throw invalidEnv(name, { value }, `milliseconds from 1 to ${MAX_ENV_TIMEOUT_MS}, such as "200", "200ms" or "5s"`);
  }
  return ms;
}

/** `url` with any password replaced by `***`, for messages and logs. */
export function maskUrl(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)([^@/]*)@/i, (_, scheme: string, auth: string) => {
    const colon = auth.indexOf(':');
    return `${scheme}${colon >= 0 ? `${auth.slice(0, colon)}:***` : '***'}@`;
  });
}

/** Parses a URL, or throws naming the variable (the value masked). */
export function parseUrl(name: string, value: string, expected: string): URL {
  try {
    return new URL(value);
  } catch {
    throw invalidEnv(name, { masked: maskUrl(value) }, expected);
  }
}
