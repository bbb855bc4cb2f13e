import { untilWhole } from './arithmetic.js';
import { type NumericKernel, objectModel } from './registers.js';
import type { GcraState } from './types.js';

/** GCRA in registers: `s0` = tat, `s1` = frac (the theoretical arrival time is `tat + frac / limit`). */
export const gcraKernel: NumericKernel<GcraState> = {
  step(r, rule, cost, now) {
    const { limit, windowMs: w } = rule;
    const capacity = w * limit;
    let tat = now;
    let frac = 0;
    if (r.present && (r.s0 > now || (r.s0 === now && r.s1 > 0))) {
      tat = r.s0;
      frac = r.s1;
    }
    const backlog = (tat - now) * limit + frac;
    const add = cost * w;
    if (backlog + add <= capacity) {
      const total = frac + add;
      const after = backlog + add;
      r.s0 = tat + Math.floor(total / limit);
      r.s1 = total % limit;
      r.allowed = true;
      r.remaining = Math.floor((capacity - after) / w);
      r.resetAt = now + Math.ceil(after / limit);
      r.retryAfterMs = 0;
      return;
    }
    const resetAt = now + Math.ceil(backlog / limit);
    r.s0 = tat;
    r.s1 = frac;
    r.allowed = false;
    r.remaining = Math.max(0, Math.floor((capacity - backlog) / w));
    r.resetAt = resetAt;
    r.retryAfterMs = cost > limit ? untilWhole(resetAt, now) : Math.ceil((backlog + add - capacity) / limit);
  },
  expiresAt: (r) => (r.s1 > 0 ? r.s0 + 1 : r.s0),
  load(r, state) {
    r.present = state !== undefined;
    if (state !== undefined) {
      r.s0 = state.tat;
      r.s1 = state.frac;
    }
  },
  save: (r) => ({ tat: r.s0, frac: r.s1 }),
};

/**
 * GCRA with a burst of `limit`. Time is counted in units of 1/limit ms ("scaled"), so the emission
 * interval `window / limit` is exactly `window` scaled units and nothing is rounded. The state is the
 * theoretical arrival time `tat + frac / limit`.
 */
export const gcraModel = objectModel(gcraKernel, (state, rule, cost, now) => {
  if (state === undefined) return state;
  const { limit } = rule;
  const backlog = (state.tat - now) * limit + state.frac - cost * rule.windowMs;
  if (backlog <= 0) return undefined;
  return { tat: now + Math.floor(backlog / limit), frac: backlog % limit };
});
