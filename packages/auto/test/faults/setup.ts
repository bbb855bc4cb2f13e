import { createLimiter, type FailureOptions, fixedWindow, type Limiter, type Store } from '@rl/core';
import { memoryStore } from '@rl/memory';
import { createRedisClient, redisStore } from '@rl/redis-tcp';

/** The call timeout the fault tests configure, ms. */
export const TIMEOUT_MS = 200;
/**
 * What "settles within the timeout plus a generous margin" allows on a shared, noisy machine, ms —
 * still well under the 5 s freeze of the SIGSTOP test, so a call that waited on the frozen Redis fails it.
 */
export const SETTLE_BOUND_MS = TIMEOUT_MS + 2800;

/** A store that counts the consume calls that reached it (below the guard: skipped calls are not counted). */
export function countingStore(inner: Store): Store & { consumes: number } {
  const counting = {
    ...inner,
    consumes: 0,
    consume(request: Parameters<Store['consume']>[0]) {
      counting.consumes++;
      return inner.consume(request);
    },
  };
  return counting;
}

/** A Redis store on `port` with the fault tests' settings; the client's error events are swallowed (they are reported as store errors). */
export function faultStore(port: number): Store & { consumes: number } {
  const client = createRedisClient({ host: '127.0.0.1', port, commandTimeout: TIMEOUT_MS });
  client.on('error', () => {});
  return countingStore(redisStore({ client, closeClient: true }));
}

/** A limiter whose limit is never reached, so any denial or `limit` reason would be a bug. */
export function faultLimiter(store: Store, failure: Partial<FailureOptions> = {}, prefix = 'fault'): Limiter {
  return createLimiter({
    store,
    prefix,
    rules: fixedWindow({ limit: 1_000_000, window: '1h', name: 'load' }),
    failure: { policy: 'fallback', fallback: memoryStore(), timeout: TIMEOUT_MS, ...failure },
  });
}
