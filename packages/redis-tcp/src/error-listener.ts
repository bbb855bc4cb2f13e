import type { Cluster, Redis } from 'ioredis';

/**
 * What `createRedisClient` / `createRedisCluster` do with the client's `error` events (refused
 * connections, resets, failed ready checks...): a function receives each one; `false` ignores them.
 * Default: a `console.warn` at most once per distinct message per 10 s, and nothing at all once you
 * add an `error` listener of your own.
 */
export type RedisErrorHandler = ((error: Error) => void) | false;

/** How long the default handler stays quiet about a message it has shown, ms. */
export const ERROR_WARNING_INTERVAL_MS = 10_000;

/** Bounds the memory of distinct messages (addresses and ports vary little in practice). */
const MAX_REMEMBERED = 100;

/** A warner that shows each distinct message at most once per `intervalMs`. */
function rateLimitedWarning(intervalMs: number): (error: Error) => void {
  const shownAt = new Map<string, number>();
  return (error) => {
    const message = error?.message ?? String(error);
    const now = Date.now();
    const last = shownAt.get(message);
    if (last !== undefined && now - last < intervalMs) return;
    if (shownAt.size >= MAX_REMEMBERED) {
      for (const [seen, at] of shownAt) if (now - at >= intervalMs) shownAt.delete(seen);
      if (shownAt.size >= MAX_REMEMBERED) shownAt.clear();
    }
    shownAt.set(message, now);
    console.warn(
      `[@rl/redis-tcp] Redis connection error: ${message} (shown at most once every ${intervalMs / 1000} s; pass onError to handle these errors yourself)`,
    );
  };
}

/**
 * Gives the client an `error` listener, so ioredis never prints "[ioredis] Unhandled error event"
 * with a stack trace for every failed reconnect. Store calls report the failures themselves
 * (`RL_STORE_UNAVAILABLE`); these events say why (refused, reset, wrong password...).
 */
export function listenForErrors(client: Redis | Cluster, onError: RedisErrorHandler | undefined): void {
  if (onError === false) {
    client.on('error', () => undefined);
    return;
  }
  if (typeof onError === 'function') {
    client.on('error', onError);
    return;
  }
  const warn = rateLimitedWarning(ERROR_WARNING_INTERVAL_MS);
  client.on('error', (error: Error) => {
    // Steps aside as soon as the application listens too: its listener decides what to log.
    if (client.listenerCount('error') > 1) return;
    warn(error);
  });
}
