import type { Rule } from '../rules/types.js';
import { untilWhole } from './arithmetic.js';
import { createRegisters, type NumericKernel, objectModel, type Registers } from './registers.js';
import type { TokenBucketState } from './types.js';

/**
 * Applies the whole refill steps that have passed since the last one, in the registers (`s0` =
 * tokens, `s1` = last refill time). A full bucket accrues nothing, so its refill grid restarts at
 * `now`: a full bucket behaves exactly like a missing one, which is what lets a store forget it.
 */
function refill(r: Registers, rule: Rule, now: number): void {
  if (!r.present) {
    r.s0 = rule.limit;
    r.s1 = now;
    return;
  }
  let tokens = Math.min(rule.limit, r.s0);
  const elapsed = now - r.s1;
  if (elapsed >= rule.intervalMs) {
    const steps = Math.floor(elapsed / rule.intervalMs);
    tokens = Math.min(rule.limit, tokens + steps * rule.refillRate);
    r.s1 += steps * rule.intervalMs;
  }
  r.s0 = tokens;
  if (tokens === rule.limit) r.s1 = now;
}

/** When a bucket holding `tokens`, last refilled at `refilledAt`, is full again. */
function fullAt(tokens: number, refilledAt: number, rule: Rule, now: number): number {
  const missing = rule.limit - tokens;
  if (missing <= 0) return now;
  return refilledAt + Math.ceil(missing / rule.refillRate) * rule.intervalMs;
}

/** Token bucket in registers: `s0` = tokens, `s1` = time of the last refill step. */
export const tokenBucketKernel: NumericKernel<TokenBucketState> = {
  step(r, rule, cost, now) {
    refill(r, rule, now);
    const tokens = r.s0;
    const refilledAt = r.s1;
    if (tokens >= cost) {
      r.s0 = tokens - cost;
      r.allowed = true;
      r.remaining = r.s0;
      r.resetAt = fullAt(r.s0, refilledAt, rule, now);
      r.retryAfterMs = 0;
      return;
    }
    const resetAt = fullAt(tokens, refilledAt, rule, now);
    r.allowed = false;
    r.remaining = Math.max(0, tokens);
    r.resetAt = resetAt;
    r.retryAfterMs =
      cost > rule.limit
        ? untilWhole(resetAt, now)
        : Math.max(1, refilledAt + Math.ceil((cost - tokens) / rule.refillRate) * rule.intervalMs - now);
  },
  expiresAt: (r, rule) => fullAt(r.s0, r.s1, rule, r.s1),
  load(r, state) {
    r.present = state !== undefined;
    if (state !== undefined) {
      r.s0 = state.tokens;
      r.s1 = state.refilledAt;
    }
  },
  save: (r) => ({ tokens: r.s0, refilledAt: r.s1 }),
};

/**
 * Token bucket with discrete refills: `refillRate` tokens every `intervalMs`, on a grid that starts
 * when the bucket is first used. A missing bucket is a full one.
 */
export const tokenBucketModel = objectModel(tokenBucketKernel, (state, rule, cost, now) => {
  if (state === undefined) return state;
  const r = createRegisters();
  tokenBucketKernel.load(r, state);
  refill(r, rule, now);
  const tokens = Math.min(rule.limit, r.s0 + cost);
  return { tokens, refilledAt: tokens === rule.limit ? now : r.s1 };
});
