import type { RateLimitError } from '../../src/index.js';

/** The error `run` throws (fails the test when it throws nothing). */
export function errorOf(run: () => unknown): RateLimitError {
  try {
    run();
  } catch (e) {
    return e as RateLimitError;
  }
  throw new Error('expected an error');
}
