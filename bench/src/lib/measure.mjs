/**
 * Calls `op(i)` (awaited) in a loop: warms up for `warmupMs`, then counts calls for `durationMs`.
 * Resolves operations per second. Checks the clock every 1024 calls so timing costs nothing.
 */
export async function opsPerSecond(op, { warmupMs = 300, durationMs = 1000 } = {}) {
  let i = 0;
  const warmEnd = performance.now() + warmupMs;
  while (performance.now() < warmEnd) for (let j = 0; j < 1024; j++) await op(i++);
  globalThis.gc?.();
  const start = performance.now();
  const end = start + durationMs;
  let count = 0;
  let now = start;
  while (now < end) {
    for (let j = 0; j < 1024; j++) await op(i++);
    count += 1024;
    now = performance.now();
  }
  return (count / (now - start)) * 1000;
}

/**
 * Bytes per key after inserting `keys` keys through `insert(i)`, measured after forced GCs: the JS heap
 * plus ArrayBuffer memory (typed-array columns live outside the heap and count too).
 */
export async function heapBytesPerKey(insert, keys) {
  globalThis.gc?.();
  globalThis.gc?.();
  const used = () => {
    const m = process.memoryUsage();
    return m.heapUsed + m.arrayBuffers;
  };
  const before = used();
  for (let i = 0; i < keys; i++) await insert(i);
  globalThis.gc?.();
  globalThis.gc?.();
  return (used() - before) / keys;
}
