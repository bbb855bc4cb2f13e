import { defaultEnv, type EnvSource } from '../env/env-source.js';
import { readFlag, readString, readTimeout } from '../env/read-values.js';
import { selectRedis } from './select-redis.js';
import { selectUpstash } from './select-upstash.js';
import {
  type BackendSelection,
  DEFAULT_REDIS_TIMEOUT_MS,
  DEFAULT_UPSTASH_TIMEOUT_MS,
  type MemorySelection,
  type RedisConnection,
} from './types.js';

/** The variables that configure a shared store, for messages. */
export const SHARED_STORE_VARIABLES = 'UPSTASH_REDIS_REST_URL + UPSTASH_REDIS_REST_TOKEN, or REDIS_URL';

/**
 * Decides the backend from the environment, without connecting: Upstash (REST URL + token), else
 * Redis over TCP (`REDIS_URL` or `REDIS_HOST` / `REDIS_PORT`), else memory — also when
 * `REDIS_ENABLED=false`. Malformed values throw `RL_INVALID_CONFIG` naming the variable.
 *
 * @example
 * selectBackend({ REDIS_URL: 'redis://cache:6379', REDIS_TIMEOUT: '500' })
 * // { backend: 'redis', connection: { host: 'cache', port: 6379, ... }, timeoutMs: 500, reason: 'REDIS_URL is set (redis://)', ... }
 */
export function selectBackend(env: EnvSource = defaultEnv()): BackendSelection {
  const production = readString(env, 'NODE_ENV') === 'production';
  const silenced = readFlag(env, 'SKIP_REDIS_WARNING') === true;
  const memory = (reason: string, variables: string[], disabled: boolean): MemorySelection => ({
    backend: 'memory',
    reason,
    variables,
    notes: [],
    disabled,
    production,
    silenced,
  });
  if (readFlag(env, 'REDIS_ENABLED') === false) {
    return memory('REDIS_ENABLED=false turns Redis off', ['REDIS_ENABLED'], true);
  }
  const timeout = readTimeout(env, 'REDIS_TIMEOUT');
  const extra = timeout === undefined ? [] : ['REDIS_TIMEOUT'];
  const upstash = selectUpstash(env, timeout ?? DEFAULT_UPSTASH_TIMEOUT_MS);
  if (upstash) return { ...upstash, variables: [...upstash.variables, ...extra] };
  const redis = selectRedis(env, timeout ?? DEFAULT_REDIS_TIMEOUT_MS);
  if (redis) return { ...redis, variables: [...redis.variables, ...extra] };
  return memory(`none of ${SHARED_STORE_VARIABLES} (or REDIS_HOST) is set`, [], false);
}

/** `redis://user:***@host:port/db`, never the password. */
export function describeConnection(connection: RedisConnection): string {
  const auth =
    connection.username !== undefined || connection.password !== undefined
      ? `${connection.username ?? ''}${connection.password === undefined ? '' : ':***'}@`
      : '';
  const host = connection.host.includes(':') ? `[${connection.host}]` : connection.host;
  const db = connection.db === 0 ? '' : `/${connection.db}`;
  return `${connection.tls ? 'rediss' : 'redis'}://${auth}${host}:${connection.port}${db}`;
}

/** One line naming the backend and where it points, safe to log. */
export function describeSelection(selection: BackendSelection): string {
  switch (selection.backend) {
    case 'upstash':
      return `Upstash REST at ${selection.url}`;
    case 'redis':
      return `Redis at ${describeConnection(selection.connection)}`;
    default:
      return 'in-process memory';
  }
}

/** The warning printed when the memory store is chosen; it names the variables to set. */
export function memoryWarning(selection: MemorySelection): string {
  const why = selection.disabled ? 'Redis is turned off (REDIS_ENABLED=false)' : 'no Redis is configured';
  if (selection.production) {
    return `⚠️ NODE_ENV=production but ${why}: rate limits are kept in memory, per instance — N instances allow N × each limit. Set ${SHARED_STORE_VARIABLES} to share them.`;
  }
  return `⚠️ Rate limiting uses in-process memory because ${why}: limits are per process and reset on restart. Set ${SHARED_STORE_VARIABLES} to share them across instances (SKIP_REDIS_WARNING=true silences this).`;
}
