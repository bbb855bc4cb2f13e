/**
 * The few Redis commands the stores need, in the shape of `@upstash/redis` (keys and arguments as
 * arrays). Adapt any client to it — ioredis, node-redis, iovalkey — in three lines:
 *
 * @example
 * const client: RedisLike = {
 *   evalsha: (sha1, keys, args) => ioredis.evalsha(sha1, keys.length, ...keys, ...args),
 *   eval: (script, keys, args) => ioredis.eval(script, keys.length, ...keys, ...args),
 *   del: (...keys) => ioredis.del(...keys),
 * }
 */
export interface RedisLike {
  /** `EVALSHA sha1 numkeys ...keys ...args`. Rejects with a message starting `NOSCRIPT` when the script is not cached. */
  evalsha(sha1: string, keys: string[], args: string[]): Promise<unknown>;
  /** `EVAL script numkeys ...keys ...args` (also caches the script for later EVALSHA). */
  eval(script: string, keys: string[], args: string[]): Promise<unknown>;
  /** `DEL ...keys` (all keys of one call share a hash tag). */
  del(...keys: string[]): Promise<unknown>;
}
