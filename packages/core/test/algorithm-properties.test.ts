import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type AlgorithmState, defineRule, MODELS, type Rule, type RuleInput } from '../src/index.js';

const T0 = 86_400_000 * 20_000;

const ruleArb: fc.Arbitrary<Rule> = fc.oneof(
  fc
    .record({
      algorithm: fc.constantFrom('fixed-window', 'sliding-window', 'sliding-log', 'gcra'),
      limit: fc.integer({ min: 1, max: 8 }),
      window: fc.constantFrom(7, 100, 999, 1000),
    })
    .map((r) => defineRule(r as RuleInput)),
  fc
    .record({
      limit: fc.integer({ min: 1, max: 8 }),
      rate: fc.integer({ min: 1, max: 8 }),
      interval: fc.constantFrom(7, 100, 1000),
    })
    .map(({ limit, rate, interval }) =>
      defineRule({ algorithm: 'token-bucket', limit, refillRate: Math.min(limit, rate), interval }),
    ),
  fc
    .record({ limit: fc.integer({ min: 1, max: 4 }), leaseMs: fc.constantFrom(7, 100, 1000) })
    .map((r) => defineRule({ algorithm: 'concurrency', ...r })),
);

const historyArb = fc.array(
  fc.record({ wait: fc.integer({ min: 0, max: 400 }), cost: fc.integer({ min: 0, max: 4 }) }),
  { maxLength: 25 },
);

/** Replays a history of calls and returns the state and time it ends at. */
function replay(rule: Rule, history: { wait: number; cost: number }[], start: number) {
  const model = MODELS[rule.algorithm];
  let state: AlgorithmState | undefined;
  let now = start;
  let lease = 0;
  for (const step of history) {
    now += step.wait;
    const t = model.consume(state, rule, step.cost, now, `l${lease++}`);
    if (t.result.allowed) state = t.state;
  }
  return { state, now, model };
}

describe('algorithm models (properties)', () => {
  it('a denied call returns its input state unchanged', () => {
    fc.assert(
      fc.property(ruleArb, historyArb, fc.integer({ min: 0, max: 12 }), fc.nat(5000), (rule, history, cost, offset) => {
        const { state, now, model } = replay(rule, history, T0 + offset);
        const t = model.consume(state, rule, cost, now, 'probe');
        if (!t.result.allowed && state !== undefined) expect(t.state).toBe(state);
      }),
      { numRuns: 3000 },
    );
  });

  it('retryAfterMs is exact: denied one ms earlier, admitted then', () => {
    fc.assert(
      fc.property(
        ruleArb,
        historyArb,
        fc.integer({ min: 1, max: 8 }),
        fc.nat(5000),
        (rule, history, rawCost, offset) => {
          const cost = rule.algorithm === 'concurrency' ? 1 : Math.min(rawCost, rule.limit);
          const { state, now, model } = replay(rule, history, T0 + offset);
          const denied = model.consume(state, rule, cost, now, 'probe').result;
          if (denied.allowed) return;
          expect(denied.retryAfterMs).toBeGreaterThanOrEqual(1);
          const at = now + denied.retryAfterMs;
          expect(model.consume(state, rule, cost, at - 1, 'probe').result.allowed).toBe(false);
          expect(model.consume(state, rule, cost, at, 'probe').result.allowed).toBe(true);
        },
      ),
      { numRuns: 5000 },
    );
  });

  it('resetAt is exact: the quota is whole at resetAt and not before', () => {
    fc.assert(
      fc.property(ruleArb, historyArb, fc.nat(5000), (rule, history, offset) => {
        const { state, now, model } = replay(rule, history, T0 + offset);
        const standing = model.consume(state, rule, 0, now).result;
        expect(standing.resetAt).toBeGreaterThanOrEqual(now);
        expect(model.consume(state, rule, 0, standing.resetAt).result.remaining).toBe(rule.limit);
        if (standing.resetAt > now) {
          expect(model.consume(state, rule, 0, standing.resetAt - 1).result.remaining).toBeLessThan(rule.limit);
        }
      }),
      { numRuns: 5000 },
    );
  });

  it('forgetting a state at expiresAt changes no later decision', () => {
    fc.assert(
      fc.property(ruleArb, historyArb, historyArb, fc.nat(5000), (rule, history, after, offset) => {
        const { state, now, model } = replay(rule, history, T0 + offset);
        if (state === undefined) return;
        const expiry = Math.max(now, model.expiresAt(state, rule));
        const forgotten = { state: undefined as AlgorithmState | undefined };
        let keptState: AlgorithmState | undefined = state;
        let at = expiry;
        for (const step of after) {
          at += step.wait;
          const a = model.consume(keptState, rule, step.cost, at, 'x');
          const b = model.consume(forgotten.state, rule, step.cost, at, 'x');
          expect(a.result).toEqual(b.result);
          if (a.result.allowed) keptState = a.state;
          if (b.result.allowed) forgotten.state = b.state;
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('never admits more than the limit in any window (fixed and sliding log)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('fixed-window', 'sliding-log'),
        fc.integer({ min: 1, max: 6 }),
        fc.array(fc.record({ wait: fc.integer({ min: 0, max: 300 }), cost: fc.integer({ min: 0, max: 3 }) }), {
          maxLength: 60,
        }),
        (algorithm, limit, calls) => {
          const rule = defineRule({ algorithm, limit, window: 1000 } as RuleInput);
          const model = MODELS[rule.algorithm];
          let state: AlgorithmState | undefined;
          let now = T0;
          const admitted: { at: number; cost: number }[] = [];
          for (const call of calls) {
            now += call.wait;
            const t = model.consume(state, rule, call.cost, now);
            if (t.result.allowed) {
              state = t.state;
              admitted.push({ at: now, cost: call.cost });
            }
          }
          for (const { at } of admitted) {
            const inWindow = admitted.filter((a) =>
              algorithm === 'sliding-log'
                ? a.at > at - 1000 && a.at <= at
                : Math.floor(a.at / 1000) === Math.floor(at / 1000),
            );
            expect(inWindow.reduce((sum, a) => sum + a.cost, 0)).toBeLessThanOrEqual(limit);
          }
        },
      ),
      { numRuns: 2000 },
    );
  });
});
