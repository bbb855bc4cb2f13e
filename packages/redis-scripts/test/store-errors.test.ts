import { fixedWindow, isRateLimitError, RateLimitError, type Store } from '@rl/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { classifyRedisError, createScriptStore, decodeDecision, type RedisLike } from '../src/index.js';
import { asRedisLike } from './helpers/ioredis-client.js';
import { useRedis } from './helpers/redis-fixture.js';

const rule = fixedWindow({ limit: 2, window: 60_000 });
const checks = [{ key: 'rl-err:w:{a}', rule }];

async function rejection(promise: Promise<unknown>): Promise<RateLimitError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof RateLimitError)) throw new Error(`expected a RateLimitError, got ${String(error)}`);
  return error;
}

describe('errors', () => {
  const fixture = useRedis();
  let client: RedisLike;
  let store: Store;
  beforeAll(() => {
    client = asRedisLike(fixture.redis);
    store = createScriptStore({ name: 'redis', client });
  });

  it('classifies client errors: timeouts, script errors, cross-slot keys, everything else unavailable', () => {
    const aborted = Object.assign(new Error('This operation was aborted'), { name: 'AbortError' });
    expect(classifyRedisError(new Error('Command timed out'))).toBe('RL_STORE_TIMEOUT');
    expect(classifyRedisError(aborted)).toBe('RL_STORE_TIMEOUT');
    expect(classifyRedisError(new Error('ERR user_script:12: attempt to compare nil with number'))).toBe(
      'RL_SCRIPT_ERROR',
    );
    expect(classifyRedisError(new Error('ERR rl script: unknown algorithm code 9'))).toBe('RL_SCRIPT_ERROR');
    expect(classifyRedisError(new Error("CROSSSLOT Keys in request don't hash to the same slot"))).toBe(
      'RL_INVALID_ARGUMENT',
    );
    expect(classifyRedisError(new Error('BUSY Redis is busy running a script.'))).toBe('RL_STORE_UNAVAILABLE');
    expect(classifyRedisError(new Error('Connection is closed.'))).toBe('RL_STORE_UNAVAILABLE');
    expect(classifyRedisError(new Error('NOPERM this user has no permissions'))).toBe('RL_STORE_UNAVAILABLE');
    expect(classifyRedisError(new Error('LOADING Redis is loading the dataset in memory'))).toBe(
      'RL_STORE_UNAVAILABLE',
    );
    // Captured from redis-server 7.0 (maxmemory reached, noeviction): a write refused inside a script
    // names the script, yet it is an operational failure, not a script error.
    const oomInScript =
      "OOM command not allowed when used memory > 'maxmemory'. script: 7bde4bd468bc3cda10c087ad5f4dfea42d1b4c04, on @user_script:1.";
    expect(classifyRedisError(new Error(oomInScript))).toBe('RL_STORE_UNAVAILABLE');
    expect(classifyRedisError(new Error("OOM command not allowed when used memory > 'maxmemory'."))).toBe(
      'RL_STORE_UNAVAILABLE',
    );
  });

  it('an error raised by the Lua code on the server is RL_SCRIPT_ERROR with the reply as cause', async () => {
    const extraArg: RedisLike = {
      ...client,
      evalsha: (sha, keys, args) => client.evalsha(sha, keys, [...args, 'x']),
      eval: (script, keys, args) => client.eval(script, keys, [...args, 'x']),
    };
    const broken = createScriptStore({ name: 'redis', client: extraArg });
    const error = await rejection(broken.consume({ checks, cost: 1 }));
    expect(error.code).toBe('RL_SCRIPT_ERROR');
    expect(error.message).toContain('rl script: expected');
    expect(error.cause).toBeInstanceOf(Error);
  });

  it('a reply of the wrong shape is RL_SCRIPT_ERROR, never a decision', () => {
    for (const reply of [null, 'OK', [1], [1, 1, 1, 2, 3], [1, 1, 1, 2, 3, 'x'], [1.5, 1, 1, 2, 3, 4]]) {
      expect(() => decodeDecision(reply, 1)).toThrow(expect.objectContaining({ code: 'RL_SCRIPT_ERROR' }));
    }
    expect(decodeDecision(['5', '0', '0', '2', '9', '4'], 1)).toEqual({
      allowed: false,
      now: 5,
      results: [{ allowed: false, remaining: 2, resetAt: 9, retryAfterMs: 4 }],
    });
  });

  it('a custom classifier wins over the built-in rules', async () => {
    const failing: RedisLike = { ...client, evalsha: () => Promise.reject(new Error('socket hang up')) };
    const custom = createScriptStore({ name: 'redis', client: failing, classifyError: () => 'RL_STORE_TIMEOUT' });
    expect((await rejection(custom.consume({ checks, cost: 1 }))).code).toBe('RL_STORE_TIMEOUT');
  });

  it('bad arguments are RL_INVALID_ARGUMENT naming the argument', async () => {
    expect(await rejection(store.consume({ checks, cost: -1 }))).toMatchObject({ code: 'RL_INVALID_ARGUMENT' });
    expect((await rejection(store.consume({ checks, cost: 1, now: 1.5 }))).message).toContain('"now"');
    expect((await rejection(store.refund({ checks, cost: 1, consumedAt: Number.NaN }))).message).toContain(
      'consumedAt',
    );
  });

  it('bad options fail at construction with the option name', () => {
    expect(() => createScriptStore({ name: 'redis', client: {} as RedisLike })).toThrow(/"client"/);
    expect(() => createScriptStore({ name: '', client })).toThrow(/"name"/);
    expect(() => createScriptStore({ name: 'redis', client, skewToleranceMs: -1 })).toThrow(/"skewToleranceMs"/);
  });

  it('after close, calls reject with RL_CLOSED and onClose ran once', async () => {
    let closes = 0;
    const closing = createScriptStore({ name: 'redis', client, onClose: () => closes++ });
    await closing.close();
    await closing.close();
    expect(closes).toBe(1);
    const error = await rejection(closing.consume({ checks, cost: 1 }));
    expect(isRateLimitError(error, 'RL_CLOSED')).toBe(true);
  });

  it('reset deletes every key given, one DEL per hash tag', async () => {
    const keys = ['rl-err:a:{u1}', 'rl-err:b:{u1}', 'rl-err:a:{u2}'];
    for (const key of keys) await store.consume({ checks: [{ key, rule }], cost: 1 });
    expect(await fixture.redis.exists(...keys)).toBe(3);
    await store.reset(keys);
    expect(await fixture.redis.exists(...keys)).toBe(0);
    await store.reset([]);
  });

  it('calls with no concurrency rule release nothing; refunds with no checks send nothing', async () => {
    expect(await store.release({ checks, leaseId: 'x' })).toBe(false);
    await store.refund({ checks: [], cost: 1, consumedAt: 0 });
  });
});
