import { type Decision, toDecision } from '../decision.js';
import type { RateLimitError } from '../errors.js';
import { storeCall } from '../limiter/store-call.js';
import type { Rule } from '../rules/types.js';
import type { ConsumeResponse, Store, StoreCheck } from '../store.js';
import { createFailureDecider, type FailedCall } from './decide-on-failure.js';
import { createEmitter } from './events.js';
import type { ResolvedFailure } from './failure-options.js';
import { createGuard, type GuardedStore, isGuardedStore } from './guard-store.js';
import { isStoreFailure } from './store-failure.js';
import { type StoreRunner, subscribe } from './store-runner.js';

/**
 * The runner of a limiter with a failure policy: calls go through a guard (timeout + circuit breaker;
 * the store's own guard when it is a guarded store, shared with other limiters) and store failures
 * become Decisions; refund and release are best effort; events and health report the policy.
 */
export function createPolicyRunner(
  store: Store,
  rules: readonly Rule[],
  failure: ResolvedFailure,
  now: () => number,
): StoreRunner {
  const name = store.name;
  const emitter = createEmitter(failure.guard.onEvent);
  const shared = isGuardedStore(store) ? store : undefined;
  const guard: GuardedStore =
    shared ?? createGuard(store, { ...failure.guard, onEvent: (event) => emitter.emit(event) });
  const target: Store = guard;
  const decide = createFailureDecider(rules, failure, now);
  const fallbackStore = failure.fallbackStore;
  const fallbackByName = new Map<string, Rule>();
  if (fallbackStore) {
    failure.modes.forEach((mode, i) => {
      if (mode === 'fallback') fallbackByName.set((rules[i] as Rule).name, failure.fallbackRules[i] as Rule);
    });
  }
  const toFallback = (checks: readonly StoreCheck[]): StoreCheck[] =>
    checks.flatMap((check) => {
      const rule = fallbackByName.get(check.rule.name);
      return rule ? [{ ...check, rule }] : [];
    });

  let downSince: number | undefined;
  const entered = (error: RateLimitError) => {
    if (downSince !== undefined) return;
    downSince = now();
    emitter.emit({ type: 'fallback_entered', backend: name, at: downSince, policy: failure.policy, error });
  };
  const recovered = () => {
    if (downSince === undefined) return;
    const at = now();
    emitter.emit({ type: 'recovered', backend: name, at, downtimeMs: at - downSince });
    downSince = undefined;
  };

  async function call<T>(operation: string, work: () => Promise<T>): Promise<T> {
    const result = await storeCall(name, operation, work);
    recovered();
    return result;
  }

  /** A store failure becomes a Decision; anything else (bad input, a closed store) rejects. */
  async function decideFailure(error: unknown, failed: FailedCall): Promise<Decision> {
    if (!isStoreFailure(error)) throw error;
    entered(error);
    return decide(error, failed);
  }

  /** Refund and release are best effort: a store failure (already reported as an event) is swallowed. */
  async function bestEffort<T>(operation: string, work: () => Promise<T>, onFailure: T): Promise<T> {
    try {
      return await call(operation, work);
    } catch (error) {
      if (!isStoreFailure(error)) throw error;
      return onFailure;
    }
  }

  return {
    async consume(request) {
      let response: ConsumeResponse;
      try {
        response = await call('consume', () => target.consume(request));
      } catch (error) {
        return decideFailure(error, { ...request, operation: 'consume' });
      }
      return toDecision(rules, response.results, response.allowed, request.cost, response.now, request.leaseId);
    },

    async peek(request) {
      let response: ConsumeResponse;
      try {
        response = await call('peek', () => target.peek(request));
      } catch (error) {
        return decideFailure(error, { checks: request.checks, cost: 1, operation: 'peek' });
      }
      return toDecision(rules, response.results, response.allowed, 1, response.now);
    },

    async refund(request, decision) {
      if (decision.reason === 'ok') {
        await bestEffort('refund', () => target.refund(request), undefined);
        return;
      }
      if (decision.reason !== 'fallback' || !fallbackStore) return;
      const checks = toFallback(request.checks);
      if (checks.length > 0)
        await fallbackStore.refund({ checks, cost: request.cost, consumedAt: decision.now, now: now() });
    },

    async release(request) {
      const held = await bestEffort('release', () => target.release(request), false);
      const checks = fallbackStore ? toFallback(request.checks) : [];
      if (!fallbackStore || checks.length === 0) return held;
      const local = await fallbackStore.release({ checks, leaseId: request.leaseId, now: now() });
      return held || local;
    },

    async reset(keys) {
      if (fallbackStore) await fallbackStore.reset(keys);
      await call('reset', () => target.reset(keys));
    },

    async health(prefix) {
      const report = await guard.health({ prefix });
      if (report.status !== 'down') recovered();
      const fallbackActive = fallbackByName.size > 0 && report.status === 'down';
      return {
        ...report,
        status: fallbackActive ? 'degraded' : report.status,
        policy: failure.policy,
        fallbackActive,
      };
    },

    on: (listener) => subscribe(emitter, shared, listener),
  };
}
