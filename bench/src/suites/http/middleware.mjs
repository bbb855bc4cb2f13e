import { memoryStore } from '@rl/memory';
import { createRedisClient, redisStore } from '@rl/redis-tcp';
import { MemoryStore as HonoMemoryStore, RedisStore as HonoRedisStore } from 'hono-rate-limiter';
import Redis from 'ioredis';
import RateLimitRedisStore from 'rate-limit-redis';
import { RateLimiterMemory, RateLimiterRedis } from 'rate-limiter-flexible';

/** Every limiter admits everything the load generator sends: the measure is the cost of deciding. */
export const LIMIT = 1_000_000_000;
export const WINDOW_MS = 60_000;

/** Our store: `@rl/memory`, or `@rl/redis-tcp` on the client its README recommends. */
export function ourStore(store, url) {
  return store === 'redis' ? redisStore({ client: createRedisClient(url) }) : memoryStore();
}

/** express-rate-limit's store: its MemoryStore (the default), or rate-limit-redis on ioredis. */
export function expressRateLimitStore(store, url) {
  if (store !== 'redis') return undefined;
  const client = new Redis(url);
  return new RateLimitRedisStore({ sendCommand: (...args) => client.call(...args), prefix: 'erl:' });
}

/** hono-rate-limiter's store: its MemoryStore, or its RedisStore on ioredis (through the narrow client it asks for). */
export function honoRateLimiterStore(store, url) {
  if (store !== 'redis') return new HonoMemoryStore();
  const redis = new Redis(url);
  const client = {
    scriptLoad: (script) => redis.script('LOAD', script),
    evalsha: (sha, keys, args) => redis.evalsha(sha, keys.length, ...keys, ...args),
    decr: (key) => redis.decr(key),
    del: (key) => redis.del(key),
  };
  return new HonoRedisStore({ client, prefix: 'hrl:' });
}

/**
 * rate-limiter-flexible as its documentation shows it in a middleware: `consume(ip)`, 429 on a
 * rejection (no headers). Resolves true when the request may go on.
 */
export function flexibleConsumer(store, url) {
  const options = { points: LIMIT, duration: WINDOW_MS / 1000 };
  const limiter =
    store === 'redis'
      ? new RateLimiterRedis({ ...options, storeClient: new Redis(url) })
      : new RateLimiterMemory(options);
  return (key) =>
    limiter.consume(key).then(
      () => true,
      (reason) => {
        if (reason instanceof Error) throw reason;
        return false;
      },
    );
}
