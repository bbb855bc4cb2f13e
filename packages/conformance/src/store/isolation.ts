import { fixedWindow } from '@rl/core';
import { describe, expect, it } from 'vitest';
import type { Harness } from './harness.js';

/** Identifiers, rules and prefixes never share counters. */
export function isolation(setup: () => Promise<Harness>): void {
  describe('isolation', () => {
    it('between identifiers', async () => {
      const h = await setup();
      const limiter = h.limiter(fixedWindow({ limit: 1, window: 1000 }));
      expect((await limiter.limit('a')).allowed).toBe(true);
      expect((await limiter.limit('a')).allowed).toBe(false);
      expect((await limiter.limit('b')).allowed).toBe(true);
    });

    it('between prefixes and between rule names', async () => {
      const h = await setup();
      const rule = fixedWindow({ limit: 1, window: 1000, name: 'r' });
      const one = h.limiter(rule, `${h.prefix}:one`);
      const two = h.limiter(rule, `${h.prefix}:two`);
      const renamed = h.limiter(fixedWindow({ limit: 1, window: 1000, name: 'other' }), `${h.prefix}:one`);
      expect((await one.limit('a')).allowed).toBe(true);
      expect((await one.limit('a')).allowed).toBe(false);
      expect((await two.limit('a')).allowed).toBe(true);
      expect((await renamed.limit('a')).allowed).toBe(true);
    });

    it('identifiers that escape alike stay apart', async () => {
      const h = await setup();
      const limiter = h.limiter(fixedWindow({ limit: 1, window: 1000 }));
      const ids = ['a{b', 'a%7Bb', 'a:b', 'a%3Ab', 'a}b', '#x', '%23x', 'x'];
      for (const id of ids) expect((await limiter.limit(id)).allowed, id).toBe(true);
    });
  });
}
