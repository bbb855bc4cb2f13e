import { ALGORITHMS, type Algorithm, defineRule, type Rule } from '@rl/core';
import { describe, expect, it } from 'vitest';
import type { Harness } from './harness.js';

/** A small rule of each rate algorithm (not concurrency). */
export function rateRules(limit: number): Rule[] {
  return ALGORITHMS.filter((a: Algorithm) => a !== 'concurrency').map((algorithm) =>
    algorithm === 'token-bucket'
      ? defineRule({ algorithm, limit, refillRate: 1, interval: 1000 })
      : defineRule({ algorithm, limit, window: 1000 } as never),
  );
}

/** peek never writes; reset forgets; refund gives back what was charged. */
export function peekResetRefund(setup: () => Promise<Harness>): void {
  describe('peek, reset, refund', () => {
    for (const rule of rateRules(3)) {
      it(`${rule.algorithm}: peek is read-only and reports a cost-1 call`, async () => {
        const h = await setup();
        const limiter = h.limiter(rule);
        expect(await limiter.peek('a')).toMatchObject({ allowed: true, remaining: 3 });
        for (let i = 0; i < 10; i++) await limiter.peek('a');
        expect(await limiter.limit('a', { cost: 3 })).toMatchObject({ allowed: true, remaining: 0 });
        const peek = await limiter.peek('a');
        expect(peek).toMatchObject({ allowed: false, remaining: 0 });
        expect(peek.retryAfterMs).toBeGreaterThanOrEqual(1);
        expect(await limiter.peek('a')).toEqual(peek);
      });

      it(`${rule.algorithm}: reset restores the whole quota`, async () => {
        const h = await setup();
        const limiter = h.limiter(rule);
        await limiter.limit('a', { cost: 3 });
        expect((await limiter.limit('a')).allowed).toBe(false);
        await limiter.reset('a');
        expect(await limiter.limit('a')).toMatchObject({ allowed: true, remaining: 2 });
      });

      it(`${rule.algorithm}: refund gives back the units of an admitted call`, async () => {
        const h = await setup();
        const limiter = h.limiter(rule);
        await limiter.limit('a');
        const second = await limiter.limit('a', { cost: 2 });
        expect(second.remaining).toBe(0);
        await limiter.refund('a', second);
        expect(await limiter.peek('a')).toMatchObject({ allowed: true, remaining: 2 });
      });
    }

    it('refunding a denied decision changes nothing', async () => {
      const h = await setup();
      const limiter = h.limiter(rateRules(2)[0] as Rule);
      await limiter.limit('a', { cost: 2 });
      const denied = await limiter.limit('a');
      await limiter.refund('a', denied);
      expect((await limiter.peek('a')).remaining).toBe(0);
    });

    it('reset of an unknown identifier is harmless', async () => {
      const h = await setup();
      await expect(h.limiter(rateRules(1)[0] as Rule).reset('nobody')).resolves.toBeUndefined();
    });
  });
}
