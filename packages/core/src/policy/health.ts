import { buildKey } from '../keys/build-key.js';
import { fixedWindow } from '../rules/define.js';
import type { PeekRequest, Store } from '../store.js';
import type { CircuitState } from './circuit-breaker.js';

/**
 * - `ok`: the store answers;
 * - `degraded`: it answers slowly (over half the call timeout), or it fails and a fallback limiter is
 *   enforcing per-instance limits meanwhile;
 * - `down`: it does not answer, and requests are decided by fail-open / fail-closed (or rejected).
 */
export type HealthStatus = 'ok' | 'degraded' | 'down';

/** The last store failure, in a JSON-friendly shape. */
export interface HealthError {
  readonly code: string;
  readonly message: string;
  /** Epoch ms. */
  readonly at: number;
}

/** What `health()` reports about a store. JSON-serialisable, for a health endpoint. */
export interface StoreHealth {
  /** The store's name: `redis`, `upstash`, `memory`, ... */
  readonly backend: string;
  /** Whether several processes share the counters. */
  readonly shared: boolean;
  readonly status: HealthStatus;
  /** Round trip of this check's probe (a read-only script call), ms; null when it failed or was skipped. */
  readonly latencyMs: number | null;
  readonly circuit: CircuitState;
  readonly consecutiveFailures: number;
  readonly lastError: HealthError | null;
  /** Epoch ms. */
  readonly checkedAt: number;
}

const PROBE_RULE = fixedWindow({ limit: 1, window: 1000, name: 'health' });

/** The read-only request a health check sends: a peek at `<prefix>:health:{probe}`, or none if unsupported. */
export function probeRequest(store: Store, prefix = 'rl'): PeekRequest | undefined {
  if (!store.supports.algorithms.includes('fixed-window')) return undefined;
  return { checks: [{ key: buildKey(prefix, PROBE_RULE.name, 'probe'), rule: PROBE_RULE }] };
}

/**
 * What `limiter.health()` reports: the store's health plus the failure policy in force.
 * `status` is `degraded` instead of `down` when a fallback limiter enforces per-instance limits.
 */
export interface LimiterHealth extends StoreHealth {
  /** The limiter's failure policy; `none` when store failures reject. */
  readonly policy: 'fail-open' | 'fail-closed' | 'fallback' | 'none';
  /** True when calls are being decided by the in-process fallback limiter right now. */
  readonly fallbackActive: boolean;
}
