/** What both entries (Node `.` and `./edge`) export besides their two factories. */
export type { LimiterFromEnvOptions } from './create-limiter.js';
export type { AutoStore, AutoStoreOptions } from './create-store.js';
export { defaultEnv, type EnvSource } from './env/env-source.js';
export { maskUrl } from './env/read-values.js';
export { type AutoLogger, consoleLogger, describePolicy } from './logger.js';
export { type RedisClientOptions, redisClientOptions } from './select/redis-client-options.js';
export {
  describeConnection,
  describeSelection,
  memoryWarning,
  SHARED_STORE_VARIABLES,
  selectBackend,
} from './select/select-backend.js';
export * from './select/types.js';
