import { concurrency, fixedWindow, type Store, slidingLog } from '@rl/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createScriptStore } from '../src/index.js';
import { commandCalls, SCRIPT_INNER_COMMANDS } from './helpers/command-stats.js';
import { asRedisLike } from './helpers/ioredis-client.js';
import { useRedis } from './helpers/redis-fixture.js';

describe('one command per call: EVALSHA, and EVAL only after NOSCRIPT', () => {
  const fixture = useRedis();
  let store: Store;
  beforeAll(() => {
    store = createScriptStore({ name: 'redis', client: asRedisLike(fixture.redis) });
  });
  const checks = [
    { key: 'rl-ns:a:{x}', rule: fixedWindow({ limit: 1000, window: 60_000, name: 'a' }) },
    { key: 'rl-ns:b:{x}', rule: slidingLog({ limit: 1000, window: 60_000, name: 'b' }) },
  ];
  const leases = [{ key: 'rl-ns:c:{x}', rule: concurrency({ limit: 1000, name: 'c' }) }];

  it('after warm-up, N operations send exactly N EVALSHA and nothing else', async () => {
    await store.consume({ checks, cost: 1 });
    await store.peek({ checks });
    await store.refund({ checks, cost: 1, consumedAt: 0 });
    await store.consume({ checks: leases, cost: 1, leaseId: 'warm-up' });
    await store.release({ checks: leases, leaseId: 'warm-up' });
    await fixture.redis.config('RESETSTAT');
    for (let i = 0; i < 20; i++) {
      await store.consume({ checks, cost: 1 });
      await store.peek({ checks });
      await store.refund({ checks, cost: 1, consumedAt: 0 });
      await store.consume({ checks: leases, cost: 1, leaseId: `l${i}` });
      await store.release({ checks: leases, leaseId: `l${i}` });
    }
    const stats = await commandCalls(fixture.redis);
    expect(stats.evalsha).toEqual({ calls: 100, failed: 0 });
    expect(stats.eval).toBeUndefined();
    const others = Object.keys(stats).filter(
      (name) =>
        name !== 'evalsha' && name !== 'config|resetstat' && name !== 'info' && !SCRIPT_INNER_COMMANDS.has(name),
    );
    expect(others).toEqual([]);
  });

  it('after SCRIPT FLUSH, the next call answers normally with one EVALSHA (NOSCRIPT) + one EVAL, then EVALSHA again', async () => {
    await store.consume({ checks, cost: 1 });
    await fixture.redis.script('FLUSH');
    await fixture.redis.config('RESETSTAT');
    const first = await store.consume({ checks, cost: 1 });
    expect(first.allowed).toBe(true);
    let stats = await commandCalls(fixture.redis);
    expect(stats.evalsha).toEqual({ calls: 1, failed: 1 });
    expect(stats.eval).toEqual({ calls: 1, failed: 0 });
    await store.consume({ checks, cost: 1 });
    stats = await commandCalls(fixture.redis);
    expect(stats.evalsha).toEqual({ calls: 2, failed: 1 });
    expect(stats.eval).toEqual({ calls: 1, failed: 0 });
  });
});
