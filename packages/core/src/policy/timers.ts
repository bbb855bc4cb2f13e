/** The timer functions every runtime @rl supports has (Node, workerd, browsers, Deno, Bun). */
interface TimerHost {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

interface PerformanceHost {
  performance?: { now(): number };
}

/**
 * Starts a one-shot timer through `globalThis` (no Node builtins, so it runs on the edge) and returns
 * the function that cancels it.
 */
export function startTimer(ms: number, callback: () => void): () => void {
  const host = globalThis as unknown as TimerHost;
  const handle = host.setTimeout(callback, ms);
  return () => host.clearTimeout(handle);
}

/** A monotonic clock in ms for measuring round trips (`performance.now()` where available). */
export function monotonicNow(): number {
  const performance = (globalThis as PerformanceHost).performance;
  return performance ? performance.now() : Date.now();
}
