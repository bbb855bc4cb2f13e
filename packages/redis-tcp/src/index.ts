export {
  cappedBackoff,
  SAFE_CLUSTER_NODE_OPTIONS,
  SAFE_CLUSTER_OPTIONS,
  SAFE_REDIS_OPTIONS,
} from './client-options.js';
export {
  createRedisClient,
  createRedisCluster,
  type RedisClientOptions,
  type RedisClusterOptions,
} from './create-client.js';
export { ERROR_WARNING_INTERVAL_MS, type RedisErrorHandler } from './error-listener.js';
export { type RedisStoreOptions, redisStore } from './redis-store.js';
