import { invalidConfig } from '@rl/core';
import { Cluster, type ClusterNode, type ClusterOptions, Redis, type RedisOptions } from 'ioredis';
import { SAFE_CLUSTER_NODE_OPTIONS, SAFE_CLUSTER_OPTIONS, SAFE_REDIS_OPTIONS } from './client-options.js';
import { listenForErrors, type RedisErrorHandler } from './error-listener.js';

/** ioredis options, plus `url` (`redis://` or `rediss://`, with user, password and db) and `onError`. */
export interface RedisClientOptions extends RedisOptions {
  url?: string;
  /**
   * Receives the client's `error` events (refused connections, resets, a wrong password...); `false`
   * ignores them. Default: one `console.warn` per distinct message per 10 s, silent once you add an
   * `error` listener of your own. Either way ioredis never prints "Unhandled error event".
   */
  onError?: RedisErrorHandler;
}

/** ioredis Cluster options, plus `onError` (see {@link RedisClientOptions.onError}). */
export interface RedisClusterOptions extends ClusterOptions {
  onError?: RedisErrorHandler;
}

function checkOnError(onError: unknown): RedisErrorHandler | undefined {
  if (onError === undefined || onError === false || typeof onError === 'function') {
    return onError as RedisErrorHandler | undefined;
  }
  throw invalidConfig('onError', onError, 'a function (error) => void, or false to ignore connection errors');
}

/**
 * Creates an ioredis client with settings that suit a rate limiter: a 500 ms command timeout, no
 * offline queue, no retry or resend of a command whose reply was lost, and a reconnect backoff
 * capped at 1 s. Accepts a URL (`redis://user:password@host:6379/0`, `rediss://` for TLS), ioredis
 * options (Sentinel: `{ sentinels, name }`), or both (`{ url, ...options }`); your options win.
 * Connection errors go to `onError` (default: a rate-limited `console.warn`), never to ioredis's
 * "Unhandled error event".
 *
 * @example
 * import { createRedisClient, redisStore } from '@rl/redis-tcp'
 *
 * const client = createRedisClient(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379')
 * const store = redisStore({ client })
 *
 * // Sentinel
 * const ha = createRedisClient({ sentinels: [{ host: 'sentinel-1', port: 26379 }], name: 'mymaster' })
 *
 * // Connection errors to your logger instead of console.warn
 * const logged = createRedisClient({ url: process.env.REDIS_URL, onError: (error) => logger.warn(error) })
 */
export function createRedisClient(urlOrOptions: string | RedisClientOptions = {}): Redis {
  if (typeof urlOrOptions === 'string') {
    const client = new Redis(urlOrOptions, { ...SAFE_REDIS_OPTIONS });
    listenForErrors(client, undefined);
    return client;
  }
  if (urlOrOptions === null || typeof urlOrOptions !== 'object') {
    throw invalidConfig('urlOrOptions', urlOrOptions, 'a redis:// or rediss:// URL, or ioredis options');
  }
  const { url, onError, ...options } = urlOrOptions;
  if (url !== undefined && (typeof url !== 'string' || !/^rediss?:\/\//.test(url))) {
    throw invalidConfig('url', url, 'a redis:// or rediss:// URL');
  }
  const handler = checkOnError(onError);
  const merged = { ...SAFE_REDIS_OPTIONS, ...options };
  const client = url === undefined ? new Redis(merged) : new Redis(url, merged);
  listenForErrors(client, handler);
  return client;
}

/**
 * Creates an ioredis Cluster client with the same rate-limiter settings as {@link createRedisClient}
 * on every node, no offline queue, no resend of a command whose node connection closed, and the
 * same `onError` handling. Every key of one check shares a hash tag, so a check is one EVALSHA on
 * one master.
 *
 * @example
 * import { createRedisCluster, redisStore } from '@rl/redis-tcp'
 *
 * const client = createRedisCluster([{ host: '10.0.0.1', port: 6379 }, { host: '10.0.0.2', port: 6379 }])
 * const store = redisStore({ client })
 */
export function createRedisCluster(nodes: ClusterNode[], options: RedisClusterOptions = {}): Cluster {
  if (!Array.isArray(nodes) || nodes.length === 0) {
    throw invalidConfig('nodes', nodes, 'at least one cluster node, such as [{ host: "127.0.0.1", port: 7000 }]');
  }
  const { onError, ...clusterOptions } = options ?? {};
  const handler = checkOnError(onError);
  const cluster = new Cluster(nodes, {
    ...SAFE_CLUSTER_OPTIONS,
    ...clusterOptions,
    redisOptions: { ...SAFE_CLUSTER_NODE_OPTIONS, ...clusterOptions.redisOptions },
  });
  listenForErrors(cluster, handler);
  return cluster;
}
