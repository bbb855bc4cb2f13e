/** The `p`-th percentile (0–100) of an ascending-sorted array, nearest rank. */
export function percentile(sorted, p) {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

/**
 * Concurrency 1: awaits `op(i)` back to back, warming up for `warmupMs`, then times every call for
 * `durationMs`. Resolves `{ p50, p99, calls }` in microseconds.
 */
export async function latencyMicros(op, { warmupMs = 300, durationMs = 1000 } = {}) {
  let i = 0;
  const warmEnd = performance.now() + warmupMs;
  while (performance.now() < warmEnd) await op(i++);
  globalThis.gc?.();
  let samples = new Float64Array(1 << 16);
  let n = 0;
  const end = performance.now() + durationMs;
  for (let t0 = performance.now(); t0 < end; ) {
    await op(i++);
    const t1 = performance.now();
    if (n === samples.length) {
      const grown = new Float64Array(n * 2);
      grown.set(samples);
      samples = grown;
    }
    samples[n++] = (t1 - t0) * 1000;
    t0 = t1;
  }
  const sorted = samples.subarray(0, n).sort();
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99), calls: n };
}
