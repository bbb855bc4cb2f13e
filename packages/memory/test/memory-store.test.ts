import { createLimiter, fixedWindow, tokenBucket } from '@rl/core';
import { describe, expect, it, vi } from 'vitest';
import { memoryStore } from '../src/index.js';

describe('memoryStore', () => {
  it('rejects bad options naming them', () => {
    expect(() => memoryStore({ maxKeys: 0 })).toThrow(/"maxKeys": got 0/);
    expect(() => memoryStore({ maxKeys: 1.5 })).toThrow(/"maxKeys"/);
    expect(() => memoryStore({ sweepBatch: -1 })).toThrow(/"sweepBatch"/);
    expect(() => memoryStore({ now: 5 as never })).toThrow(/"now"/);
  });

  it('never holds more than maxKeys, evicting expired keys before live ones', async () => {
    let now = 1_000_000;
    const evicted: number[] = [];
    const store = memoryStore({ maxKeys: 100, now: () => now, onEvict: (n) => evicted.push(n) });
    const shortLived = createLimiter({
      store,
      rules: fixedWindow({ limit: 5, window: 1000, name: 's' }),
      now: () => now,
    });
    const longLived = createLimiter({
      store,
      rules: fixedWindow({ limit: 5, window: 60_000, name: 'l' }),
      now: () => now,
    });
    for (let i = 0; i < 50; i++) await longLived.limit(`live${i}`);
    for (let i = 0; i < 50; i++) await shortLived.limit(`gone${i}`);
    expect(store.size).toBe(100);
    now += 1000;
    for (let i = 0; i < 50; i++) await shortLived.limit(`new${i}`);
    expect(store.size).toBeLessThanOrEqual(100);
    expect(evicted.reduce((a, b) => a + b, 0)).toBe(0);
    for (let i = 0; i < 50; i++) expect((await longLived.peek(`live${i}`)).remaining).toBe(4);
  });

  it('evicts the least recently used live key when full (CLOCK approximation)', async () => {
    const store = memoryStore({ maxKeys: 10, sweepBatch: 0 });
    const limiter = createLimiter({ store, rules: fixedWindow({ limit: 5, window: 60_000 }) });
    for (let i = 0; i < 10; i++) await limiter.limit(`k${i}`);
    await limiter.limit('k0'); // k0 is used again: it gets a second chance
    await limiter.limit('k10');
    expect(store.size).toBe(10);
    expect((await limiter.peek('k0')).remaining).toBe(3);
    expect((await limiter.peek('k1')).remaining).toBe(5); // evicted: a fresh quota
  });

  it('stays bounded under a flood of unique keys', async () => {
    const store = memoryStore({ maxKeys: 1000 });
    const limiter = createLimiter({ store, rules: tokenBucket({ limit: 5, interval: '1m' }) });
    for (let i = 0; i < 20_000; i++) await limiter.limit(`flood${i}`);
    expect(store.size).toBeLessThanOrEqual(1000);
  });

  it('sweeps expired keys incrementally as new keys arrive, even when the old ones are never read again', async () => {
    let now = 5_000_000;
    const store = memoryStore({ now: () => now });
    const limiter = createLimiter({ store, rules: fixedWindow({ limit: 5, window: 1000 }), now: () => now });
    for (let i = 0; i < 500; i++) await limiter.limit(`old${i}`);
    now += 5000;
    for (let i = 0; i < 200; i++) await limiter.limit(`new${i}`);
    // 200 inserts examined 800 keys: every expired one is gone, only the new keys are left.
    expect(store.size).toBe(200);
  });

  it('costs hot keys no sweeping: a stable set of keys never shrinks or grows the index', async () => {
    let now = 5_000_000;
    const store = memoryStore({ now: () => now });
    const limiter = createLimiter({ store, rules: fixedWindow({ limit: 1000, window: 1000 }), now: () => now });
    for (let i = 0; i < 50; i++) await limiter.limit(`k${i}`);
    now += 500;
    for (let i = 0; i < 500; i++) await limiter.limit(`k${i % 50}`);
    expect(store.size).toBe(50);
  });

  it('creates no timers', async () => {
    const spy = vi.spyOn(globalThis, 'setTimeout');
    const interval = vi.spyOn(globalThis, 'setInterval');
    const store = memoryStore();
    const limiter = createLimiter({ store, rules: fixedWindow({ limit: 5, window: 1000 }) });
    for (let i = 0; i < 100; i++) await limiter.limit(`t${i}`);
    expect(spy).not.toHaveBeenCalled();
    expect(interval).not.toHaveBeenCalled();
    spy.mockRestore();
    interval.mockRestore();
  });

  it('uses its own clock with clock: "store"', async () => {
    const store = memoryStore({ now: () => 42_000 });
    const limiter = createLimiter({ store, rules: fixedWindow({ limit: 1, window: 1000 }), clock: 'store' });
    expect((await limiter.limit('a')).now).toBe(42_000);
  });

  it('rejects every call after close with RL_CLOSED', async () => {
    const store = memoryStore();
    const limiter = createLimiter({ store, rules: fixedWindow({ limit: 1, window: 1000 }) });
    await store.close();
    await expect(limiter.limit('a')).rejects.toMatchObject({ code: 'RL_CLOSED' });
    await expect(limiter.peek('a')).rejects.toMatchObject({ code: 'RL_CLOSED' });
    await expect(limiter.reset('a')).rejects.toMatchObject({ code: 'RL_CLOSED' });
  });
});
