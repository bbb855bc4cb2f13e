import {
  type Algorithm,
  concurrency,
  fixedWindow,
  gcra,
  type Rule,
  slidingLog,
  slidingWindow,
  tokenBucket,
} from '@rl/core';
import fc from 'fast-check';

/** Small limits and windows (odd ones included, to exercise floor/ceil), as the brief asks. */
export interface RuleScale {
  limit: fc.Arbitrary<number>;
  window: fc.Arbitrary<number>;
}

export const SMALL: RuleScale = {
  limit: fc.integer({ min: 1, max: 5 }),
  window: fc.constantFrom(7, 100, 999, 1000, 1500, 3001, 60_000),
};

/** Large limits and windows: limit × window close to 2^53, where doubles would show any drift. */
export const LARGE: RuleScale = {
  limit: fc.oneof(fc.integer({ min: 1, max: 1_000_000_000 }), fc.constantFrom(1_000_000_000, 999_999_937, 3)),
  window: fc.oneof(fc.integer({ min: 1, max: 9_000_000 }), fc.constantFrom(9_007_199, 1, 86_400_000)),
};

/** A rule of `algorithm` named `name`, at `scale` (limit × window kept ≤ 2^53 as the core requires). */
export function ruleArb(algorithm: Algorithm, name: string, scale: RuleScale): fc.Arbitrary<Rule> {
  return fc.tuple(scale.limit, scale.window, fc.integer({ min: 1, max: 1_000_000_000 })).map(([limit, raw, rate]) => {
    const window = Math.max(1, Math.min(raw, Math.floor(Number.MAX_SAFE_INTEGER / limit)));
    switch (algorithm) {
      case 'fixed-window':
        return fixedWindow({ limit, window, name });
      case 'sliding-window':
        return slidingWindow({ limit, window, name });
      case 'sliding-log':
        return slidingLog({ limit: Math.min(limit, 50), window, name });
      case 'gcra':
        return gcra({ limit, window, name });
      case 'token-bucket':
        return tokenBucket({ limit, refillRate: 1 + (rate % limit), interval: window, name });
      default:
        return concurrency({ limit: Math.min(limit, 50), leaseMs: window, name });
    }
  });
}

export const ALGORITHM_ARB: fc.Arbitrary<Algorithm> = fc.constantFrom(
  'fixed-window',
  'sliding-window',
  'sliding-log',
  'token-bucket',
  'gcra',
  'concurrency',
);

/**
 * 1 to 3 rules named r0, r1, r2; the first of algorithm `first` when given, and with `only`, every
 * one of that algorithm (the requests the per-algorithm script variants serve).
 */
export function rulesArb(scale: RuleScale, first?: Algorithm, only = false): fc.Arbitrary<Rule[]> {
  const head = first === undefined ? ALGORITHM_ARB : fc.constant(first);
  const rest = only && first !== undefined ? fc.constant(first) : ALGORITHM_ARB;
  return fc
    .tuple(head, fc.array(rest, { minLength: 0, maxLength: 2 }))
    .chain(([a, rest]) => fc.tuple(...[a, ...rest].map((algorithm, i) => ruleArb(algorithm, `r${i}`, scale))));
}

/** One step of a differential run. `mask` picks which rules a call uses (0 = all). */
export type Op =
  | { t: 'consume'; id: number; cost: number; lease: number; mask: number }
  | { t: 'peek'; id: number; mask: number }
  | { t: 'refund'; back: number }
  | { t: 'release'; id: number; lease: number }
  | { t: 'reset'; id: number }
  | { t: 'advance'; ms: number };

/**
 * Random operations; costs go from 0 to L + 1 where L is the largest limit; time steps are
 * fractions of the rules' windows, forwards and (less often) backwards.
 */
export function opsArb(maxLimit: number, windows: number[]): fc.Arbitrary<Op[]> {
  const id = fc.oneof(
    { weight: 3, arbitrary: fc.constant(0) },
    { weight: 1, arbitrary: fc.integer({ min: 0, max: 3 }) },
  );
  const mask = fc.oneof(
    { weight: 3, arbitrary: fc.constant(0) },
    { weight: 1, arbitrary: fc.integer({ min: 1, max: 7 }) },
  );
  const cost = fc.oneof(
    fc.integer({ min: 0, max: Math.min(maxLimit + 1, 8) }),
    fc.constantFrom(0, 1, maxLimit, maxLimit + 1),
  );
  const step = (min: number, max: number) =>
    fc
      .tuple(fc.constantFrom(...windows), fc.integer({ min, max }))
      .map(([w, permille]) => Math.trunc((w * permille) / 1000));
  const op: fc.Arbitrary<Op> = fc.oneof(
    {
      weight: 12,
      arbitrary: fc.record({
        t: fc.constant('consume' as const),
        id,
        cost,
        lease: fc.integer({ min: 0, max: 3 }),
        mask,
      }),
    },
    { weight: 2, arbitrary: fc.record({ t: fc.constant('peek' as const), id, mask }) },
    { weight: 1, arbitrary: fc.record({ t: fc.constant('refund' as const), back: fc.integer({ min: 0, max: 3 }) }) },
    {
      weight: 2,
      arbitrary: fc.record({ t: fc.constant('release' as const), id, lease: fc.integer({ min: 0, max: 3 }) }),
    },
    { weight: 1, arbitrary: fc.record({ t: fc.constant('reset' as const), id }) },
    {
      weight: 5,
      arbitrary: fc.record({
        t: fc.constant('advance' as const),
        ms: fc.oneof(
          { weight: 2, arbitrary: fc.integer({ min: 0, max: 3 }) },
          { weight: 6, arbitrary: step(0, 400) },
          { weight: 2, arbitrary: step(400, 2500) },
          // The caller's clock going back (another app server, a corrected clock).
          { weight: 2, arbitrary: step(-1500, -1) },
        ),
      }),
    },
  );
  return fc.array(op, { minLength: 1, maxLength: 60, size: 'max' });
}
