import { describeValue, RateLimitError } from '@rl/core';

function invalidArgument(option: string, value: unknown, expected: string): RateLimitError {
  return new RateLimitError(
    'RL_INVALID_ARGUMENT',
    `Invalid argument "${option}": got ${describeValue(value)}, expected ${expected}.`,
    { details: { option, value } },
  );
}

/** A time (epoch ms) must be a safe integer. */
export function checkTime(option: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
    throw invalidArgument(option, value, 'epoch milliseconds as a whole number');
  }
  return value;
}

/** A caller time, or undefined for the store's clock. */
export function checkNow(now: unknown): number | undefined {
  return now === undefined ? undefined : checkTime('now', now);
}

/** A cost (or consumedAt) must be a safe integer ≥ 0. */
export function checkWhole(option: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw invalidArgument(option, value, 'a whole number ≥ 0');
  }
  return value;
}

/** A lease id is a string (possibly empty when no concurrency rule takes one). */
export function checkLease(leaseId: unknown): string {
  if (leaseId === undefined) return '';
  if (typeof leaseId !== 'string') throw invalidArgument('leaseId', leaseId, 'a string');
  return leaseId;
}
