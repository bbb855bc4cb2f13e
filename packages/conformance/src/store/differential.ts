import { createLimiter, type Decision, defineRule, type Limiter, type Rule, type RuleInput } from '@rl/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createModelStore } from '../model-store.js';
import { ALIGNED_EPOCH, virtualClock } from '../virtual-clock.js';
import type { Harness } from './harness.js';

const windowArb = fc.constantFrom(7, 100, 1000, 1500);

const ruleArb: fc.Arbitrary<RuleInput> = fc.oneof(
  fc.record({
    algorithm: fc.constantFrom('fixed-window', 'sliding-window', 'sliding-log', 'gcra'),
    limit: fc.integer({ min: 1, max: 5 }),
    window: windowArb,
  }) as fc.Arbitrary<RuleInput>,
  fc
    .record({ limit: fc.integer({ min: 1, max: 5 }), rate: fc.integer({ min: 1, max: 5 }), interval: windowArb })
    .map(({ limit, rate, interval }) => ({
      algorithm: 'token-bucket' as const,
      limit,
      refillRate: Math.min(rate, limit),
      interval,
    })),
  fc.record({
    algorithm: fc.constant('concurrency' as const),
    limit: fc.integer({ min: 1, max: 3 }),
    leaseMs: fc.constantFrom(100, 1000),
  }),
);

type Op =
  | { t: 'call'; id: number; cost: number; lease: number }
  | { t: 'advance'; ms: number }
  | { t: 'peek'; id: number }
  | { t: 'reset'; id: number }
  | { t: 'refund'; back: number }
  | { t: 'release'; id: number; lease: number };

const id = fc.integer({ min: 0, max: 2 });
const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      t: fc.constant('call' as const),
      id,
      cost: fc.integer({ min: 0, max: 6 }),
      lease: fc.integer({ min: 0, max: 5 }),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      t: fc.constant('advance' as const),
      ms: fc.oneof(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 3200 })),
    }),
  },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('peek' as const), id }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('reset' as const), id }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('refund' as const), back: fc.integer({ min: 0, max: 4 }) }) },
  {
    weight: 1,
    arbitrary: fc.record({ t: fc.constant('release' as const), id, lease: fc.integer({ min: 0, max: 5 }) }),
  },
);

interface Side {
  limiter: Limiter;
  admitted: { id: string; decision: Decision }[];
}

async function apply(side: Side, op: Op, leases: boolean): Promise<unknown> {
  const { limiter } = side;
  switch (op.t) {
    case 'call': {
      const who = `id${op.id}`;
      const decision = leases
        ? await limiter.acquire(who, { leaseId: `lease${op.lease}` })
        : await limiter.limit(who, { cost: op.cost });
      if (decision.allowed) side.admitted.push({ id: who, decision });
      return decision;
    }
    case 'peek':
      return limiter.peek(`id${op.id}`);
    case 'reset':
      return limiter.reset(`id${op.id}`);
    case 'refund': {
      const target = side.admitted[side.admitted.length - 1 - op.back];
      return target ? limiter.refund(target.id, target.decision) : undefined;
    }
    case 'release':
      return limiter.release(`id${op.id}`, `lease${op.lease}`);
    default:
      return undefined;
  }
}

/**
 * The store and the reference model, driven by the same random sequences of calls, time steps,
 * peeks, resets, refunds and releases, must give identical answers.
 */
export function differential(setup: () => Promise<Harness>, numRuns: number, timeout: number): void {
  describe('differential (fast-check vs the reference model)', () => {
    it(`matches the model on ${numRuns} random sequences`, { timeout: Math.max(timeout, numRuns * 100) }, async () => {
      const h = await setup();
      let run = 0;
      await fc.assert(
        fc.asyncProperty(
          fc.array(ruleArb, { minLength: 1, maxLength: 3 }),
          fc.array(opArb, { minLength: 1, maxLength: 30 }),
          fc.integer({ min: 0, max: 5000 }),
          async (inputs, ops, offset) => {
            run += 1;
            const rules: Rule[] = inputs.map((input, i) => defineRule({ ...input, name: `r${i}` } as RuleInput));
            const leases = rules.some((r) => r.algorithm === 'concurrency');
            const clock = virtualClock(ALIGNED_EPOCH + offset);
            const prefix = `${h.prefix}:p${run}`;
            const subject: Side = {
              limiter: createLimiter({ store: h.store, rules, prefix, clock: 'caller', now: clock.now }),
              admitted: [],
            };
            const model: Side = {
              limiter: createLimiter({ store: createModelStore(), rules, prefix, clock: 'caller', now: clock.now }),
              admitted: [],
            };
            for (const op of ops) {
              if (op.t === 'advance') {
                clock.advance(op.ms);
                continue;
              }
              const expected = await apply(model, op, leases);
              const actual = await apply(subject, op, leases);
              expect(actual, JSON.stringify({ op, rules })).toEqual(expected);
            }
          },
        ),
        { numRuns },
      );
    });
  });
}
