import { concurrency, createLimiter, fixedWindow, gcra, slidingLog } from '@rl/core';
import { type RedisServer, startRedis } from '@rl-internal/test-redis';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisClient, redisStore } from '../src/index.js';
import { INNER } from './helpers/script-commands.js';

async function calls(redis: Redis): Promise<Record<string, number>> {
  const info = await redis.info('commandstats');
  return Object.fromEntries([...info.matchAll(/^cmdstat_([^:]+):calls=(\d+)/gm)].map((m) => [m[1], Number(m[2])]));
}

describe('SCRIPT FLUSH during a load run; one command per check', () => {
  let server: RedisServer;
  let client: Redis;
  let admin: Redis;
  beforeAll(async () => {
    server = await startRedis();
    client = createRedisClient({ url: server.url, commandTimeout: 10_000 });
    admin = createRedisClient({ url: server.url, commandTimeout: 10_000 });
    await new Promise((resolve) => admin.once('ready', resolve));
  });
  afterAll(async () => {
    client?.disconnect();
    admin?.disconnect();
    await server?.stop();
  });

  const limiter = () =>
    createLimiter({
      store: redisStore({ client }),
      prefix: 'rl-flush',
      rules: [fixedWindow({ limit: 1_000_000, window: 60_000 }), gcra({ limit: 1_000_000, window: 60_000 })],
    });

  it('SCRIPT FLUSH in the middle of 4000 concurrent checks: 0 failed decisions', async () => {
    const l = limiter();
    await admin.config('RESETSTAT');
    const batches: Promise<unknown>[] = [];
    for (let i = 0; i < 40; i++) {
      batches.push(Promise.allSettled(Array.from({ length: 100 }, (_, j) => l.limit(`user${j % 17}`))));
      // The flush goes on another connection while this batch and earlier ones may still be in
      // flight; the next batch waits for its reply, so it is sure to meet an empty script cache
      // (without the wait, Redis may run the flush after every later call, and no reload follows).
      if (i % 10 === 5) await admin.script('FLUSH');
      else await new Promise((resolve) => setImmediate(resolve));
    }
    const settled = (await Promise.all(batches)).flatMap((b) => (Array.isArray(b) ? b : []));
    expect(settled).toHaveLength(4000);
    expect(settled.filter((s) => s.status === 'rejected').map((s) => String(s.reason))).toEqual([]);
    expect(settled.every((s) => s.status === 'fulfilled' && s.value.allowed)).toBe(true);
    // The flushes really hit in-flight traffic: scripts were reloaded with EVAL (once per flush and
    // script at best, thanks to the single-flight reload).
    const stats = await calls(admin);
    expect(stats['script|flush']).toBe(4);
    expect(stats.eval).toBeGreaterThanOrEqual(4);
    console.log(`4000 checks, 4 SCRIPT FLUSH: ${stats.evalsha} EVALSHA, ${stats.eval} EVAL`);
  });

  it('INFO commandstats: exactly one EVALSHA per check after warm-up (no EVAL, no other command)', async () => {
    const l = limiter();
    const leases = createLimiter({
      store: redisStore({ client }),
      prefix: 'rl-flush',
      rules: concurrency({ limit: 10 }),
    });
    const log = createLimiter({
      store: redisStore({ client }),
      prefix: 'rl-flush',
      rules: slidingLog({ limit: 10, window: 1000 }),
    });
    await l.limit('warm');
    await l.peek('warm');
    const lease = await leases.acquire('warm');
    await leases.release('warm', lease.leaseId as string);
    await log.limit('warm');
    const before = await calls(admin);
    for (let i = 0; i < 300; i++) await l.limit(`u${i % 7}`);
    for (let i = 0; i < 100; i++) await l.peek(`u${i % 7}`);
    for (let i = 0; i < 50; i++) await log.limit(`u${i % 7}`);
    const after = await calls(admin);
    const delta = (name: string) => (after[name] ?? 0) - (before[name] ?? 0);
    expect(delta('evalsha')).toBe(450);
    expect(delta('eval')).toBe(0);
    const clientCommands = Object.keys(after).filter(
      (name) => delta(name) > 0 && name !== 'evalsha' && name !== 'info' && !INNER.has(name),
    );
    expect(clientCommands).toEqual([]);
  });
});
