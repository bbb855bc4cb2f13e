import type { Limiter } from '@rl/core';
import type { StoreLoaders } from './connect/loaded-store.js';
import { loadRedisTcp } from './connect/redis-tcp.js';
import { loadUpstashNode } from './connect/upstash-node.js';
import { createLimiterWith, type LimiterFromEnvOptions } from './create-limiter.js';
import { type AutoStore, type AutoStoreOptions, createStoreWith } from './create-store.js';
import type { EnvSource } from './env/env-source.js';

export * from './shared-exports.js';

const NODE_LOADERS: StoreLoaders = { upstash: loadUpstashNode, redis: loadRedisTcp };

/**
 * Creates the store the environment asks for — Upstash (`UPSTASH_REDIS_REST_URL` +
 * `UPSTASH_REDIS_REST_TOKEN`), else Redis over TCP (`REDIS_URL` or `REDIS_HOST`/`REDIS_PORT`), else
 * in-process memory with a warning — loading only that backend's package. The store is guarded:
 * `REDIS_TIMEOUT` (default 200 ms) per call and a circuit breaker shared by every limiter using it.
 *
 * @example
 * import { createLimiter, fixedWindow } from '@rl/core'
 * import { createStoreFromEnv } from '@rl/auto'
 * import { memoryStore } from '@rl/memory'
 *
 * const store = await createStoreFromEnv() // logs "✅ Redis: Connected and ready (Redis at redis://cache:6379, 0.3 ms)"
 * const limiter = createLimiter({
 *   store,
 *   rules: fixedWindow({ limit: 60, window: '1m' }),
 *   failure: { policy: 'fallback', fallback: memoryStore() },
 * })
 */
export function createStoreFromEnv(env?: EnvSource, options?: AutoStoreOptions): Promise<AutoStore> {
  return createStoreWith(NODE_LOADERS, env, options);
}

/**
 * `createStoreFromEnv` plus a limiter with a failure policy: by default, while the store fails or
 * times out, an in-process memory limiter decides (`reason: "fallback"`, limits per instance).
 *
 * @example
 * import { fixedWindow } from '@rl/core'
 * import { createLimiterFromEnv } from '@rl/auto'
 *
 * const limiter = await createLimiterFromEnv({
 *   rules: fixedWindow({ limit: 60, window: '1m' }),
 *   policy: 'fallback',
 *   fallbackLimit: 20, // per instance while Redis is down
 * })
 * const decision = await limiter.limit(ip)
 */
export function createLimiterFromEnv(options: LimiterFromEnvOptions): Promise<Limiter> {
  return createLimiterWith(NODE_LOADERS, options);
}
