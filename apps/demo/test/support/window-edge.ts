const MINUTE = 60_000;

/**
 * The demo's limits are fixed windows of a minute on the real clock: a case that fills one must not
 * straddle a minute boundary, where the window rolls over and the quota is whole again. Waits out
 * the last `marginMs` of the current minute (a wait, not a timing assertion).
 *
 * @example
 * beforeEach(() => awayFromMinuteEdge(5_000));
 */
export async function awayFromMinuteEdge(marginMs: number): Promise<void> {
  const left = MINUTE - (Date.now() % MINUTE);
  if (left < marginMs) await new Promise((resolve) => setTimeout(resolve, left + 50));
}
