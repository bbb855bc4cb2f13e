import type { Limiter } from '@rl/core';
import type { LoadedStore, StoreLoaders } from './connect/loaded-store.js';
import { loadUpstashEdge } from './connect/upstash-edge.js';
import { createLimiterWith, type LimiterFromEnvOptions } from './create-limiter.js';
import { type AutoStore, type AutoStoreOptions, createStoreWith } from './create-store.js';
import { invalidEnv } from './env/env-error.js';
import type { EnvSource } from './env/env-source.js';
import type { RedisSelection } from './select/types.js';

export * from './shared-exports.js';

function noTcp(selection: RedisSelection): Promise<LoadedStore> {
  const variable = selection.variables[0] ?? 'REDIS_URL';
  return Promise.reject(
    invalidEnv(
      variable,
      'secret',
      'an Upstash REST URL on this runtime (edge / Workers have no TCP Redis client): set UPSTASH_REDIS_REST_URL + UPSTASH_REDIS_REST_TOKEN',
    ),
  );
}

const EDGE_LOADERS: StoreLoaders = { upstash: loadUpstashEdge, redis: noTcp };

/**
 * The edge / Workers build of `createStoreFromEnv`: Upstash over REST or memory (a `redis://` URL is
 * an error here). Pass the Worker's `env`; create the store once per isolate and reuse it.
 *
 * @example
 * import { createStoreFromEnv } from '@rl/auto' // resolves to this build under the workerd/edge conditions
 *
 * let store
 * export default {
 *   async fetch(request, env) {
 *     store ??= createStoreFromEnv(env)
 *     const limiter = createLimiter({ store: await store, rules: fixedWindow({ limit: 10, window: '10s' }), failure: 'fail-open' })
 *     return (await limiter.limit('key')).allowed ? new Response('ok') : new Response('slow down', { status: 429 })
 *   },
 * }
 */
export function createStoreFromEnv(env?: EnvSource, options?: AutoStoreOptions): Promise<AutoStore> {
  return createStoreWith(EDGE_LOADERS, env, options);
}

/**
 * The edge / Workers build of `createLimiterFromEnv` (Upstash or memory).
 *
 * @example
 * const limiter = await createLimiterFromEnv({ env, rules: fixedWindow({ limit: 10, window: '10s' }), policy: 'fail-open' })
 */
export function createLimiterFromEnv(options: LimiterFromEnvOptions): Promise<Limiter> {
  return createLimiterWith(EDGE_LOADERS, options);
}
