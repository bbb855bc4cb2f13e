import { untilWhole } from './arithmetic.js';
import type { AlgorithmModel, LogEntry, SlidingLogState } from './types.js';

/** Entries still inside the window ending at `now` (an entry at `at` counts while `now < at + window`). */
function live(entries: readonly LogEntry[], windowMs: number, now: number): LogEntry[] {
  return entries.filter((entry) => entry.at + windowMs > now);
}

function lastExpiry(entries: readonly LogEntry[], windowMs: number, now: number): number {
  let latest = now;
  for (const entry of entries) latest = Math.max(latest, entry.at + windowMs);
  return latest;
}

/** Inserts keeping entries ordered by time (stable for equal times). */
function insert(entries: LogEntry[], entry: LogEntry): LogEntry[] {
  let index = entries.length;
  while (index > 0 && (entries[index - 1] as LogEntry).at > entry.at) index--;
  entries.splice(index, 0, entry);
  return entries;
}

/** Sliding log: exact. Every admitted call with a cost > 0 is one entry, oldest first. */
export const slidingLogModel: AlgorithmModel<SlidingLogState> = {
  consume(state, rule, cost, now) {
    const { limit, windowMs } = rule;
    const entries = live(state?.entries ?? [], windowMs, now);
    let used = 0;
    for (const entry of entries) used += entry.cost;
    if (used + cost <= limit) {
      const next = cost > 0 ? insert(entries, { at: now, cost }) : entries;
      return {
        state: { entries: next },
        result: {
          allowed: true,
          remaining: limit - used - cost,
          resetAt: lastExpiry(next, windowMs, now),
          retryAfterMs: 0,
        },
      };
    }
    const resetAt = lastExpiry(entries, windowMs, now);
    let retryAfterMs = untilWhole(resetAt, now);
    if (cost <= limit) {
      const mustFree = used + cost - limit;
      let freed = 0;
      for (const entry of entries) {
        freed += entry.cost;
        if (freed >= mustFree) {
          retryAfterMs = entry.at + windowMs - now;
          break;
        }
      }
    }
    return {
      state: state ?? { entries: [] },
      result: { allowed: false, remaining: Math.max(0, limit - used), resetAt, retryAfterMs },
    };
  },

  refund(state, rule, cost, now, consumedAt) {
    if (state === undefined) return state;
    const entries = live(state.entries, rule.windowMs, now);
    const index = entries.findIndex((entry) => entry.at === consumedAt && entry.cost === cost);
    if (index >= 0) entries.splice(index, 1);
    return { entries };
  },

  expiresAt(state, rule) {
    let latest = 0;
    for (const entry of state.entries) latest = Math.max(latest, entry.at + rule.windowMs);
    return latest;
  },
};
