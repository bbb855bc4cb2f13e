import { concurrency, type Rule } from '@rl/core';
import { describe, expect, it } from 'vitest';
import type { Harness } from './harness.js';
import type { StoreInspector } from './options.js';
import { rateRules } from './peek-reset-refund.js';

/** Every key written has an expiry no later than its state could matter; reset and release leave nothing. */
export function garbageCollection(setup: () => Promise<Harness>, inspect: StoreInspector): void {
  describe('garbage collection', () => {
    const rules: Rule[] = [...rateRules(3), concurrency({ limit: 2, leaseMs: 1000 })];
    for (const rule of rules) {
      it(`${rule.algorithm}: keys expire when their state stops mattering`, async () => {
        const h = await setup();
        const limiter = h.limiter(rule);
        const decision = rule.algorithm === 'concurrency' ? await limiter.acquire('a') : await limiter.limit('a');
        const [key] = limiter.keys('a');
        const ttl = await inspect.ttlMs(key as string, h.clock.now());
        expect(ttl).toBeGreaterThan(0);
        // Never later than the quota is whole again (resetAt), give or take the store's clock tick.
        expect(ttl as number).toBeLessThanOrEqual(decision.resetAt - h.clock.now() + 1);
        expect(await inspect.keyCount(h.prefix)).toBe(1);
        if (rule.algorithm === 'concurrency') {
          await limiter.release('a', decision.leaseId as string);
        } else {
          await limiter.reset('a');
        }
        expect(await inspect.keyCount(h.prefix)).toBe(0);
      });
    }

    it('a denied call writes nothing new', async () => {
      const h = await setup();
      const limiter = h.limiter(rateRules(1)[0] as Rule);
      await limiter.limit('a');
      const before = await inspect.keyCount(h.prefix);
      await limiter.limit('a', { cost: 5 });
      await limiter.limit('b', { cost: 5 });
      expect(await inspect.keyCount(h.prefix)).toBe(before);
    });
  });
}
