/** A start time aligned to every whole second, minute, hour and day (2024-10-04T00:00:00Z). */
export const ALIGNED_EPOCH = 86_400_000 * 20_000;

/** A clock that only moves when told to: deterministic time for algorithm tests. */
export interface VirtualClock {
  now(): number;
  advance(ms: number): number;
  set(at: number): void;
}

/**
 * @example
 * const clock = virtualClock()
 * createLimiter({ store, rules, clock: 'caller', now: clock.now })
 * clock.advance(60_000)
 */
export function virtualClock(start: number = ALIGNED_EPOCH): VirtualClock {
  let current = start;
  return {
    now: () => current,
    advance(ms) {
      current += ms;
      return current;
    },
    set(at) {
      current = at;
    },
  };
}
