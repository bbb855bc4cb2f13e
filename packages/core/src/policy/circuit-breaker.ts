/** `closed`: calls go to the store. `open`: calls skip it. `half-open`: one probe call goes through. */
export type CircuitState = 'closed' | 'open' | 'half-open';

/** What the breaker lets a call do. */
export type Admission = 'call' | 'probe' | 'skip';

/** A state change worth reporting. */
export type CircuitTransition = 'opened' | 'closed' | undefined;

/** Consecutive-failure circuit breaker with a fixed cooldown and a single half-open probe. */
export interface CircuitBreaker {
  readonly state: CircuitState;
  readonly consecutiveFailures: number;
  /** Epoch ms after which the next call probes the store (meaningful when open). */
  readonly retryAt: number;
  /** Decides whether a call may go to the store now. A `probe` must be reported with `wasProbe`. */
  admit(): Admission;
  /** Whether `admit()` would skip, without changing anything. */
  wouldSkip(): boolean;
  success(): CircuitTransition;
  failure(wasProbe: boolean): CircuitTransition;
  /** A call ended in a way that says nothing about the store (bad input): a probe slot is freed. */
  neutral(wasProbe: boolean): void;
}

/**
 * Creates a breaker that opens after `threshold` consecutive failures and, `cooldownMs` later, lets
 * exactly one call probe the store: success closes it, failure opens it for another cooldown. Any
 * success — a probe or a call that was already in flight — closes it. `threshold: Infinity` never opens.
 * `guardStore` uses it; it is exported for other clients that need the same behaviour.
 *
 * @example
 * const breaker = createCircuitBreaker(3, 500, Date.now)
 * const admission = breaker.admit() // 'call' | 'probe' | 'skip'
 * if (admission !== 'skip') {
 *   try { await work(); breaker.success() } catch { breaker.failure(admission === 'probe') }
 * }
 */
export function createCircuitBreaker(threshold: number, cooldownMs: number, now: () => number): CircuitBreaker {
  let state: CircuitState = 'closed';
  let consecutive = 0;
  let retryAt = 0;
  let probing = false;

  const open = (): CircuitTransition => {
    state = 'open';
    probing = false;
    retryAt = now() + cooldownMs;
    return 'opened';
  };

  return {
    get state() {
      return state;
    },
    get consecutiveFailures() {
      return consecutive;
    },
    get retryAt() {
      return retryAt;
    },
    admit() {
      if (state === 'closed') return 'call';
      if (state === 'open' && now() >= retryAt) state = 'half-open';
      if (state === 'half-open' && !probing) {
        probing = true;
        return 'probe';
      }
      return 'skip';
    },
    wouldSkip() {
      if (state === 'closed') return false;
      if (state === 'open') return now() < retryAt;
      return probing;
    },
    success() {
      consecutive = 0;
      if (state === 'closed') return undefined;
      state = 'closed';
      probing = false;
      return 'closed';
    },
    failure(wasProbe) {
      consecutive++;
      if (wasProbe) return open();
      if (state === 'closed' && consecutive >= threshold) return open();
      return undefined;
    },
    neutral(wasProbe) {
      if (wasProbe) probing = false;
    },
  };
}
