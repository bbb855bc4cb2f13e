import type { RateLimitError } from '../errors.js';
import type { FailurePolicy } from './failure-options.js';

interface EventBase {
  /** The store's name (`redis`, `upstash`, `memory`, ...). */
  readonly backend: string;
  /** Epoch ms when it happened. */
  readonly at: number;
}

/** A store call failed (error or timeout). Emitted for every failed call. */
export interface StoreErrorEvent extends EventBase {
  readonly type: 'store_error';
  readonly operation: string;
  readonly error: RateLimitError;
  readonly consecutiveFailures: number;
}

/** The circuit breaker opened: calls skip the store until `retryAt`, then one probe goes through. */
export interface CircuitOpenEvent extends EventBase {
  readonly type: 'circuit_open';
  readonly error: RateLimitError;
  readonly consecutiveFailures: number;
  readonly retryAt: number;
}

/** A call through an open (half-open) circuit succeeded: the store is used again. */
export interface CircuitClosedEvent extends EventBase {
  readonly type: 'circuit_closed';
}

/** A limiter made its first decision by failure policy after a healthy period. */
export interface FallbackEnteredEvent extends EventBase {
  readonly type: 'fallback_entered';
  /** The limiter's policy (rules may override it). */
  readonly policy: FailurePolicy;
  readonly error: RateLimitError;
}

/** A limiter that was deciding by failure policy got an answer from its store again. */
export interface RecoveredEvent extends EventBase {
  readonly type: 'recovered';
  /** From the first policy decision to this answer. */
  readonly downtimeMs: number;
}

/** Everything the failure machinery reports; switch on `type`. */
export type RateLimitEvent =
  | StoreErrorEvent
  | CircuitOpenEvent
  | CircuitClosedEvent
  | FallbackEnteredEvent
  | RecoveredEvent;

/** A listener; its exceptions are swallowed so reporting can never break limiting. */
export type RateLimitEventListener = (event: RateLimitEvent) => void;

/** A tiny typed emitter. */
export interface EventEmitter {
  on(listener: RateLimitEventListener): () => void;
  emit(event: RateLimitEvent): void;
  readonly size: number;
}

/**
 * Creates an emitter, optionally with a first listener.
 *
 * @example
 * const events = createEmitter()
 * const off = events.on((event) => { if (event.type === 'circuit_open') console.warn('store skipped until', event.retryAt) })
 * off()
 */
export function createEmitter(initial?: RateLimitEventListener): EventEmitter {
  const listeners = new Set<RateLimitEventListener>();
  if (initial) listeners.add(initial);
  return {
    on(listener) {
      const own = (event: RateLimitEvent) => listener(event);
      listeners.add(own);
      return () => {
        listeners.delete(own);
      };
    },
    emit(event) {
      for (const listener of listeners) {
        try {
          listener(event);
        } catch {
          // A failing listener must not turn into a failed rate-limit decision.
        }
      }
    },
    get size() {
      return listeners.size;
    },
  };
}
