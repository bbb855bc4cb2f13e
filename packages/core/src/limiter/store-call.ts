import { RateLimitError } from '../errors.js';

/** Turns any store failure into a `RateLimitError` whose code says the store is at fault; coded errors pass through. */
export function toStoreFailure(storeName: string, operation: string, error: unknown): RateLimitError {
  if (error instanceof RateLimitError) return error;
  return new RateLimitError(
    'RL_STORE_UNAVAILABLE',
    `The "${storeName}" store failed during ${operation}: ${error instanceof Error ? error.message : String(error)}. Check that the backend is reachable, or configure a failure policy.`,
    { cause: error },
  );
}

/**
 * Runs a store operation and makes sure any failure surfaces as a `RateLimitError` whose code says
 * the store is at fault (never as a denial). Errors already coded by the store pass through.
 */
export async function storeCall<T>(storeName: string, operation: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw toStoreFailure(storeName, operation, error);
  }
}
