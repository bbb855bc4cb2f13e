import { fixedWindow, slidingLog, slidingWindow } from '@rl/core';
import { describe, expect, it } from 'vitest';
import { ALIGNED_EPOCH as T0 } from '../virtual-clock.js';
import type { Harness } from './harness.js';

/** Exact semantics of the three window algorithms, on virtual time. */
export function windowSemantics(setup: () => Promise<Harness>): void {
  describe('fixed window', () => {
    it('admits exactly the limit per aligned window, then reports the wait to the edge', async () => {
      const { limiter: make, clock } = await setup();
      const limiter = make(fixedWindow({ limit: 3, window: 1000 }));
      const remaining = [];
      for (let i = 0; i < 3; i++) remaining.push((await limiter.limit('a')).remaining);
      expect(remaining).toEqual([2, 1, 0]);
      expect(await limiter.limit('a')).toMatchObject({
        allowed: false,
        reason: 'limit',
        remaining: 0,
        retryAfterMs: 1000,
        resetAt: T0 + 1000,
        limit: 3,
      });
      clock.advance(999);
      expect(await limiter.limit('a')).toMatchObject({ allowed: false, retryAfterMs: 1 });
      clock.advance(1);
      expect(await limiter.limit('a')).toMatchObject({
        allowed: true,
        remaining: 2,
        retryAfterMs: 0,
        resetAt: T0 + 2000,
      });
    });

    it('limit 1', async () => {
      const h = await setup();
      const limiter = h.limiter(fixedWindow({ limit: 1, window: 500 }));
      expect((await limiter.limit('a')).allowed).toBe(true);
      expect((await limiter.limit('a')).allowed).toBe(false);
      h.clock.advance(500);
      expect((await limiter.limit('a')).allowed).toBe(true);
    });

    it('a cost above what remains is denied and consumes nothing; cost 0 only reports', async () => {
      const h = await setup();
      const limiter = h.limiter(fixedWindow({ limit: 5, window: 1000 }));
      expect(await limiter.limit('a', { cost: 4 })).toMatchObject({ allowed: true, remaining: 1 });
      expect(await limiter.limit('a', { cost: 2 })).toMatchObject({ allowed: false, remaining: 1, retryAfterMs: 1000 });
      expect(await limiter.limit('a', { cost: 0 })).toMatchObject({ allowed: true, remaining: 1 });
      expect(await limiter.limit('a', { cost: 1 })).toMatchObject({ allowed: true, remaining: 0 });
      expect(await limiter.limit('a', { cost: 0 })).toMatchObject({ allowed: true, remaining: 0 });
    });

    it('a cost above the limit is always denied and never charged', async () => {
      const h = await setup();
      const limiter = h.limiter(fixedWindow({ limit: 5, window: 1000 }));
      const denied = await limiter.limit('a', { cost: 6 });
      expect(denied).toMatchObject({ allowed: false, remaining: 5 });
      expect(denied.retryAfterMs).toBeGreaterThanOrEqual(1);
      expect(await limiter.limit('a', { cost: 5 })).toMatchObject({ allowed: true, remaining: 0 });
    });
  });

  describe('sliding window', () => {
    it('weights the previous window by its remaining overlap', async () => {
      const h = await setup();
      const limiter = h.limiter(slidingWindow({ limit: 10, window: 1000 }));
      expect(await limiter.limit('a', { cost: 10 })).toMatchObject({ allowed: true, remaining: 0, resetAt: T0 + 2000 });
      h.clock.advance(1000);
      // previous = 10 at full weight: wait until 10% of it has slid out.
      expect(await limiter.limit('a')).toMatchObject({ allowed: false, remaining: 0, retryAfterMs: 100 });
      h.clock.advance(100);
      expect(await limiter.limit('a')).toMatchObject({ allowed: true, remaining: 0 });
      h.clock.advance(400);
      // 10 × 0.5 + 1 = 6 used → 4 left, 3 after this call.
      expect(await limiter.limit('a')).toMatchObject({ allowed: true, remaining: 3 });
    });

    it('when the current window alone is full, waits into the next window', async () => {
      const h = await setup();
      const limiter = h.limiter(slidingWindow({ limit: 4, window: 1000 }));
      h.clock.advance(200);
      await limiter.limit('a', { cost: 4 });
      // Next window starts in 800 ms; there 4 × (1000 − e)/1000 + 1 ≤ 4 needs e ≥ 250.
      expect(await limiter.limit('a')).toMatchObject({ allowed: false, retryAfterMs: 1050 });
      h.clock.advance(1050);
      expect((await limiter.limit('a')).allowed).toBe(true);
    });

    it('denied calls consume nothing', async () => {
      const h = await setup();
      const limiter = h.limiter(slidingWindow({ limit: 3, window: 1000 }));
      await limiter.limit('a', { cost: 2 });
      for (let i = 0; i < 5; i++) expect((await limiter.limit('a', { cost: 2 })).allowed).toBe(false);
      expect(await limiter.limit('a')).toMatchObject({ allowed: true, remaining: 0 });
    });
  });

  describe('sliding log', () => {
    it('is exact: each call frees its unit one window after it was admitted', async () => {
      const h = await setup();
      const limiter = h.limiter(slidingLog({ limit: 3, window: 1000 }));
      await limiter.limit('a');
      h.clock.advance(100);
      await limiter.limit('a');
      h.clock.advance(100);
      expect(await limiter.limit('a')).toMatchObject({ allowed: true, remaining: 0, resetAt: T0 + 1200 });
      h.clock.advance(300);
      expect(await limiter.limit('a')).toMatchObject({ allowed: false, retryAfterMs: 500, resetAt: T0 + 1200 });
      h.clock.advance(500);
      expect(await limiter.limit('a')).toMatchObject({ allowed: true, remaining: 0 });
      expect(await limiter.limit('a', { cost: 2 })).toMatchObject({ allowed: false, retryAfterMs: 200 });
    });

    it('counts costs, not calls', async () => {
      const h = await setup();
      const limiter = h.limiter(slidingLog({ limit: 5, window: 1000 }));
      expect(await limiter.limit('a', { cost: 3 })).toMatchObject({ allowed: true, remaining: 2 });
      expect(await limiter.limit('a', { cost: 3 })).toMatchObject({ allowed: false, remaining: 2, retryAfterMs: 1000 });
      expect(await limiter.limit('a', { cost: 2 })).toMatchObject({ allowed: true, remaining: 0 });
    });
  });
}
