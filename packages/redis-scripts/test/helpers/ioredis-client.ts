/// <reference types="node" />
import type { Cluster, Redis } from 'ioredis';
import type { RedisLike } from '../../src/index.js';

/** The tests' ioredis → RedisLike adapter (the published one lives in @rl/redis-tcp). */
export function asRedisLike(redis: Redis | Cluster): RedisLike {
  return {
    evalsha: (sha1, keys, args) => redis.evalsha(sha1, keys.length, ...keys, ...args),
    eval: (script, keys, args) => redis.eval(script, keys.length, ...keys, ...args),
    del: (...keys) => redis.del(...keys),
  };
}
