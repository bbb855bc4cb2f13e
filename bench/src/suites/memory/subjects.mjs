import { createLimiter, fixedWindow } from '@rl/core';
import { memoryStore } from '@rl/memory';
import { MemoryStore as ErlMemoryStore } from 'express-rate-limit';
import { MemoryStore as HonoMemoryStore } from 'hono-rate-limiter';
import { RateLimiterMemory } from 'rate-limiter-flexible';

const WINDOW_MS = 60_000;

/**
 * Each subject: `hit(key)` resolves true when admitted, for a fixed window of `limit` per minute —
 * the same decision every library makes for one request.
 */
export const SUBJECTS = {
  rl(limit) {
    const limiter = createLimiter({
      store: memoryStore({ maxKeys: 2_000_000 }),
      rules: fixedWindow({ limit, window: WINDOW_MS }),
    });
    return { hit: (key) => limiter.limit(key).then((d) => d.allowed) };
  },
  'express-rate-limit'(limit) {
    const store = new ErlMemoryStore();
    store.init({ windowMs: WINDOW_MS });
    return {
      hit: (key) => store.increment(key).then((info) => info.totalHits <= limit),
      close: () => store.shutdown(),
    };
  },
  'hono-rate-limiter'(limit) {
    const store = new HonoMemoryStore();
    store.init({ windowMs: WINDOW_MS });
    return {
      hit: async (key) => (await store.increment(key)).totalHits <= limit,
      close: () => clearInterval(store.interval),
    };
  },
  'rate-limiter-flexible'(limit) {
    const limiter = new RateLimiterMemory({ points: limit, duration: WINDOW_MS / 1000 });
    return {
      hit: (key) =>
        limiter.consume(key).then(
          () => true,
          () => false,
        ),
    };
  },
};

export const PEERS = ['express-rate-limit', 'hono-rate-limiter', 'rate-limiter-flexible'];
