import { fixedWindow, isRateLimitError, type RateLimitError } from '@rl/core';
import { type RedisServer, startRedis } from '@rl-internal/test-redis';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classifyRedisError, createScriptStore } from '../src/index.js';
import { asRedisLike } from './helpers/ioredis-client.js';

// Redis over maxmemory with noeviction refuses writes with "OOM command not allowed ..."; inside a
// script the reply ends with "script: <sha>, on @user_script:<line>." — an operational failure, not
// a bug in the script.

let server: RedisServer;
let redis: Redis;
beforeAll(async () => {
  server = await startRedis({ args: ['--maxmemory-policy', 'noeviction'] });
  redis = new Redis(server.url, { commandTimeout: 10_000, maxRetriesPerRequest: 0 });
});
afterAll(async () => {
  redis?.disconnect();
  await server?.stop();
});

/** Stores ~1.3 MB, then lowers maxmemory below it: with noeviction, every write is refused. */
async function fillUp(): Promise<void> {
  const value = 'x'.repeat(64 * 1024);
  for (let i = 0; i < 20; i++) await redis.set(`filler:${i}`, value);
  await redis.config('SET', 'maxmemory', '1mb');
}

const rule = fixedWindow({ limit: 10, window: 60_000 });
const checks = [{ key: 'rl-oom:w:{a}', rule }];
const fresh = [{ key: 'rl-oom:w:{b}', rule }];

describe('Redis out of memory', () => {
  it('is RL_STORE_UNAVAILABLE (never a script error), with the fix in the message; peek still answers', async () => {
    const store = createScriptStore({ name: 'redis', client: asRedisLike(redis) });
    expect((await store.consume({ checks, cost: 1 })).allowed).toBe(true);
    await fillUp();

    const plain = await redis.set('probe', '1').catch((e: unknown) => e as Error);
    expect(String((plain as Error).message)).toMatch(/^OOM command not allowed when used memory > 'maxmemory'/);
    expect(classifyRedisError(plain)).toBe('RL_STORE_UNAVAILABLE');

    const error = (await store.consume({ checks: fresh, cost: 1 }).catch((e: unknown) => e)) as RateLimitError;
    expect(isRateLimitError(error, 'RL_STORE_UNAVAILABLE')).toBe(true);
    expect((error.cause as Error).message).toMatch(/^OOM command not allowed .*@user_script:\d+/);
    expect(error.message).toMatch(/maxmemory-policy to volatile-ttl or volatile-lru/);
    expect(error.message).toMatch(/raise maxmemory/);

    // The peek script only reads, and Redis lets it run.
    expect((await store.peek({ checks })).results[0]?.remaining).toBe(9);

    await redis.config('SET', 'maxmemory', '0');
    expect((await store.consume({ checks, cost: 1 })).allowed).toBe(true);
  });
});
