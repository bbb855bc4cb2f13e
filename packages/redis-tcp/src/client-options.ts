import type { ClusterOptions, RedisOptions } from 'ioredis';

/** Reconnect after 100 ms, 200 ms, ... never waiting more than 1 s, and never giving up. */
export function cappedBackoff(times: number): number {
  return Math.min(times * 100, 1000);
}

/**
 * The ioredis settings `createRedisClient` starts from (each can be overridden). A rate limiter
 * sits in the request path, so a slow or dead Redis must answer fast, and a check must never be
 * counted twice. See the README for each setting.
 */
export const SAFE_REDIS_OPTIONS: Readonly<RedisOptions> = Object.freeze({
  /** A frozen Redis must not hang requests: a call with no reply after 500 ms rejects ("Command timed out"). */
  commandTimeout: 500,
  /** A connect attempt that gets no answer (dropped SYNs, frozen server) is abandoned after 2 s and retried. */
  connectTimeout: 2000,
  /** While pending commands get no byte for 2 s, the socket is treated as dead and replaced. */
  socketTimeout: 2000,
  /** While disconnected, calls fail at once instead of queueing until Redis is back. */
  enableOfflineQueue: false,
  /** Commands in flight when the connection drops are rejected at once, not kept for a reconnect... */
  maxRetriesPerRequest: 0,
  /** ...and never resent after it: their script may already have run, and resending would count twice. */
  autoResendUnfulfilledCommands: false,
  /** Reconnect forever with a backoff capped at 1 s. */
  retryStrategy: cappedBackoff,
  /** Sentinel: give up on a sentinel that does not answer within 500 ms and try the next. */
  sentinelCommandTimeout: 500,
  /** Sentinel: retry resolving the master with a backoff capped at 1 s. */
  sentinelRetryStrategy: cappedBackoff,
});

/** Per-node settings inside a Cluster client (the subset of SAFE_REDIS_OPTIONS ioredis accepts there). */
export const SAFE_CLUSTER_NODE_OPTIONS: Readonly<NonNullable<ClusterOptions['redisOptions']>> = Object.freeze({
  commandTimeout: 500,
  connectTimeout: 2000,
  socketTimeout: 2000,
  maxRetriesPerRequest: 0,
  autoResendUnfulfilledCommands: false,
});

/** The ioredis Cluster settings `createRedisCluster` starts from. */
export const SAFE_CLUSTER_OPTIONS: Readonly<ClusterOptions> = Object.freeze({
  enableOfflineQueue: false,
  /**
   * 0 turns off ioredis's resend of a command whose node connection closed ("Connection is closed."):
   * the script may have run before the close, so a resend could count twice. MOVED, ASK, TRYAGAIN
   * and CLUSTERDOWN are still retried: those replies mean the script did not run.
   */
  retryDelayOnFailover: 0,
  clusterRetryStrategy: cappedBackoff,
  /** Always masters: a replica may lag behind and under-count. */
  scaleReads: 'master',
});
