import { type Decision, toDecision } from '../decision.js';
import type { RateLimitError } from '../errors.js';
import type { Rule } from '../rules/types.js';
import type { StoreCheck } from '../store.js';
import type { ResolvedFailure } from './failure-options.js';

/** The call being decided without the store. */
export interface FailedCall {
  readonly operation: 'consume' | 'peek';
  readonly checks: readonly StoreCheck[];
  readonly cost: number;
  readonly leaseId?: string | undefined;
}

/** Turns a store failure into a Decision according to the limiter's failure policy. */
export type FailureDecider = (error: RateLimitError, call: FailedCall) => Promise<Decision>;

function unavailable(
  allowed: boolean,
  rule: Rule,
  call: FailedCall,
  now: number,
  retryAfterMs: number,
  error: RateLimitError,
): Decision {
  const decision: Decision = {
    allowed,
    reason: 'store_unavailable',
    rule: rule.name,
    limit: rule.limit,
    remaining: 0,
    resetAt: now,
    retryAfterMs: allowed ? 0 : Math.max(1, retryAfterMs),
    cost: call.cost,
    now,
    rules: [],
    error,
  };
  return call.leaseId === undefined ? decision : { ...decision, leaseId: call.leaseId };
}

/**
 * Builds the decider. With several rules, `fail-closed` on any rule refuses the call; otherwise the
 * rules that fall back are checked (and charged, all or nothing) in the fallback store and decide it;
 * if every rule is `fail-open`, the call is admitted. Decisions carry `reason: "store_unavailable"` or
 * `"fallback"` — never `"limit"` — and the store `error`. A fallback decision's `rules` lists only
 * the rules the fallback store checked, with their per-instance limits.
 */
export function createFailureDecider(
  rules: readonly Rule[],
  failure: ResolvedFailure,
  now: () => number,
): FailureDecider {
  const { modes, fallbackStore } = failure;
  const closed = modes.indexOf('fail-closed');
  const fallbackIndexes = modes.flatMap((mode, i) => (mode === 'fallback' ? [i] : []));
  const fallbackRules = fallbackIndexes.map((i) => failure.fallbackRules[i] as Rule);
  const retryAfterMs = failure.guard.cooldownMs;

  return async (error, call) => {
    const at = now();
    if (closed >= 0) return unavailable(false, rules[closed] as Rule, call, at, retryAfterMs, error);
    if (fallbackIndexes.length === 0 || fallbackStore === undefined) {
      return unavailable(true, rules[0] as Rule, call, at, retryAfterMs, error);
    }
    const checks = fallbackIndexes.map((i, j) => ({
      key: (call.checks[i] as StoreCheck).key,
      rule: fallbackRules[j] as Rule,
    }));
    const response =
      call.operation === 'consume'
        ? await fallbackStore.consume({
            checks,
            cost: call.cost,
            now: at,
            ...(call.leaseId === undefined ? {} : { leaseId: call.leaseId }),
          })
        : await fallbackStore.peek({ checks, now: at });
    const decision = toDecision(
      fallbackRules,
      response.results,
      response.allowed,
      call.cost,
      response.now,
      call.leaseId,
    );
    return { ...decision, reason: 'fallback', error };
  };
}
