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
  unhandled.dispose();
  await server.stop();
});

describe('Redis killed (SIGKILL) during load', () => {
  it('keeps deciding by the fallback policy, never hangs, and resumes shared limiting after a restart', async () => {
    const store = faultStore(server.port);
    const limiter = faultLimiter(store);
    const events: string[] = [];
    limiter.on((event) => events.push(event.type));
    const load = startLoad(limiter, { workers: 20 });

    await waitFor('decisions from Redis', async () => load.records.some((r) => r.decision?.reason === 'ok'), {
      timeoutMs: 10_000,
    });
    await delay(300);
    load.phase = 'down';
    await server.kill('SIGKILL');
    await delay(1500);
    load.phase = 'restarted';
    await server.restart();
    const back = load.elapsed();
    await waitFor(
      'shared limiting again',
      async () => load.records.some((r) => r.phase === 'restarted' && r.decision?.reason === 'ok'),
      {
        timeoutMs: 15_000,
      },
    );
    const recovery =
      (load.records.find((r) => r.phase === 'restarted' && r.decision?.reason === 'ok')?.startedAt ?? 0) - back;
    await delay(200);
    const records = await load.stop();
    await limiter.store.close();

    const slowest = Math.max(...records.map((r) => r.ms));
    console.info(
      `[kill] ${records.length} calls, ${JSON.stringify(reasons(records))}, slowest ${slowest.toFixed(0)} ms, shared limiting back ${recovery.toFixed(0)} ms after the restart`,
    );
    expect(records.filter((r) => r.error)).toEqual([]);
    expect(slowest).toBeLessThan(SETTLE_BOUND_MS);
    const down = records.filter((r) => r.phase === 'down');
    expect(down.length).toBeGreaterThan(0);
    expect(
      down.every((r) => r.decision?.allowed && (r.decision.reason === 'fallback' || r.decision.reason === 'ok')),
    ).toBe(true);
    expect(down.some((r) => r.decision?.reason === 'fallback')).toBe(true);
    expect(records.some((r) => r.decision?.reason === 'limit' || r.decision?.reason === 'store_unavailable')).toBe(
      false,
    );
    expect(events).toContain('fallback_entered');
    expect(events).toContain('circuit_open');
    expect(events.lastIndexOf('recovered')).toBeGreaterThan(events.lastIndexOf('fallback_entered'));
    expect(unhandled.errors).toEqual([]);
  });
});
