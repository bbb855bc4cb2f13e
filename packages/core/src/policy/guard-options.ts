import { type Duration, parseDuration } from '../duration.js';
import { invalidConfig } from '../errors.js';
import type { RateLimitEventListener } from './events.js';

/** The circuit breaker: after `failures` consecutive store failures, skip the store for `cooldown`. */
export interface BreakerOptions {
  /** Consecutive failed calls (errors or timeouts) that open the circuit. Default 3. */
  failures?: number;
  /** How long an open circuit skips the store before one probe call goes through. Default 500 ms. */
  cooldown?: Duration;
}

/** Options of {@link guardStore} (and the same fields of a limiter's `failure` option). */
export interface GuardOptions {
  /** Longest wait for one store call; a call still pending then fails with `RL_STORE_TIMEOUT`. Default 200 ms; `false`: none. */
  timeout?: Duration | false;
  /** The circuit breaker; `false` turns it off. Default `{ failures: 3, cooldown: 500 }`. */
  breaker?: BreakerOptions | false;
  /** Receives `store_error`, `circuit_open` and `circuit_closed` events. */
  onEvent?: RateLimitEventListener;
  /** Epoch clock for the breaker and events. Default `Date.now`. */
  now?: () => number;
}

/** Guard options after validation. */
export interface ResolvedGuardOptions {
  readonly timeoutMs: number | undefined;
  readonly failures: number;
  readonly cooldownMs: number;
  readonly onEvent: RateLimitEventListener | undefined;
  readonly now: () => number;
}

/** The default timeout of one store call, in ms. */
export const DEFAULT_STORE_TIMEOUT_MS = 200;
/** Consecutive failures that open the circuit by default. */
export const DEFAULT_BREAKER_FAILURES = 3;
/** How long an open circuit skips the store by default, in ms. */
export const DEFAULT_BREAKER_COOLDOWN_MS = 500;

/** Validates guard options; `scope` prefixes option names in errors (`"failure."`). */
export function resolveGuardOptions(options: GuardOptions = {}, scope = ''): ResolvedGuardOptions {
  if (options === null || typeof options !== 'object') throw invalidConfig(scope || 'options', options, 'an object');
  const timeout = options.timeout ?? DEFAULT_STORE_TIMEOUT_MS;
  const timeoutMs = timeout === false ? undefined : parseDuration(timeout, `${scope}timeout`);
  let failures = Number.POSITIVE_INFINITY;
  let cooldownMs = DEFAULT_BREAKER_COOLDOWN_MS;
  const breaker = options.breaker ?? {};
  if (breaker !== false) {
    if (breaker === null || typeof breaker !== 'object') {
      throw invalidConfig(`${scope}breaker`, breaker, 'an object such as { failures: 3, cooldown: 500 }, or false');
    }
    failures = breaker.failures ?? DEFAULT_BREAKER_FAILURES;
    if (!Number.isSafeInteger(failures) || failures < 1) {
      throw invalidConfig(`${scope}breaker.failures`, breaker.failures, 'a whole number ≥ 1');
    }
    cooldownMs = parseDuration(breaker.cooldown ?? DEFAULT_BREAKER_COOLDOWN_MS, `${scope}breaker.cooldown`);
  }
  const onEvent = options.onEvent;
  if (onEvent !== undefined && typeof onEvent !== 'function') {
    throw invalidConfig(`${scope}onEvent`, onEvent, 'a function receiving events');
  }
  const now = options.now ?? Date.now;
  if (typeof now !== 'function') throw invalidConfig(`${scope}now`, now, 'a function returning epoch milliseconds');
  return { timeoutMs, failures, cooldownMs, onEvent, now };
}
