import { RateLimitError, type RateLimitErrorCode } from '../errors.js';

const STORE_FAILURES: ReadonlySet<RateLimitErrorCode> = new Set([
  'RL_STORE_UNAVAILABLE',
  'RL_STORE_TIMEOUT',
  'RL_SCRIPT_ERROR',
]);

/**
 * True for errors that mean the store could not answer — unreachable, timed out, refused (ACL, OOM,
 * read-only replica) or its script failed — as opposed to bad input or a closed store. These are the
 * errors failure policies decide on and the circuit breaker counts.
 */
export function isStoreFailure(error: unknown): error is RateLimitError {
  return error instanceof RateLimitError && STORE_FAILURES.has(error.code);
}

/** The error of a call that did not settle within `timeoutMs`. */
export function storeTimeoutError(store: string, operation: string, timeoutMs: number): RateLimitError {
  return new RateLimitError(
    'RL_STORE_TIMEOUT',
    `The "${store}" store did not answer ${operation} within ${timeoutMs} ms. The server may be overloaded, paused or unreachable; the limiter's failure policy decides the request (raise "timeout" if the store is just slow).`,
    { details: { store, operation, timeoutMs } },
  );
}

/** The error of a call skipped because the circuit is open. */
export function circuitOpenError(
  store: string,
  operation: string,
  failures: number,
  retryAt: number,
  lastError: RateLimitError | undefined,
): RateLimitError {
  const last = lastError ? ` Last error: ${lastError.message}` : '';
  return new RateLimitError(
    'RL_STORE_UNAVAILABLE',
    `The "${store}" store is skipped (circuit open after ${failures} consecutive failures; next probe at ${new Date(retryAt).toISOString()}), so ${operation} was not attempted.${last}`,
    { cause: lastError, details: { store, operation, circuit: 'open', retryAt } },
  );
}
