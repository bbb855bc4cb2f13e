/** The algorithms @rl implements, identically in every store. */
export type Algorithm = 'fixed-window' | 'sliding-window' | 'sliding-log' | 'token-bucket' | 'gcra' | 'concurrency';

/** Every algorithm name, in a stable order (their index is the wire code used by the Lua scripts). */
export const ALGORITHMS: readonly Algorithm[] = [
  'fixed-window',
  'sliding-window',
  'sliding-log',
  'token-bucket',
  'gcra',
  'concurrency',
];

/**
 * A validated, normalised rule. Every field is a safe integer so that every store (JavaScript
 * or Lua on doubles) computes the same decisions bit for bit.
 *
 * - `limit`: requests (cost units) per window; bucket capacity; concurrent leases.
 * - `windowMs`: the window; for the token bucket the time to refill from empty; for concurrency the lease time.
 * - `refillRate` / `intervalMs`: token bucket only — `refillRate` tokens every `intervalMs`.
 * - `leaseMs`: concurrency only — a lease not released within it expires.
 */
export interface Rule {
  readonly name: string;
  readonly algorithm: Algorithm;
  readonly limit: number;
  readonly windowMs: number;
  readonly refillRate: number;
  readonly intervalMs: number;
  readonly leaseMs: number;
}

/** What a single rule says about one call. Times are epoch milliseconds. */
export interface RuleResult {
  readonly allowed: boolean;
  /** Units left after this call (what was left before it, when denied). */
  readonly remaining: number;
  /** When the quota is whole again (remaining === limit). Equals `now` when nothing is used. */
  readonly resetAt: number;
  /** 0 when allowed; otherwise the wait until the same call could be admitted (≥ 1). */
  readonly retryAfterMs: number;
}
