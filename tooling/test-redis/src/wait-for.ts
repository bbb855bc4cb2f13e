/**
 * Polls `check` until it returns true; rejects after `timeoutMs` with a message naming `what` and
 * the last thing `check` threw or returned. A polling loop, not a timing assertion.
 *
 * @example
 * ```ts
 * await waitFor('the replica to sync', async () => (await replica.cli('INFO', 'replication')).includes('master_link_status:up'));
 * ```
 */
export async function waitFor(
  what: string,
  check: () => Promise<boolean>,
  { timeoutMs = 20_000, intervalMs = 50 }: { timeoutMs?: number; intervalMs?: number } = {},
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      if (await check()) return;
      last = undefined;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) {
      const detail = last instanceof Error ? `: ${last.message}` : '';
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${detail}`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
