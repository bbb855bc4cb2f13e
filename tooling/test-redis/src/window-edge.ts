/**
 * Fixed windows are aligned to the epoch: a test that fills one on the real clock must not straddle
 * a boundary, where the window rolls over and the quota is whole again. Waits out the last
 * `marginMs` of the current `windowMs` window (a wait, not a timing assertion).
 *
 * @example
 * beforeEach(() => awayFromWindowEdge(60_000, 10_000)); // cases that fill minute-long windows
 */
export async function awayFromWindowEdge(windowMs: number, marginMs: number): Promise<void> {
  const left = windowMs - (Date.now() % windowMs);
  if (left < marginMs) await new Promise((resolve) => setTimeout(resolve, left + 50));
}
