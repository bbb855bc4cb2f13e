import { untilWhole } from './arithmetic.js';
import type { AlgorithmModel, ConcurrencyState } from './types.js';

function liveLeases(state: ConcurrencyState | undefined, now: number): Map<string, number> {
  const leases = new Map<string, number>();
  if (state === undefined) return leases;
  for (const [id, expiresAt] of state.leases) if (expiresAt > now) leases.set(id, expiresAt);
  return leases;
}

function latest(leases: ReadonlyMap<string, number>, now: number): number {
  let at = now;
  for (const expiresAt of leases.values()) at = Math.max(at, expiresAt);
  return at;
}

/**
 * Concurrency leases. A call with cost ≥ 1 takes the lease `leaseId` (taking a lease already held
 * renews it and uses no more capacity); cost 0 only reports. Leases expire after `leaseMs`.
 */
export const concurrencyModel: AlgorithmModel<ConcurrencyState> & {
  release(
    state: ConcurrencyState | undefined,
    leaseId: string,
    now: number,
  ): { state: ConcurrencyState; released: boolean };
} = {
  consume(state, rule, cost, now, leaseId = '') {
    const { limit, leaseMs } = rule;
    const leases = liveLeases(state, now);
    const held = leases.has(leaseId);
    const inUse = leases.size;
    const need = cost > 0 && !held ? 1 : 0;
    if (inUse + need <= limit) {
      if (cost > 0) leases.set(leaseId, now + leaseMs);
      return {
        state: { leases },
        result: { allowed: true, remaining: limit - leases.size, resetAt: latest(leases, now), retryAfterMs: 0 },
      };
    }
    let earliest = Number.POSITIVE_INFINITY;
    for (const expiresAt of leases.values()) earliest = Math.min(earliest, expiresAt);
    const resetAt = latest(leases, now);
    return {
      state: state ?? { leases: new Map() },
      result: {
        allowed: false,
        remaining: Math.max(0, limit - inUse),
        resetAt,
        retryAfterMs: Number.isFinite(earliest) ? Math.max(1, earliest - now) : untilWhole(resetAt, now),
      },
    };
  },

  refund(state) {
    return state;
  },

  release(state, leaseId, now) {
    const leases = liveLeases(state, now);
    const released = leases.delete(leaseId);
    return { state: { leases }, released };
  },

  expiresAt(state) {
    let at = 0;
    for (const expiresAt of state.leases.values()) at = Math.max(at, expiresAt);
    return at;
  },
};
