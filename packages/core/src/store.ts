import type { Algorithm, Rule, RuleResult } from './rules/types.js';

/** Where "now" comes from: the caller passes it, or the store reads its own clock (Redis `TIME`). */
export type ClockSource = 'caller' | 'store';

/** One rule applied to one storage key. */
export interface StoreCheck {
  readonly key: string;
  readonly rule: Rule;
  /**
   * When the limiter built the key: the part before its hash tag (`<prefix>:<rule>:`), with `id`
   * the encoded identifier inside it, so that `key === scope + "{" + id + "}"` (see `splitKey`).
   * An in-process store can index by the id (the caller's own string when short and plain)
   * instead of the key.
   */
  readonly scope?: string;
  readonly id?: string;
}

/** An atomic, all-or-nothing charge of `cost` against every check. */
export interface ConsumeRequest {
  readonly checks: readonly StoreCheck[];
  /** A whole number ≥ 0. */
  readonly cost: number;
  /** Epoch ms from the caller's clock; omitted to use the store's clock. */
  readonly now?: number;
  /** The lease taken by concurrency rules among the checks. */
  readonly leaseId?: string;
}

/** What a store answers to consume and peek: one result per check, in order, and the time it used. */
export interface ConsumeResponse {
  /** True only when every check allowed the call (and so every check was charged). */
  readonly allowed: boolean;
  readonly now: number;
  readonly results: readonly RuleResult[];
}

/** A read-only look: each result is what a call of cost 1 would get, with nothing charged. */
export interface PeekRequest {
  readonly checks: readonly StoreCheck[];
  readonly now?: number;
}

/** Gives back `cost` units charged at `consumedAt` (for example when a response should not count). */
export interface RefundRequest {
  readonly checks: readonly StoreCheck[];
  readonly cost: number;
  readonly consumedAt: number;
  readonly now?: number;
}

/** Ends lease `leaseId` under every concurrency check given. */
export interface ReleaseRequest {
  readonly checks: readonly StoreCheck[];
  readonly leaseId: string;
  readonly now?: number;
}

/** What a store declares about itself. Declared, never probed. */
export interface StoreCapabilities {
  /** Clock sources it accepts. Every store accepts `caller`. */
  readonly clocks: readonly ClockSource[];
  /** Algorithms it implements. */
  readonly algorithms: readonly Algorithm[];
}

/**
 * The storage contract. Each method is atomic and, for remote stores, one round trip.
 * Implement it to plug in any backend; `@rl/conformance` proves an implementation.
 *
 * - `consume` charges every check or none: if any rule denies, nothing is written, whatever the cost.
 * - `peek` never writes.
 * - A store failure rejects with a `RateLimitError` (`RL_STORE_UNAVAILABLE`, `RL_STORE_TIMEOUT`, ...);
 *   a denial is never an error.
 */
export interface Store {
  /** A short backend name, such as `memory`, `redis` or `upstash`. */
  readonly name: string;
  /** True when several processes see the same counters. */
  readonly shared: boolean;
  readonly supports: StoreCapabilities;
  consume(request: ConsumeRequest): Promise<ConsumeResponse>;
  peek(request: PeekRequest): Promise<ConsumeResponse>;
  refund(request: RefundRequest): Promise<void>;
  /** Resolves true when the lease was held (and is now released). */
  release(request: ReleaseRequest): Promise<boolean>;
  /** Forgets the given keys entirely. */
  reset(keys: readonly string[]): Promise<void>;
  /** Releases connections and timers. Calls after close reject with `RL_CLOSED`. */
  close(): Promise<void>;
}

/**
 * An optional capability of in-process stores: answering a consume synchronously, with exactly the
 * semantics of `consume`. Limiters use it to skip promise hops on the hot path; the store must still
 * implement `consume`. A wrapper that spreads such a store (`{ ...store, consume }`) must drop or
 * override this method too, or the limiter will bypass its `consume`. The response (and its
 * `results`) may be reused by the store's next call: read it before calling the store again.
 */
export const SYNC_CONSUME: unique symbol = Symbol.for('@rl/sync-consume');

/** A store that can answer a consume synchronously (see {@link SYNC_CONSUME}). */
export interface SyncConsumer {
  [SYNC_CONSUME](request: ConsumeRequest): ConsumeResponse;
}

/** The store's synchronous consume, bound, when it has one. */
export function syncConsumer(store: Store): ((request: ConsumeRequest) => ConsumeResponse) | undefined {
  const method = (store as Partial<SyncConsumer>)[SYNC_CONSUME];
  return typeof method === 'function' ? method.bind(store) : undefined;
}
