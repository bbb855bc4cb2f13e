import { ALGORITHMS, fixedWindow, isRateLimitError } from '@rl/core';
import { describe, expect, it } from 'vitest';
import type { Harness } from './harness.js';

/** The declared shape of a store, and its behaviour once closed. */
export function contractShape(setup: () => Promise<Harness>): void {
  describe('contract', () => {
    it('declares a name, whether it is shared, and its capabilities', async () => {
      const { store } = await setup();
      expect(typeof store.name).toBe('string');
      expect(store.name.length).toBeGreaterThan(0);
      expect(typeof store.shared).toBe('boolean');
      expect(store.supports.clocks).toContain('caller');
      for (const clock of store.supports.clocks) expect(['caller', 'store']).toContain(clock);
      for (const algorithm of store.supports.algorithms) expect(ALGORITHMS).toContain(algorithm);
    });

    it('answers one result per check with the time it used', async () => {
      const h = await setup();
      const limiter = h.limiter([
        fixedWindow({ limit: 2, window: 1000, name: 'x' }),
        fixedWindow({ limit: 3, window: 1000, name: 'y' }),
      ]);
      const decision = await limiter.limit('a');
      expect(decision.rules).toHaveLength(2);
      expect(decision.now).toBe(h.clock.now());
    });

    it('uses its own clock when asked, if it has one', async () => {
      const h = await setup();
      if (!h.store.supports.clocks.includes('store')) return;
      const response = await h.store.consume({
        checks: [{ key: `${h.prefix}:clock:{a}`, rule: fixedWindow({ limit: 1, window: 1000 }) }],
        cost: 1,
      });
      expect(Math.abs(response.now - Date.now())).toBeLessThan(60_000);
    });

    it('rejects calls after close with a RateLimitError', async () => {
      const h = await setup();
      const limiter = h.limiter(fixedWindow({ limit: 1, window: 1000 }));
      await h.store.close();
      const error = await limiter.limit('a').catch((e: unknown) => e);
      expect(isRateLimitError(error)).toBe(true);
    });
  });
}
