import { fixedWindow, type Store, slidingWindow } from '@rl/core';
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

  it('on the store clock, calls within the stored window count exactly and keep the expiry set at its first write', async () => {
    const rule = fixedWindow({ limit: 7, window: 3_600_000 });
    const key = 'rl-clock:keep:{d}';
    const first = await store.consume({ checks: [{ key, rule }], cost: 1 });
    const resetAt = first.results[0]?.resetAt as number;
    const windowStart = resetAt - 3_600_000;
    const allowed = [first.allowed];
    for (let i = 0; i < 11; i++) allowed.push((await store.consume({ checks: [{ key, rule }], cost: 1 })).allowed);
    expect(allowed.filter(Boolean)).toHaveLength(7);
    expect(await fixture.redis.get(key)).toBe(`f${windowStart} 7`);
    // Rewritten six times since, never with a new PX: the expiry is still resetAt.
    const ttl = await fixture.redis.pttl(key);
    const now = await redisMs();
    expect(ttl).toBeLessThanOrEqual(resetAt - now + 1);
    expect(ttl).toBeGreaterThan(resetAt - now - 60_000);
    const peek = await store.peek({ checks: [{ key, rule }] });
    expect(peek.results[0]?.remaining).toBe(0);
    // The expiry really is kept, not recomputed: one stretched by hand survives the next admitted write.
    const other = 'rl-clock:keep:{d2}';
    await store.consume({ checks: [{ key: other, rule }], cost: 1 });
    await fixture.redis.pexpire(other, 7_200_000);
    await store.consume({ checks: [{ key: other, rule }], cost: 1 });
    expect(await fixture.redis.pttl(other)).toBeGreaterThan(3_600_000);
  });

  it('sliding window on the store clock: exact counts, and the expiry of a state with a count is kept', async () => {
    const rule = slidingWindow({ limit: 4, window: 3_600_000 });
    const key = 'rl-clock:sw:{f}';
    const allowed: boolean[] = [];
    for (let i = 0; i < 9; i++) allowed.push((await store.consume({ checks: [{ key, rule }], cost: 1 })).allowed);
    expect(allowed.filter(Boolean)).toHaveLength(4);
    expect(await fixture.redis.get(key)).toMatch(/^s\d+ 4 0$/);
    const other = 'rl-clock:sw:{g}';
    await store.consume({ checks: [{ key: other, rule }], cost: 1 });
    await fixture.redis.pexpire(other, 9_000_000);
    await store.consume({ checks: [{ key: other, rule }], cost: 1 });
    // Kept (KEEPTTL): a recomputed expiry would be at most two hours.
    expect(await fixture.redis.pttl(other)).toBeGreaterThan(7_200_000);
    expect(await fixture.redis.get(other)).toMatch(/^s\d+ 2 0$/);
  });

  it('sliding window: a state with no count in its window gets a new expiry when one is added', async () => {
    const rule = slidingWindow({ limit: 4, window: 3_600_000 });
    const key = 'rl-clock:sw:{h}';
    const now = await redisMs();
    const start = now - (now % 3_600_000);
    // Only the previous window counted: the state expires at start + window; a count makes it start + 2 windows.
    await fixture.redis.set(key, `s${start} 0 3`, 'PX', 60_000);
    const { results } = await store.consume({ checks: [{ key, rule }], cost: 1 });
    expect(results[0]?.allowed).toBe(true);
    expect(await fixture.redis.get(key)).toBe(`s${start} 1 3`);
    expect(await fixture.redis.pttl(key)).toBeGreaterThan(3_600_000);
  });

  it('a key that somehow lost its expiry gets one again at the next window (KEEPTTL only within a window)', async () => {
    const rule = fixedWindow({ limit: 7, window: 60_000 });
    const key = 'rl-clock:stale:{e}';
    // A state of a window long gone, stored without expiry: read as absent, replaced with PX.
    await fixture.redis.set(key, 'f60000 3');
    const { results } = await store.consume({ checks: [{ key, rule }], cost: 1 });
    expect(results[0]?.remaining).toBe(6);
    expect(await fixture.redis.pttl(key)).toBeGreaterThan(0);
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
