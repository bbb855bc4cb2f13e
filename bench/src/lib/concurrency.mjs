/** `concurrency` loops, each awaiting `op(i)` back to back until `stop()` says so; resolves the calls made. */
async function loops(op, concurrency, next, stop) {
  let calls = 0;
  const loop = async () => {
    while (!stop()) {
      await op(next());
      calls++;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, loop));
  return calls;
}

/**
 * Keeps `concurrency` calls of `op(i)` in flight: a warm-up of `warmupMs`, then `before()`, a
 * measured phase of `durationMs` (every call started in it is awaited and counted), then `after()`
 * (both optional, outside the timing and the CPU count). Resolves
 * `{ perSecond, calls, cpuMicrosPerCall }`, the CPU being this process's user + system time.
 */
export async function concurrentLoad(op, { concurrency, warmupMs = 300, durationMs = 1000, before, after }) {
  let i = 0;
  const next = () => i++;
  const warmEnd = performance.now() + warmupMs;
  await loops(op, concurrency, next, () => performance.now() >= warmEnd);
  globalThis.gc?.();
  await before?.();
  const cpu0 = process.cpuUsage();
  const start = performance.now();
  const end = start + durationMs;
  const calls = await loops(op, concurrency, next, () => performance.now() >= end);
  const elapsedMs = performance.now() - start;
  const cpu = process.cpuUsage(cpu0);
  await after?.();
  return { perSecond: (calls / elapsedMs) * 1000, calls, cpuMicrosPerCall: (cpu.user + cpu.system) / calls };
}

/** Makes exactly `total` calls of `op(i)`, `concurrency` at a time. */
export async function fixedCalls(op, { total, concurrency }) {
  let i = 0;
  await loops(
    op,
    concurrency,
    () => i++,
    () => i >= total,
  );
}
