import { untilWhole, windowStart } from './arithmetic.js';
import { type NumericKernel, objectModel } from './registers.js';
import type { FixedWindowState } from './types.js';

/** Fixed window in registers: `s0` = window start, `s1` = units used in it. */
export const fixedWindowKernel: NumericKernel<FixedWindowState> = {
  step(r, rule, cost, now) {
    const { limit, windowMs } = rule;
    let start = windowStart(now, windowMs);
    let count = 0;
    if (r.present && r.s0 >= start) {
      start = r.s0;
      count = r.s1;
    }
    const resetAt = start + windowMs;
    r.s0 = start;
    if (count + cost <= limit) {
      const used = count + cost;
      r.s1 = used;
      r.allowed = true;
      r.remaining = limit - used;
      r.resetAt = used === 0 ? now : resetAt;
      r.retryAfterMs = 0;
      return;
    }
    r.s1 = count;
    r.allowed = false;
    r.remaining = Math.max(0, limit - count);
    r.resetAt = resetAt;
    r.retryAfterMs = cost > limit ? untilWhole(resetAt, now) : resetAt - now;
  },
  expiresAt: (r, rule) => r.s0 + rule.windowMs,
  load(r, state) {
    r.present = state !== undefined;
    if (state !== undefined) {
      r.s0 = state.start;
      r.s1 = state.count;
    }
  },
  save: (r) => ({ start: r.s0, count: r.s1 }),
};

/**
 * Fixed window. Windows are aligned to the epoch; a stored window later than `now` (a caller clock
 * that went back) is kept, so windows never move backwards.
 */
export const fixedWindowModel = objectModel(fixedWindowKernel, (state, rule, cost, _now, consumedAt) => {
  if (state === undefined || state.start !== windowStart(consumedAt, rule.windowMs)) return state;
  return { start: state.start, count: Math.max(0, state.count - cost) };
});
