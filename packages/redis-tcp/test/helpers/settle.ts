import { isRateLimitError, type RateLimitErrorCode } from '@rl/core';

/** Settles `calls` promises from `make`, recording each one's outcome and how long it took. */
export async function settleAll<T>(
  count: number,
  make: () => Promise<T>,
): Promise<{ fulfilled: T[]; codes: (RateLimitErrorCode | 'other')[]; slowestMs: number }> {
  const started = performance.now();
  let slowestMs = 0;
  const results = await Promise.allSettled(
    Array.from({ length: count }, () =>
      make().finally(() => {
        slowestMs = Math.max(slowestMs, performance.now() - started);
      }),
    ),
  );
  const fulfilled = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
  const codes = results.flatMap((r) =>
    r.status === 'rejected' ? [isRateLimitError(r.reason) ? r.reason.code : ('other' as const)] : [],
  );
  return { fulfilled, codes, slowestMs };
}

/** Retries `check` until it resolves true (or throws after `timeoutMs`). */
export async function eventually(what: string, check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
