import { type RedisServer, startRedis, waitFor } from '@rl-internal/test-redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { delay, reasons, startLoad, watchUnhandled } from './load.js';
import { faultLimiter, faultStore, SETTLE_BOUND_MS } from './setup.js';

let server: RedisServer;
const unhandled = watchUnhandled();
beforeAll(async () => {
  server = await startRedis();
});
afterAll(async () => {
  server.resume();
  unhandled.dispose();
  await server.stop();
});

describe('Redis frozen (SIGSTOP for 5 s, then SIGCONT)', () => {
  it('answers by policy within the timeout instead of waiting, skips Redis while the circuit is open, then resumes', async () => {
    const store = faultStore(server.port);
    const limiter = faultLimiter(store, { policy: 'fail-closed' });
    const load = startLoad(limiter, { workers: 20 });
    await waitFor('decisions from Redis', async () => load.records.some((r) => r.decision?.reason === 'ok'), {
      timeoutMs: 10_000,
    });

    load.phase = 'frozen';
    server.pause();
    const consumesAtPause = store.consumes;
    await delay(5000);
    const consumesWhileFrozen = store.consumes - consumesAtPause;
    load.phase = 'resumed';
    server.resume();
    const back = load.elapsed();
    await waitFor(
      'shared limiting again',
      async () => load.records.some((r) => r.phase === 'resumed' && r.decision?.reason === 'ok'),
      {
        timeoutMs: 15_000,
      },
    );
    const recovery =
      (load.records.find((r) => r.phase === 'resumed' && r.decision?.reason === 'ok')?.startedAt ?? 0) - back;
    const records = await load.stop();
    await limiter.store.close();

    const frozen = records.filter((r) => r.phase === 'frozen');
    const slowest = Math.max(...records.map((r) => r.ms));
    console.info(
      `[pause] ${records.length} calls (${frozen.length} while frozen, ${consumesWhileFrozen} of them sent to Redis), ${JSON.stringify(reasons(records))}, slowest ${slowest.toFixed(0)} ms, shared limiting back ${recovery.toFixed(0)} ms after SIGCONT`,
    );
    expect(records.filter((r) => r.error)).toEqual([]);
    expect(slowest).toBeLessThan(SETTLE_BOUND_MS);
    expect(frozen.every((r) => !r.decision?.allowed && r.decision?.reason === 'store_unavailable')).toBe(true);
    // The breaker skipped a frozen Redis instead of sending every call into the void.
    expect(consumesWhileFrozen).toBeLessThan(frozen.length / 4);
    expect(records.some((r) => r.decision?.reason === 'limit')).toBe(false);
    expect(unhandled.errors).toEqual([]);
  });
});
