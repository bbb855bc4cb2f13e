import { memoryStore } from '@rl/memory';
import { findFreePort } from '@rl-internal/test-redis';
import { describe, expect, it } from 'vitest';
import { watchUnhandled } from './load.js';
import { faultLimiter, faultStore } from './setup.js';

const unhandled = watchUnhandled();

describe('two instances with fallback on while Redis is down', () => {
  it('admit in total at most instances × the fallback limit', async () => {
    const deadPort = await findFreePort(); // nothing listens: every connection is refused
    const FALLBACK_LIMIT = 5;
    // Each instance has its own Redis client and its own in-process fallback, as two processes would.
    const instances = [0, 1].map(() =>
      faultLimiter(faultStore(deadPort), { fallback: { store: memoryStore(), limit: FALLBACK_LIMIT } }),
    );
    const decisions = await Promise.all(
      instances.map(async (limiter) => {
        const out = [];
        for (let i = 0; i < 40; i++) out.push(await limiter.limit('same-user'));
        return out;
      }),
    );
    const all = decisions.flat();
    const admitted = all.filter((d) => d.allowed).length;
    console.info(
      `[instances] ${all.length} calls on 2 instances, fallback limit ${FALLBACK_LIMIT}: ${admitted} admitted`,
    );
    expect(all.every((d) => d.reason === 'fallback')).toBe(true);
    expect(admitted).toBeLessThanOrEqual(instances.length * FALLBACK_LIMIT);
    expect(decisions.map((list) => list.filter((d) => d.allowed).length)).toEqual([FALLBACK_LIMIT, FALLBACK_LIMIT]);
    for (const limiter of instances) await limiter.store.close();
    unhandled.dispose();
    expect(unhandled.errors).toEqual([]);
  });
});
