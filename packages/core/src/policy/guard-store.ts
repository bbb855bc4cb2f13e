import type { RateLimitError } from '../errors.js';
import { storeCall } from '../limiter/store-call.js';
import type { Store } from '../store.js';
import { type CircuitBreaker, type CircuitState, createCircuitBreaker } from './circuit-breaker.js';
import { createEmitter, type RateLimitEventListener } from './events.js';
import { type GuardOptions, type ResolvedGuardOptions, resolveGuardOptions } from './guard-options.js';
import { type HealthError, probeRequest, type StoreHealth } from './health.js';
import { circuitOpenError, isStoreFailure, storeTimeoutError } from './store-failure.js';
import { monotonicNow, startTimer } from './timers.js';

/** A store behind a timeout and a circuit breaker, with health checks and events. */
export interface GuardedStore extends Store {
  /** The store being guarded. */
  readonly inner: Store;
  readonly options: ResolvedGuardOptions;
  readonly circuit: CircuitState;
  /** Probes the store with one read-only call (skipped while the circuit is open) and reports. */
  health(options?: { prefix?: string }): Promise<StoreHealth>;
  /** Subscribes to `store_error`, `circuit_open` and `circuit_closed`; returns the unsubscribe function. */
  on(listener: RateLimitEventListener): () => void;
}

const GUARDED = new WeakSet<Store>();

/** True when `store` came from {@link guardStore}. */
export function isGuardedStore(store: Store): store is GuardedStore {
  return GUARDED.has(store);
}

function settleWithin<T>(work: Promise<T>, timeoutMs: number | undefined, onTimeout: () => Error): Promise<T> {
  if (timeoutMs === undefined) return work;
  return new Promise<T>((resolve, reject) => {
    const cancel = startTimer(timeoutMs, () => reject(onTimeout()));
    work.then(
      (value) => {
        cancel();
        resolve(value);
      },
      (error: unknown) => {
        cancel();
        reject(error);
      },
    );
  });
}

/** The probe timeout of guards that have no call timeout. */
const HEALTH_TIMEOUT_MS = 1000;

const round = (ms: number): number => Math.round(ms * 100) / 100;

/**
 * Wraps any store so that no call waits longer than `timeout`, repeated failures open a circuit
 * breaker (calls then fail at once with `RL_STORE_UNAVAILABLE` instead of waiting on a dead server;
 * one probe per `cooldown` checks whether it is back), and every failure is reported as an event.
 * Failures still reject: a limiter's `failure` policy turns them into decisions. Limiters given a
 * guarded store share its timeout, breaker and health (their own `failure.timeout` / `breaker` are
 * ignored); guarding a guarded store returns it unchanged.
 *
 * @example
 * import { createLimiter, guardStore, fixedWindow } from '@rl/core'
 *
 * const store = guardStore(redisStore({ client }), { timeout: 150, breaker: { failures: 3, cooldown: '500ms' } })
 * store.on((event) => console.warn(event.type, event.backend))
 * const limiter = createLimiter({ store, rules: fixedWindow({ limit: 60, window: '1m' }), failure: 'fail-open' })
 * console.log(await store.health()) // { backend: 'redis', status: 'ok', latencyMs: 0.4, ... }
 */
export function guardStore(store: Store, options: GuardOptions = {}): GuardedStore {
  if (isGuardedStore(store)) return store;
  const resolved = resolveGuardOptions(options);
  return createGuard(store, resolved);
}

/** Builds the guard from validated options (limiters use it with their own `failure` options). */
export function createGuard(inner: Store, options: ResolvedGuardOptions): GuardedStore {
  const { name } = inner;
  const { timeoutMs, now } = options;
  const emitter = createEmitter(options.onEvent);
  const breaker: CircuitBreaker = createCircuitBreaker(options.failures, options.cooldownMs, now);
  let lastError: RateLimitError | undefined;
  let lastErrorAt = 0;

  async function run<T>(operation: string, work: () => Promise<T>): Promise<T> {
    const admission = breaker.admit();
    if (admission === 'skip') {
      throw circuitOpenError(name, operation, breaker.consecutiveFailures, breaker.retryAt, lastError);
    }
    const probe = admission === 'probe';
    try {
      const result = await settleWithin(storeCall(name, operation, work), timeoutMs, () =>
        storeTimeoutError(name, operation, timeoutMs as number),
      );
      if (breaker.success() === 'closed') emitter.emit({ type: 'circuit_closed', backend: name, at: now() });
      return result;
    } catch (error) {
      if (!isStoreFailure(error)) {
        breaker.neutral(probe);
        throw error;
      }
      lastError = error;
      lastErrorAt = now();
      const transition = breaker.failure(probe);
      const consecutiveFailures = breaker.consecutiveFailures;
      emitter.emit({ type: 'store_error', backend: name, at: lastErrorAt, operation, error, consecutiveFailures });
      if (transition === 'opened') {
        emitter.emit({
          type: 'circuit_open',
          backend: name,
          at: lastErrorAt,
          error,
          consecutiveFailures,
          retryAt: breaker.retryAt,
        });
      }
      throw error;
    }
  }

  const lastErrorView = (): HealthError | null =>
    lastError ? { code: lastError.code, message: lastError.message, at: lastErrorAt } : null;

  const guarded: GuardedStore = {
    name,
    shared: inner.shared,
    supports: inner.supports,
    inner,
    options,
    get circuit() {
      return breaker.state;
    },
    consume: (request) => run('consume', () => inner.consume(request)),
    peek: (request) => run('peek', () => inner.peek(request)),
    refund: (request) => run('refund', () => inner.refund(request)),
    release: (request) => run('release', () => inner.release(request)),
    reset: (keys) => run('reset', () => inner.reset(keys)),
    close: () => inner.close(),
    on: (listener) => emitter.on(listener),

    async health(healthOptions = {}) {
      const request = probeRequest(inner, healthOptions.prefix);
      let latencyMs: number | null = null;
      if (request && !breaker.wouldSkip()) {
        const started = monotonicNow();
        try {
          // A guard without a timeout of its own still bounds the probe, so health() always settles.
          const own = timeoutMs === undefined ? HEALTH_TIMEOUT_MS : undefined;
          await settleWithin(
            run('health', () => inner.peek(request)),
            own,
            () => storeTimeoutError(name, 'health', HEALTH_TIMEOUT_MS),
          );
          latencyMs = round(monotonicNow() - started);
        } catch {
          // Reported through lastError / consecutiveFailures below.
        }
      }
      const answering = request ? latencyMs !== null : breaker.state === 'closed' && breaker.consecutiveFailures === 0;
      const slow = latencyMs !== null && timeoutMs !== undefined && latencyMs > timeoutMs / 2;
      return {
        backend: name,
        shared: inner.shared,
        status: answering ? (slow ? 'degraded' : 'ok') : 'down',
        latencyMs,
        circuit: breaker.state,
        consecutiveFailures: breaker.consecutiveFailures,
        lastError: lastErrorView(),
        checkedAt: now(),
      };
    },
  };
  GUARDED.add(guarded);
  return guarded;
}
