import { concurrency, fixedWindow } from '@rl/core';
import { describe, expect, it } from 'vitest';
import type { Harness } from './harness.js';

/** Leases: limit, release, double release, unknown lease, expiry. */
export function concurrencyLeases(setup: () => Promise<Harness>): void {
  describe('concurrency leases', () => {
    it('holds at most limit leases; release frees one; double and unknown releases are false', async () => {
      const h = await setup();
      const limiter = h.limiter(concurrency({ limit: 2, leaseMs: 1000 }));
      const a = await limiter.acquire('u', { leaseId: 'a' });
      const b = await limiter.acquire('u', { leaseId: 'b' });
      expect([a.allowed, a.remaining, b.allowed, b.remaining]).toEqual([true, 1, true, 0]);
      expect(a.leaseId).toBe('a');
      expect(await limiter.acquire('u', { leaseId: 'c' })).toMatchObject({
        allowed: false,
        remaining: 0,
        retryAfterMs: 1000,
      });
      expect(await limiter.release('u', 'a')).toBe(true);
      expect(await limiter.release('u', 'a')).toBe(false);
      expect(await limiter.release('u', 'nope')).toBe(false);
      expect(await limiter.release('other', 'b')).toBe(false);
      expect(await limiter.acquire('u', { leaseId: 'c' })).toMatchObject({ allowed: true, remaining: 0 });
    });

    it('leases expire after leaseMs, so a crashed holder cannot leak capacity', async () => {
      const h = await setup();
      const limiter = h.limiter(concurrency({ limit: 1, leaseMs: 500 }));
      expect((await limiter.acquire('u')).allowed).toBe(true);
      h.clock.advance(499);
      expect((await limiter.acquire('u')).allowed).toBe(false);
      h.clock.advance(1);
      expect((await limiter.acquire('u')).allowed).toBe(true);
    });

    it('taking a lease already held renews it without using more capacity', async () => {
      const h = await setup();
      const limiter = h.limiter(concurrency({ limit: 1, leaseMs: 500 }));
      await limiter.acquire('u', { leaseId: 'x' });
      h.clock.advance(400);
      expect((await limiter.acquire('u', { leaseId: 'x' })).allowed).toBe(true);
      h.clock.advance(400);
      expect((await limiter.acquire('u', { leaseId: 'y' })).allowed).toBe(false);
    });

    it('combines with a rate rule atomically; limit() refuses a limiter with leases', async () => {
      const h = await setup();
      const limiter = h.limiter([concurrency({ limit: 5 }), fixedWindow({ limit: 2, window: 1000, name: 'rate' })]);
      expect((await limiter.acquire('u')).allowed).toBe(true);
      expect((await limiter.acquire('u')).allowed).toBe(true);
      const denied = await limiter.acquire('u');
      expect(denied).toMatchObject({ allowed: false, rule: 'rate' });
      expect((await limiter.peek('u')).rules[0]?.remaining).toBe(3);
      await expect(limiter.limit('u')).rejects.toMatchObject({ code: 'RL_INVALID_ARGUMENT' });
    });
  });
}
