import { MODELS } from './algorithms/index.js';
import type { AlgorithmState } from './algorithms/types.js';
import type { Rule, RuleResult } from './rules/types.js';
import type { StoreCheck } from './store.js';

/** A state to write after an admitted call, and when it may be garbage-collected. */
export interface StateWrite {
  readonly key: string;
  readonly state: AlgorithmState;
  readonly expiresAt: number;
}

/** The outcome of evaluating a multi-rule consume against some states. */
export interface Evaluation {
  readonly allowed: boolean;
  readonly results: RuleResult[];
  /** Non-empty only when allowed: every rule's new state. */
  readonly writes: StateWrite[];
}

/**
 * The reference semantics of a multi-rule consume, shared by every in-process store:
 * evaluate every rule; if all allow, every new state is written; if any denies, nothing is, and each
 * rule that would have allowed reports what it has left without this call (cost 0).
 */
export function evaluateConsume(
  read: (key: string, rule: Rule, check: StoreCheck) => AlgorithmState | undefined,
  checks: readonly StoreCheck[],
  cost: number,
  now: number,
  leaseId?: string,
): Evaluation {
  const states: (AlgorithmState | undefined)[] = [];
  const results: RuleResult[] = [];
  const writes: StateWrite[] = [];
  let allowed = true;
  for (const check of checks) {
    const state = read(check.key, check.rule, check);
    const model = MODELS[check.rule.algorithm];
    const transition = model.consume(state, check.rule, cost, now, leaseId);
    states.push(state);
    results.push(transition.result);
    if (!transition.result.allowed) allowed = false;
    writes.push({
      key: check.key,
      state: transition.state,
      expiresAt: model.expiresAt(transition.state, check.rule),
    });
  }
  if (allowed) return { allowed, results, writes };
  for (let i = 0; i < checks.length; i++) {
    const result = results[i] as RuleResult;
    if (!result.allowed) continue;
    const check = checks[i] as StoreCheck;
    results[i] = MODELS[check.rule.algorithm].consume(states[i], check.rule, 0, now).result;
  }
  return { allowed, results, writes: [] };
}

/**
 * The reference semantics of peek: for each rule, whether a call of cost 1 would be admitted and
 * its wait, with the remaining quota and reset time as they stand.
 */
export function evaluatePeek(
  read: (key: string, rule: Rule, check: StoreCheck) => AlgorithmState | undefined,
  checks: readonly StoreCheck[],
  now: number,
): { allowed: boolean; results: RuleResult[] } {
  let allowed = true;
  const results = checks.map((check) => {
    const model = MODELS[check.rule.algorithm];
    const state = read(check.key, check.rule, check);
    const probe = model.consume(state, check.rule, 1, now).result;
    const standing = model.consume(state, check.rule, 0, now).result;
    if (!probe.allowed) allowed = false;
    return {
      allowed: probe.allowed,
      remaining: standing.remaining,
      resetAt: standing.resetAt,
      retryAfterMs: probe.retryAfterMs,
    };
  });
  return { allowed, results };
}
