import { fixedWindow, type Store } from '@rl/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createScriptStore } from '../src/index.js';
import { asRedisLike } from './helpers/ioredis-client.js';
import { useRedis } from './helpers/redis-fixture.js';

describe('clock: the store clock is Redis TIME, the caller clock is ARGV', () => {
  const fixture = useRedis();
  let store: Store;
  beforeAll(() => {
    store = createScriptStore({ name: 'redis', client: asRedisLike(fixture.redis) });
  });
  const redisMs = async () => {
    const [sec, usec] = await fixture.redis.time();
    return Number(sec) * 1000 + Math.floor(Number(usec) / 1000);
  };
  const checks = [{ key: 'rl-clock:w:{a}', rule: fixedWindow({ limit: 5, window: 60_000 }) }];

  it('without now, every script answers the time read from Redis TIME inside it', async () => {
    for (const run of [() => store.consume({ checks, cost: 1 }), () => store.peek({ checks })]) {
      const before = await redisMs();
      const { now } = await run();
      const after = await redisMs();
      expect(now).toBeGreaterThanOrEqual(before);
      expect(now).toBeLessThanOrEqual(after);
    }
  });

  it('with now, the script uses it as given and answers it', async () => {
    const now = 86_400_000 * 20_000 + 7;
    expect((await store.consume({ checks, cost: 0, now })).now).toBe(now);
    expect((await store.peek({ checks, now })).now).toBe(now);
  });

  it('keys written on the store clock expire when the state stops mattering (no slack)', async () => {
    const rule = fixedWindow({ limit: 5, window: 3_600_000 });
    const key = 'rl-clock:hour:{b}';
    const { now, results } = await store.consume({ checks: [{ key, rule }], cost: 1 });
    const ttl = await fixture.redis.pttl(key);
    const resetAt = results[0]?.resetAt as number;
    // PEXPIRE was resetAt - now when the script ran; PTTL can only have counted down since.
    expect(ttl).toBeLessThanOrEqual(resetAt - now);
    expect(ttl).toBeGreaterThan(resetAt - now - 60_000);
  });

  it('keys written on a caller clock live skewToleranceMs longer', async () => {
    const skewed = createScriptStore({ name: 'redis', client: asRedisLike(fixture.redis), skewToleranceMs: 250_000 });
    const rule = fixedWindow({ limit: 5, window: 60_000 });
    const key = 'rl-clock:caller:{c}';
    const now = 86_400_000 * 20_000;
    await skewed.consume({ checks: [{ key, rule }], cost: 1, now });
    const ttl = await fixture.redis.pttl(key);
    // The window ends 60 s after now; the key lives 250 s more than that.
    expect(ttl).toBeLessThanOrEqual(310_000);
    expect(ttl).toBeGreaterThan(250_000);
  });
});
