import { type Decision, toDecision } from '../decision.js';
import { storeCall, toStoreFailure } from '../limiter/store-call.js';
import type { Rule } from '../rules/types.js';
import {
  type ConsumeRequest,
  type ConsumeResponse,
  type PeekRequest,
  type RefundRequest,
  type ReleaseRequest,
  type Store,
  syncConsumer,
} from '../store.js';
import { createEmitter, type EventEmitter, type RateLimitEventListener } from './events.js';
import type { ResolvedFailure } from './failure-options.js';
import { createGuard, type GuardedStore, isGuardedStore } from './guard-store.js';
import type { LimiterHealth } from './health.js';
import { createPolicyRunner } from './policy-runner.js';

/** What stands between a limiter and its store: the store calls, the failure policy, health and events. */
export interface StoreRunner {
  /** True when `consume` finishes with the request before it returns, so a caller may reuse the request object. */
  readonly synchronous?: boolean;
  consume(request: ConsumeRequest): Promise<Decision>;
  peek(request: PeekRequest): Promise<Decision>;
  refund(request: RefundRequest, decision: Decision): Promise<void>;
  release(request: ReleaseRequest): Promise<boolean>;
  reset(keys: readonly string[]): Promise<void>;
  health(prefix: string): Promise<LimiterHealth>;
  on(listener: RateLimitEventListener): () => void;
}

/** Subscribes to the limiter's events and, when its store is a shared guarded store, to the store's too. */
export function subscribe(
  own: EventEmitter,
  shared: GuardedStore | undefined,
  listener: RateLimitEventListener,
): () => void {
  const offOwn = own.on(listener);
  const offShared = shared?.on(listener);
  return () => {
    offOwn();
    offShared?.();
  };
}

/**
 * Without a failure policy, calls go straight to the store (no timer, no breaker: the hot path is
 * what it was) and store failures reject; `health()` probes through a pass-through guard made on
 * first use. With a policy, see {@link createPolicyRunner}.
 */
export function createStoreRunner(
  store: Store,
  rules: readonly Rule[],
  failure: ResolvedFailure | undefined,
  now: () => number,
): StoreRunner {
  if (failure) return createPolicyRunner(store, rules, failure, now);
  const name = store.name;
  const consumeNow = syncConsumer(store);
  const emitter = createEmitter();
  const shared = isGuardedStore(store) ? store : undefined;
  let guard = shared;
  return {
    synchronous: consumeNow !== undefined,
    consume(request) {
      try {
        if (consumeNow !== undefined) {
          const response = consumeNow(request);
          return Promise.resolve(
            toDecision(rules, response.results, response.allowed, request.cost, response.now, request.leaseId),
          );
        }
        const decide = (response: ConsumeResponse): Decision =>
          toDecision(rules, response.results, response.allowed, request.cost, response.now, request.leaseId);
        return store.consume(request).then(decide, (error: unknown) => {
          throw toStoreFailure(name, 'consume', error);
        });
      } catch (error) {
        return Promise.reject(toStoreFailure(name, 'consume', error));
      }
    },
    async peek(request) {
      const response = await storeCall(name, 'peek', () => store.peek(request));
      return toDecision(rules, response.results, response.allowed, 1, response.now);
    },
    async refund(request, decision) {
      if (decision.reason === 'ok') await storeCall(name, 'refund', () => store.refund(request));
    },
    release: (request) => storeCall(name, 'release', () => store.release(request)),
    reset: (keys) => storeCall(name, 'reset', () => store.reset(keys)),
    async health(prefix) {
      guard ??= createGuard(store, {
        timeoutMs: undefined,
        failures: Number.POSITIVE_INFINITY,
        cooldownMs: 1000,
        onEvent: undefined,
        now,
      });
      return { ...(await guard.health({ prefix })), policy: 'none', fallbackActive: false };
    },
    on: (listener) => subscribe(emitter, shared, listener),
  };
}
