import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { windowStart } from '../src/algorithms/arithmetic.js';

describe('windowStart', () => {
  it('equals now - now % window for every whole now and window (no rounding slip)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
        fc.integer({ min: 1, max: 2 ** 45 }),
        (now, windowMs) => {
          expect(windowStart(now, windowMs)).toBe(now - (now % windowMs));
        },
      ),
      { numRuns: 20_000 },
    );
  });

  it('is exact at window edges', () => {
    for (const windowMs of [1, 7, 1000, 60_000, 86_400_000]) {
      for (const base of [0, 1_700_000_000_000, 2 ** 52]) {
        const start = base - (base % windowMs);
        for (const now of [start, start + windowMs - 1, start + windowMs]) {
          expect(windowStart(now, windowMs)).toBe(now - (now % windowMs));
        }
      }
    }
  });
});
