import { fixedWindow, gcra, slidingLog, tokenBucket } from '@rl/core';
import { describe, expect, it } from 'vitest';
import type { Harness } from './harness.js';

/** Several rules for one identifier are charged all together or not at all. */
export function multiRule(setup: () => Promise<Harness>): void {
  describe('multi-rule', () => {
    it('a denial by one rule charges none of the others', async () => {
      const h = await setup();
      const limiter = h.limiter([
        fixedWindow({ limit: 5, window: 1000, name: 'burst' }),
        fixedWindow({ limit: 3, window: 60_000, name: 'daily' }),
      ]);
      for (let i = 0; i < 3; i++) expect((await limiter.limit('a')).allowed).toBe(true);
      const denied = await limiter.limit('a');
      expect(denied).toMatchObject({ allowed: false, rule: 'daily', remaining: 0 });
      expect(denied.rules.map((r) => [r.name, r.allowed, r.remaining])).toEqual([
        ['burst', true, 2],
        ['daily', false, 0],
      ]);
      const peek = await limiter.peek('a');
      expect(peek.rules.find((r) => r.name === 'burst')?.remaining).toBe(2);
    });

    it('the same holds across algorithms and with costs', async () => {
      const h = await setup();
      const limiter = h.limiter([
        tokenBucket({ limit: 10, refillRate: 1, interval: 1000, name: 'tb' }),
        slidingLog({ limit: 6, window: 1000, name: 'log' }),
        gcra({ limit: 20, window: 1000, name: 'g' }),
      ]);
      expect((await limiter.limit('a', { cost: 4 })).allowed).toBe(true);
      const denied = await limiter.limit('a', { cost: 3 });
      expect(denied).toMatchObject({ allowed: false, rule: 'log', remaining: 2 });
      const after = await limiter.peek('a');
      expect(after.rules.map((r) => r.remaining)).toEqual([6, 2, 16]);
    });

    it('when admitted, the rule with the least left decides', async () => {
      const h = await setup();
      const limiter = h.limiter([
        fixedWindow({ limit: 100, window: 1000, name: 'wide' }),
        fixedWindow({ limit: 2, window: 1000, name: 'narrow' }),
      ]);
      expect(await limiter.limit('a')).toMatchObject({ allowed: true, rule: 'narrow', remaining: 1, limit: 2 });
    });

    it('when several rules deny, the longest wait decides', async () => {
      const h = await setup();
      const limiter = h.limiter([
        fixedWindow({ limit: 1, window: 1000, name: 'second' }),
        fixedWindow({ limit: 1, window: 60_000, name: 'minute' }),
      ]);
      await limiter.limit('a');
      expect(await limiter.limit('a')).toMatchObject({ allowed: false, rule: 'minute', retryAfterMs: 60_000 });
    });
  });
}
