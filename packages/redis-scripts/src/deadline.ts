/** Thrown when a call outlives the store's own deadline; classified as `RL_STORE_TIMEOUT`. */
export class DeadlineError extends Error {
  override name = 'TimeoutError';
}

/**
 * Settles like `work`, or rejects with a {@link DeadlineError} after `ms` (the work is not
 * cancelled: Redis may still run it, exactly as when a client-side command timeout fires).
 */
export function withDeadline<T>(work: Promise<T>, ms: number | undefined): Promise<T> {
  if (ms === undefined) return work;
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new DeadlineError(`Command timed out after ${ms} ms (store deadline)`)), ms);
    work.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
