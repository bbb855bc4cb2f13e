import { invalidConfig, type Store } from '@rl/core';
import { createScriptStore } from '@rl-internal/redis-scripts';
import { describeUpstashRisks, readUpstashSettings, warnOnce } from './client-checks.js';
import { fromUpstash, type UpstashClient } from './upstash-adapter.js';

/** Options of {@link upstashStore}. */
export interface UpstashStoreOptions {
  /**
   * An `@upstash/redis` `Redis` from `@upstash/redis` (Node, Vercel) or `@upstash/redis/cloudflare`
   * (Workers), ideally created with `retry: { retries: 0 }` (see the README).
   */
  client: UpstashClient;
  /**
   * A deadline per call in ms: a REST call still unanswered then rejects with `RL_STORE_TIMEOUT`, so
   * a slow or unreachable Upstash never hangs a request. The fetch itself is not cancelled (give the
   * client `signal: () => AbortSignal.timeout(ms)` for that). Default 1000.
   */
  timeoutMs?: number;
  /**
   * With `clock: "caller"`, keys live this many ms longer than their state matters, so app servers
   * whose clocks lag each other by up to this much agree. Ignored with the default `clock: "store"`.
   * Default 1000.
   */
  skewToleranceMs?: number;
  /**
   * Warn once (`console.warn`) when the client's settings risk double counting (`retry` other than
   * `{ retries: 0 }`) or aborting every request (a fixed `signal`). Default true.
   */
  warnUnsafeClient?: boolean;
}

/** The per-call deadline when `timeoutMs` is not given. */
export const DEFAULT_UPSTASH_TIMEOUT_MS = 1000;

/**
 * A shared store on Upstash Redis over its REST API, through the `@upstash/redis` client you
 * created. Each check is one HTTP request carrying one atomic Lua script call (EVALSHA; EVAL only
 * after NOSCRIPT) on Redis's own clock by default. Runs on Node, Vercel (Node and Edge) and
 * Cloudflare Workers. Failures reject with `RL_STORE_TIMEOUT` or `RL_STORE_UNAVAILABLE` — never a
 * denial.
 *
 * @example
 * import { createLimiter, slidingWindow } from '@rl/core'
 * import { upstashStore } from '@rl/upstash'
 * import { Redis } from '@upstash/redis' // '@upstash/redis/cloudflare' on Workers
 *
 * const redis = Redis.fromEnv({ retry: { retries: 0 } }) // UPSTASH_REDIS_REST_URL / _TOKEN
 * const limiter = createLimiter({
 *   store: upstashStore({ client: redis }),
 *   rules: slidingWindow({ limit: 100, window: '1m' }),
 * })
 * const decision = await limiter.limit(ip) // one HTTP request, one EVALSHA
 * if (!decision.allowed) console.log(`retry in ${decision.retryAfterMs} ms`)
 *
 * // Cloudflare Workers (Redis from '@upstash/redis/cloudflare'): build it per request from the
 * // bindings — cheap, nothing to close.
 * const store = upstashStore({ client: Redis.fromEnv(env, { retry: { retries: 0 } }) })
 */
export function upstashStore(options: UpstashStoreOptions): Store {
  if (options === null || typeof options !== 'object') throw invalidConfig('options', options, 'an options object');
  const { client } = options;
  if (
    client === null ||
    typeof client !== 'object' ||
    typeof client.evalsha !== 'function' ||
    typeof client.eval !== 'function' ||
    typeof client.del !== 'function'
  ) {
    throw invalidConfig('client', client, 'an @upstash/redis Redis instance, such as Redis.fromEnv()');
  }
  const timeoutMs = options.timeoutMs ?? DEFAULT_UPSTASH_TIMEOUT_MS;
  if (!Number.isSafeInteger(timeoutMs) || timeoutMs < 1) {
    throw invalidConfig('timeoutMs', timeoutMs, 'a whole number of ms ≥ 1');
  }
  if (options.warnUnsafeClient !== false) {
    const risks = describeUpstashRisks(readUpstashSettings(client));
    if (risks !== undefined) warnOnce(risks);
  }
  return createScriptStore({
    name: 'upstash',
    client: fromUpstash(client),
    shared: true,
    timeoutMs,
    ...(options.skewToleranceMs === undefined ? {} : { skewToleranceMs: options.skewToleranceMs }),
  });
}
