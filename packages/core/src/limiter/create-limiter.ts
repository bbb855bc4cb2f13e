import type { Decision } from '../decision.js';
import { describeValue, RateLimitError } from '../errors.js';
import type { RateLimitEventListener } from '../policy/events.js';
import type { LimiterHealth } from '../policy/health.js';
import { createStoreRunner } from '../policy/store-runner.js';
import type { Rule } from '../rules/types.js';
import type { ClockSource, Store, StoreCheck } from '../store.js';
import { checkCache } from './check-cache.js';
import { newLeaseId } from './lease-id.js';
import { type LimiterOptions, resolveLimiterOptions } from './options.js';

/** Options of one `limit()` call. */
export interface LimitOptions {
  /** Units this call uses: a whole number ≥ 0. Default 1. */
  cost?: number;
}

/** A limiter bound to a store, a set of rules and a key prefix. */
export interface Limiter {
  readonly store: Store;
  readonly rules: readonly Rule[];
  readonly prefix: string;
  readonly clock: ClockSource;
  /** Charges `cost` against every rule, atomically. Resolves a Decision; a denial never throws. */
  limit(identifier: string, options?: LimitOptions): Promise<Decision>;
  /** What a call of cost 1 would get now, charging nothing. */
  peek(identifier: string): Promise<Decision>;
  /** Gives back what an admitted `decision` charged (for example, for responses that should not count). */
  refund(identifier: string, decision: Decision): Promise<void>;
  /** Forgets everything stored for `identifier` under this limiter's rules. */
  reset(identifier: string): Promise<void>;
  /** Takes a concurrency lease (and charges the other rules). `decision.leaseId` is what `release` needs. */
  acquire(identifier: string, options?: { leaseId?: string }): Promise<Decision>;
  /** Ends a lease; resolves true when it was held. */
  release(identifier: string, leaseId: string): Promise<boolean>;
  /** The storage keys used for `identifier`, one per rule. */
  keys(identifier: string): string[];
  /** Probes the store with one read-only call and reports backend, status, latency and the policy in force. Never rejects. */
  health(): Promise<LimiterHealth>;
  /** Subscribes to store errors, circuit changes, fallback entered and recovered; returns the unsubscribe function. */
  on(listener: RateLimitEventListener): () => void;
}

type MutableRequest = { checks: readonly StoreCheck[]; cost: number; now?: number; leaseId?: string };

function checkCost(cost: unknown): number {
  if (typeof cost !== 'number' || !Number.isSafeInteger(cost) || cost < 0) {
    throw new RateLimitError(
      'RL_INVALID_ARGUMENT',
      `Invalid option "cost": got ${describeValue(cost)}, expected a whole number ≥ 0.`,
      { details: { option: 'cost', value: cost } },
    );
  }
  return cost;
}

/**
 * Creates a limiter.
 *
 * @example
 * import { createLimiter, fixedWindow } from '@rl/core'
 * import { memoryStore } from '@rl/memory'
 *
 * const limiter = createLimiter({ store: memoryStore(), rules: fixedWindow({ limit: 100, window: '1m' }) })
 * const decision = await limiter.limit('192.168.1.1')
 * if (!decision.allowed) console.log(`retry in ${decision.retryAfterMs} ms`)
 */
export function createLimiter(options: LimiterOptions): Limiter {
  const { store, rules, prefix, clock, now, hasConcurrency, failure } = resolveLimiterOptions(options);
  const runner = createStoreRunner(store, rules, failure, now);

  const checksFor = checkCache(prefix, rules);
  const callerNow = (): number | undefined => (clock === 'caller' ? now() : undefined);

  // With a synchronous store, one request object serves every call (the store is done with it on return).
  const reused: MutableRequest | undefined = runner.synchronous ? { checks: [], cost: 0 } : undefined;

  function consume(identifier: string, cost: number, leaseId?: string): Promise<Decision> {
    const checks = checksFor(identifier);
    if (reused !== undefined && leaseId === undefined) {
      reused.checks = checks;
      reused.cost = cost;
      if (clock === 'caller') reused.now = now();
      return runner.consume(reused);
    }
    const request: MutableRequest = { checks, cost };
    if (clock === 'caller') request.now = now();
    if (leaseId !== undefined) request.leaseId = leaseId;
    return runner.consume(request);
  }

  return {
    store,
    rules,
    prefix,
    clock,
    keys: (identifier) => checksFor(identifier).map((check) => check.key),

    limit(identifier, limitOptions) {
      if (hasConcurrency) {
        return Promise.reject(
          new RateLimitError(
            'RL_INVALID_ARGUMENT',
            'This limiter has a concurrency rule: take leases with acquire() and end them with release().',
          ),
        );
      }
      try {
        const cost = limitOptions?.cost;
        return consume(identifier, cost === undefined ? 1 : checkCost(cost));
      } catch (error) {
        return Promise.reject(error);
      }
    },

    async acquire(identifier, acquireOptions = {}) {
      const leaseId = acquireOptions.leaseId ?? newLeaseId();
      if (typeof leaseId !== 'string' || leaseId.length === 0 || leaseId.length > 128) {
        throw new RateLimitError(
          'RL_INVALID_ARGUMENT',
          `Invalid option "leaseId": got ${describeValue(leaseId)}, expected 1 to 128 characters.`,
        );
      }
      return consume(identifier, 1, leaseId);
    },

    async release(identifier, leaseId) {
      const checks = checksFor(identifier).filter((check) => check.rule.algorithm === 'concurrency');
      if (checks.length === 0) return false;
      const at = callerNow();
      return runner.release({ checks, leaseId, ...(at === undefined ? {} : { now: at }) });
    },

    async peek(identifier) {
      const checks = checksFor(identifier);
      const at = callerNow();
      return runner.peek({ checks, ...(at === undefined ? {} : { now: at }) });
    },

    async refund(identifier, decision) {
      if (!decision.allowed || decision.cost === 0 || (decision.reason !== 'ok' && decision.reason !== 'fallback'))
        return;
      const checks = checksFor(identifier).filter((check) => check.rule.algorithm !== 'concurrency');
      if (checks.length === 0) return;
      const at = callerNow();
      const request = {
        checks,
        cost: decision.cost,
        consumedAt: decision.now,
        ...(at === undefined ? {} : { now: at }),
      };
      await runner.refund(request, decision);
    },

    async reset(identifier) {
      const keys = checksFor(identifier).map((check) => check.key);
      await runner.reset(keys);
    },

    health: () => runner.health(prefix),
    on: (listener) => runner.on(listener),
  };
}
