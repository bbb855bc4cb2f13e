import { invalidConfig, type Store } from '@rl/core';
import { createScriptStore } from '@rl-internal/redis-scripts';
import type { Cluster, Redis } from 'ioredis';
import { describeRisks, readClientSettings } from './client-checks.js';
import { connectionRecycler } from './connection-recycler.js';
import { fromIoredis } from './ioredis-adapter.js';
import { readyGate } from './ready-gate.js';

/** Options of {@link redisStore}. */
export interface RedisStoreOptions {
  /** An ioredis `Redis` (single node or Sentinel) or `Cluster`, ideally from `createRedisClient()`. */
  client: Redis | Cluster;
  /**
   * A deadline per call in ms. Default: none when the client has a `commandTimeout` (it governs),
   * else 500 — a frozen Redis must never hang a request.
   */
  timeoutMs?: number;
  /**
   * With `clock: "caller"`, keys live this many ms longer than their state matters, so app servers
   * whose clocks lag each other by up to this much agree. Ignored with the default `clock: "store"`.
   * Default 1000.
   */
  skewToleranceMs?: number;
  /** Quit the client when the store is closed. Default false: the client is yours to close. */
  closeClient?: boolean;
  /** Emit a process warning when the client's settings risk hanging or double counting. Default true. */
  warnUnsafeClient?: boolean;
  /**
   * When a call times out or receives a reply that is not its own, replace the connection it went out
   * on (for a Cluster, that master's connection): after a lost reply, ioredis would otherwise hand
   * every later reply on that socket to the call before it. Other commands in flight on that
   * connection — yours too, if you share the client — fail with "Connection is closed". Default true;
   * turn it off only if you replace the connection yourself.
   */
  recycleOnTimeout?: boolean;
}

/**
 * A shared store on Redis over TCP (ioredis): single node, Sentinel or Cluster. Each check is one
 * atomic Lua script call (EVALSHA; EVAL only after NOSCRIPT) on the store's clock (Redis `TIME`)
 * by default; all keys of an identifier share a hash tag, so Cluster never sees CROSSSLOT.
 * Failures reject with `RL_STORE_TIMEOUT` or `RL_STORE_UNAVAILABLE` (never a denial); a call that
 * times out gets its connection replaced, so no later call can receive its reply.
 *
 * @example
 * import { createLimiter, fixedWindow } from '@rl/core'
 * import { createRedisClient, redisStore } from '@rl/redis-tcp'
 *
 * const store = redisStore({ client: createRedisClient(process.env.REDIS_URL) })
 * const limiter = createLimiter({ store, rules: fixedWindow({ limit: 100, window: '1m' }) })
 * const decision = await limiter.limit(ip)
 */
export function redisStore(options: RedisStoreOptions): Store {
  if (options === null || typeof options !== 'object') throw invalidConfig('options', options, 'an options object');
  const { client } = options;
  if (client === null || typeof client !== 'object' || typeof client.evalsha !== 'function') {
    throw invalidConfig('client', client, 'an ioredis Redis or Cluster instance, such as createRedisClient(url)');
  }
  if (options.recycleOnTimeout !== undefined && typeof options.recycleOnTimeout !== 'boolean') {
    throw invalidConfig('recycleOnTimeout', options.recycleOnTimeout, 'true or false');
  }
  const settings = readClientSettings(client);
  if (options.warnUnsafeClient !== false) {
    const risks = describeRisks(settings);
    if (risks !== undefined) process.emitWarning(risks, { code: 'RL_REDIS_CLIENT_SETTINGS' });
  }
  const timeoutMs = options.timeoutMs ?? (settings.commandTimeout === undefined ? 500 : undefined);
  return createScriptStore({
    name: 'redis',
    client: fromIoredis(client),
    shared: true,
    ...(timeoutMs === undefined ? {} : { timeoutMs }),
    ...(options.skewToleranceMs === undefined ? {} : { skewToleranceMs: options.skewToleranceMs }),
    beforeCall: readyGate(client, settings.commandTimeout ?? timeoutMs ?? 500),
    ...(options.recycleOnTimeout === false ? {} : { trackConnection: connectionRecycler(client) }),
    onClose: options.closeClient ? () => client.quit().catch(() => client.disconnect()) : undefined,
  });
}
