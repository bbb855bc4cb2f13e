import { untilWhole, windowStart } from './arithmetic.js';
import { type NumericKernel, objectModel } from './registers.js';
import type { SlidingWindowState } from './types.js';

/** Sliding-window counter in registers: `s0` = current window start, `s1` = its count, `s2` = the previous window's. */
export const slidingWindowKernel: NumericKernel<SlidingWindowState> = {
  step(r, rule, cost, now) {
    const { limit, windowMs: w } = rule;
    let start = windowStart(now, w);
    let current = 0;
    let previous = 0;
    if (r.present) {
      if (r.s0 >= start) {
        start = r.s0;
        current = r.s1;
        previous = r.s2;
      } else if (r.s0 === start - w) {
        previous = r.s1;
      }
    }
    const elapsed = Math.max(0, now - start);
    const used = previous * (w - elapsed) + current * w;
    const capacity = limit * w;
    r.s0 = start;
    r.s2 = previous;
    if (used + cost * w <= capacity) {
      const next = current + cost;
      r.s1 = next;
      r.allowed = true;
      r.remaining = Math.floor((capacity - used - cost * w) / w);
      r.resetAt = next > 0 ? start + 2 * w : previous > 0 ? start + w : now;
      r.retryAfterMs = 0;
      return;
    }
    const resetAt = current > 0 ? start + 2 * w : start + w;
    let retryAfterMs: number;
    if (cost > limit) {
      retryAfterMs = untilWhole(resetAt, now);
    } else if (current + cost <= limit) {
      // Wait inside this window until enough of the previous window has slid out.
      const lag = Math.max(0, start - now);
      retryAfterMs = lag + w - Math.floor(((limit - current - cost) * w) / previous) - elapsed;
    } else {
      // Wait for the next window, where this window's count becomes the weighted previous one.
      const intoNext = Math.max(0, w - Math.floor(((limit - cost) * w) / current));
      retryAfterMs = start + w - now + intoNext;
    }
    r.s1 = current;
    r.allowed = false;
    r.remaining = Math.max(0, Math.floor((capacity - used) / w));
    r.resetAt = resetAt;
    r.retryAfterMs = retryAfterMs;
  },
  expiresAt: (r, rule) => (r.s1 > 0 ? r.s0 + 2 * rule.windowMs : r.s0 + rule.windowMs),
  load(r, state) {
    r.present = state !== undefined;
    if (state !== undefined) {
      r.s0 = state.start;
      r.s1 = state.current;
      r.s2 = state.previous;
    }
  },
  save: (r) => ({ start: r.s0, current: r.s1, previous: r.s2 }),
};

/**
 * Sliding-window counter. The estimate is `previous × (window − elapsed) / window + current`; every
 * comparison is done multiplied by `window` so it stays in exact integers (limit × window ≤ 2^53 is
 * checked when the rule is defined).
 */
export const slidingWindowModel = objectModel(slidingWindowKernel, (state, rule, cost, _now, consumedAt) => {
  if (state === undefined) return state;
  const charged = windowStart(consumedAt, rule.windowMs);
  if (state.start === charged) {
    return { start: state.start, current: Math.max(0, state.current - cost), previous: state.previous };
  }
  if (state.start === charged + rule.windowMs) {
    return { start: state.start, current: state.current, previous: Math.max(0, state.previous - cost) };
  }
  return state;
});
