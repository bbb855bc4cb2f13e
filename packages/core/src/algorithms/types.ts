import type { Rule, RuleResult } from '../rules/types.js';

/** Fixed window: the aligned window start and the units used in it. */
export interface FixedWindowState {
  readonly start: number;
  readonly count: number;
}

/** Sliding-window counter: the current aligned window, its count and the previous window's count. */
export interface SlidingWindowState {
  readonly start: number;
  readonly current: number;
  readonly previous: number;
}

/** One admitted call in a sliding log. */
export interface LogEntry {
  readonly at: number;
  readonly cost: number;
}

/** Sliding log: admitted calls, oldest first. */
export interface SlidingLogState {
  readonly entries: readonly LogEntry[];
}

/** Token bucket: tokens left and the time of the last refill step. */
export interface TokenBucketState {
  readonly tokens: number;
  readonly refilledAt: number;
}

/**
 * GCRA: the theoretical arrival time, `tat + frac / limit` milliseconds, kept as two integers so
 * that `window / limit` never has to be rounded.
 */
export interface GcraState {
  readonly tat: number;
  readonly frac: number;
}

/** Concurrency: lease id → expiry time. */
export interface ConcurrencyState {
  readonly leases: ReadonlyMap<string, number>;
}

/** The state of any algorithm. */
export type AlgorithmState =
  | FixedWindowState
  | SlidingWindowState
  | SlidingLogState
  | TokenBucketState
  | GcraState
  | ConcurrencyState;

/** The outcome of a transition: the state to store if the whole call is admitted, and the rule's result. */
export interface Transition<S> {
  readonly state: S;
  readonly result: RuleResult;
}

/**
 * One algorithm as pure functions of `(state, rule, cost, now)`. They never mutate their input and
 * never read a clock: the same arguments always give the same answer, which is what lets the Lua
 * scripts and the memory store be checked against them.
 */
export interface AlgorithmModel<S> {
  /** Charges `cost` units. When denied, `state` is the input state (nothing to write). */
  consume(state: S | undefined, rule: Rule, cost: number, now: number, leaseId?: string): Transition<S>;
  /** Gives back `cost` units charged at `consumedAt`; returns the new state (undefined: nothing left to keep). */
  refund(state: S | undefined, rule: Rule, cost: number, now: number, consumedAt: number): S | undefined;
  /** When the state can be forgotten without changing any future decision. */
  expiresAt(state: S, rule: Rule): number;
}
