import type { Algorithm, Rule, RuleResult } from './rules/types.js';

/**
 * Why a decision came out as it did.
 * - `ok`: admitted by every rule; `limit`: a rule's quota is used up;
 * - `blocked`: refused before any rule was checked (block list, local block cache);
 * - `store_unavailable`: the store failed and the failure policy decided (fail-open or fail-closed);
 * - `fallback`: the store failed and an in-process fallback limiter decided;
 * - `shadow`: a shadow-mode limiter that would have denied but let the call through.
 */
export type DecisionReason = 'ok' | 'limit' | 'blocked' | 'store_unavailable' | 'fallback' | 'shadow';

/** One rule's part in a decision. */
export interface RuleDecision extends RuleResult {
  readonly name: string;
  readonly algorithm: Algorithm;
  readonly limit: number;
  readonly windowMs: number;
}

/**
 * The answer to "may this call go ahead?". A denial is a Decision, never an exception.
 * `limit`, `remaining`, `resetAt` and `retryAfterMs` come from the deciding rule: the denying rule
 * with the longest wait, or, when admitted, the rule with the least left.
 */
export interface Decision {
  readonly allowed: boolean;
  readonly reason: DecisionReason;
  /** Name of the deciding rule. */
  readonly rule: string;
  readonly limit: number;
  readonly remaining: number;
  /** Epoch ms when the deciding rule's quota is whole again. */
  readonly resetAt: number;
  /** 0 when allowed; else how long to wait before the same call can succeed (≥ 1). */
  readonly retryAfterMs: number;
  /** Units this call asked for. */
  readonly cost: number;
  /** The time the decision was made at (the store's clock when `clock: "store"`). */
  readonly now: number;
  /** Every rule's result, in the limiter's rule order. */
  readonly rules: readonly RuleDecision[];
  /** The lease taken, for limiters with concurrency rules. */
  readonly leaseId?: string;
  /** The store error behind a `store_unavailable` or `fallback` decision. */
  readonly error?: unknown;
}

/** Index of the deciding rule: longest wait among denials, else least remaining (first on ties). */
export function decidingIndex(results: readonly RuleResult[], allowed: boolean): number {
  let best = 0;
  for (let i = 1; i < results.length; i++) {
    const candidate = results[i] as RuleResult;
    const current = results[best] as RuleResult;
    if (allowed) {
      if (candidate.remaining < current.remaining) best = i;
    } else if (!candidate.allowed && (current.allowed || candidate.retryAfterMs > current.retryAfterMs)) {
      best = i;
    }
  }
  return best;
}

function ruleDecision(rule: Rule, result: RuleResult): RuleDecision {
  return {
    name: rule.name,
    algorithm: rule.algorithm,
    limit: rule.limit,
    windowMs: rule.windowMs,
    allowed: result.allowed,
    remaining: result.remaining,
    resetAt: result.resetAt,
    retryAfterMs: result.retryAfterMs,
  };
}

/** Assembles a Decision from a store's per-rule results. */
export function toDecision(
  rules: readonly Rule[],
  results: readonly RuleResult[],
  allowed: boolean,
  cost: number,
  now: number,
  leaseId?: string,
): Decision {
  // One rule (the common case): an array literal, sized exactly (a push onto [] reserves room for 17).
  const ruleDecisions: RuleDecision[] =
    rules.length === 1
      ? [ruleDecision(rules[0] as Rule, results[0] as RuleResult)]
      : rules.map((rule, i) => ruleDecision(rule, results[i] as RuleResult));
  const decider = ruleDecisions[rules.length === 1 ? 0 : decidingIndex(results, allowed)] as RuleDecision;
  const decision: { -readonly [K in keyof Decision]: Decision[K] } = {
    allowed,
    reason: allowed ? 'ok' : 'limit',
    rule: decider.name,
    limit: decider.limit,
    remaining: decider.remaining,
    resetAt: decider.resetAt,
    retryAfterMs: allowed ? 0 : decider.retryAfterMs,
    cost,
    now,
    rules: ruleDecisions,
  };
  if (leaseId !== undefined) decision.leaseId = leaseId;
  return decision;
}
