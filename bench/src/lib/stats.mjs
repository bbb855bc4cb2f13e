/** Median of numbers (mean of the middle two for even counts). */
export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** `{ median, min, max, runs }` of repeated measurements. */
export function summarize(values) {
  return { median: median(values), min: Math.min(...values), max: Math.max(...values), runs: values.length };
}

/**
 * Ratio of ours to the best peer for one case: > 1 means ours is better, whatever the direction of
 * the unit (`higherIsBetter` false for latencies and bytes).
 */
export function ratioToBest(ours, peers, higherIsBetter) {
  const values = peers.filter((v) => Number.isFinite(v) && v > 0);
  if (values.length === 0 || !Number.isFinite(ours) || ours <= 0) return undefined;
  const best = higherIsBetter ? Math.max(...values) : Math.min(...values);
  return higherIsBetter ? ours / best : best / ours;
}
