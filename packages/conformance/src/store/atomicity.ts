import { concurrency, type Rule } from '@rl/core';
import { describe, expect, it } from 'vitest';
import type { Harness } from './harness.js';
import { rateRules } from './peek-reset-refund.js';

/** Parallel calls on one identifier: exactly `limit` admitted, for every algorithm. */
export function atomicity(setup: () => Promise<Harness>, parallelCalls: number): void {
  describe('atomicity', () => {
    const limit = Math.max(1, Math.floor(parallelCalls / 4));
    const rules: Rule[] = [...rateRules(limit), concurrency({ limit, leaseMs: 60_000 })];
    for (const rule of rules) {
      it(`${rule.algorithm}: ${parallelCalls} parallel calls on limit ${limit} → exactly ${limit} admitted`, async () => {
        const h = await setup();
        const limiter = h.limiter(rule);
        const call = () => (rule.algorithm === 'concurrency' ? limiter.acquire('hot') : limiter.limit('hot'));
        const decisions = await Promise.all(Array.from({ length: parallelCalls }, call));
        expect(decisions.filter((d) => d.allowed)).toHaveLength(limit);
        expect(decisions.filter((d) => !d.allowed).every((d) => d.reason === 'limit' && d.retryAfterMs >= 1)).toBe(
          true,
        );
      });
    }
  });
}
