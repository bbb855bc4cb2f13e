import type { RedisSelection } from './types.js';

/** Client connection options for a Redis selection (host, port, db, credentials, TLS). */
export interface RedisClientOptions {
  host: string;
  port: number;
  db: number;
  username?: string;
  password?: string;
  tls?: Record<string, never>;
  commandTimeout: number;
}

/**
 * The client options that connect to what `REDIS_URL` / `REDIS_HOST`... selected, with `timeoutMs`
 * (default: the selection's `REDIS_TIMEOUT`) as the command timeout.
 *
 * @example
 * const selection = selectBackend(process.env)
 * if (selection.backend === 'redis') createRedisClient(redisClientOptions(selection))
 */
export function redisClientOptions(selection: RedisSelection, timeoutMs = selection.timeoutMs): RedisClientOptions {
  const { host, port, username, password, tls, db } = selection.connection;
  return {
    host,
    port,
    db,
    ...(username === undefined ? {} : { username }),
    ...(password === undefined ? {} : { password }),
    ...(tls ? { tls: {} } : {}),
    commandTimeout: timeoutMs,
  };
}
