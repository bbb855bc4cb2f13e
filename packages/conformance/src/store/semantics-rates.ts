import { gcra, tokenBucket } from '@rl/core';
import { describe, expect, it } from 'vitest';
import { ALIGNED_EPOCH as T0 } from '../virtual-clock.js';
import type { Harness } from './harness.js';

/** Exact semantics of the token bucket and GCRA, on virtual time. */
export function rateSemantics(setup: () => Promise<Harness>): void {
  describe('token bucket', () => {
    it('spends the burst, then refills refillRate tokens per interval', async () => {
      const h = await setup();
      const limiter = h.limiter(tokenBucket({ limit: 5, refillRate: 1, interval: 1000 }));
      expect(await limiter.limit('a', { cost: 5 })).toMatchObject({ allowed: true, remaining: 0, resetAt: T0 + 5000 });
      expect(await limiter.limit('a')).toMatchObject({ allowed: false, remaining: 0, retryAfterMs: 1000 });
      expect(await limiter.limit('a', { cost: 3 })).toMatchObject({ allowed: false, retryAfterMs: 3000 });
      h.clock.advance(999);
      expect(await limiter.limit('a')).toMatchObject({ allowed: false, retryAfterMs: 1 });
      h.clock.advance(1);
      expect(await limiter.limit('a')).toMatchObject({ allowed: true, remaining: 0 });
      h.clock.advance(10_000);
      expect(await limiter.limit('a')).toMatchObject({ allowed: true, remaining: 4 });
    });

    it('a refill never exceeds the capacity and a full bucket restarts its refill grid', async () => {
      const h = await setup();
      const limiter = h.limiter(tokenBucket({ limit: 2, refillRate: 2, interval: 1000 }));
      await limiter.limit('a', { cost: 2 });
      h.clock.advance(5500);
      expect(await limiter.limit('a')).toMatchObject({ allowed: true, remaining: 1 });
      expect(await limiter.limit('a', { cost: 2 })).toMatchObject({ allowed: false, retryAfterMs: 1000 });
    });
  });

  describe('gcra', () => {
    it('admits a burst of limit, then one call per window/limit', async () => {
      const h = await setup();
      const limiter = h.limiter(gcra({ limit: 10, window: 1000 }));
      for (let i = 9; i >= 0; i--) expect(await limiter.limit('a')).toMatchObject({ allowed: true, remaining: i });
      expect(await limiter.limit('a')).toMatchObject({
        allowed: false,
        remaining: 0,
        retryAfterMs: 100,
        resetAt: T0 + 1000,
      });
      h.clock.advance(100);
      expect(await limiter.limit('a')).toMatchObject({ allowed: true, remaining: 0 });
      h.clock.advance(350);
      expect(await limiter.limit('a')).toMatchObject({ allowed: true, remaining: 2 });
    });

    it('keeps exact fractional emission intervals (7 per 1 s)', async () => {
      const h = await setup();
      const limiter = h.limiter(gcra({ limit: 7, window: 1000 }));
      await limiter.limit('a', { cost: 7 });
      let admitted = 0;
      for (let t = 0; t < 1000; t++) {
        h.clock.advance(1);
        if ((await limiter.limit('a')).allowed) admitted++;
      }
      expect(admitted).toBe(7);
    });

    it('a cost above what remains consumes nothing', async () => {
      const h = await setup();
      const limiter = h.limiter(gcra({ limit: 4, window: 1000 }));
      await limiter.limit('a', { cost: 3 });
      expect(await limiter.limit('a', { cost: 2 })).toMatchObject({ allowed: false, remaining: 1, retryAfterMs: 250 });
      expect(await limiter.limit('a', { cost: 1 })).toMatchObject({ allowed: true, remaining: 0 });
    });
  });
}
