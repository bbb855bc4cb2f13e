import { concurrency, createLimiter, fixedWindow, slidingLog, tokenBucket } from '@rl/core';
import { describe, expect, it } from 'vitest';
import { upstashStore } from '../src/index.js';
import { commandStats } from './helpers/command-stats.js';
import { useUpstash } from './helpers/upstash-fixture.js';

const fixture = useUpstash();

function limiters(autoPipelining: boolean) {
  const store = upstashStore({ client: fixture.client({ enableAutoPipelining: autoPipelining }) });
  const prefix = `rl-steady-${autoPipelining ? 'auto' : 'plain'}`;
  return {
    multi: createLimiter({
      store,
      prefix,
      rules: [fixedWindow({ limit: 10_000, window: '1h' }), slidingLog({ limit: 10_000, window: '1h' })],
    }),
    bucket: createLimiter({ store, prefix, rules: tokenBucket({ limit: 10_000, interval: '1h' }) }),
    leases: createLimiter({ store, prefix, rules: concurrency({ limit: 10_000 }) }),
  };
}

describe('steady state: one HTTP request carrying one command per check', () => {
  for (const autoPipelining of [true, false]) {
    it(`sequential checks, enableAutoPipelining: ${autoPipelining}`, async () => {
      const { multi, bucket, leases } = limiters(autoPipelining);
      const warm = await leases.acquire('warm');
      // Every script these calls use is loaded once (each algorithm's own consume variant included).
      await Promise.all([
        multi.limit('warm'),
        multi.peek('warm'),
        bucket.limit('warm'),
        leases.release('warm', warm.leaseId as string),
      ]);
      const decision = await multi.limit('warm');
      await multi.refund('warm', decision);
      await fixture.redis('CONFIG', 'RESETSTAT');
      const requests = fixture.gateway.requestCount;
      const commands = fixture.gateway.commandCount;
      const N = 20;
      for (let i = 0; i < N; i++) {
        const admitted = await multi.limit(`user-${i}`); // two rules, still one script call
        expect(admitted.allowed).toBe(true);
        await multi.peek(`user-${i}`);
        await multi.refund(`user-${i}`, admitted);
        await bucket.limit(`user-${i}`);
        const lease = await leases.acquire(`user-${i}`);
        await leases.release(`user-${i}`, lease.leaseId as string);
      }
      const checks = 6 * N;
      expect(fixture.gateway.requestCount - requests).toBe(checks);
      expect(fixture.gateway.commandCount - commands).toBe(checks);
      const stats = await commandStats(fixture);
      expect(stats.evalsha).toEqual({ calls: checks, failed: 0 });
      expect(stats.eval).toBeUndefined();
    });
  }

  it('reset is one DEL request for all of an identifier’s keys', async () => {
    const { multi } = limiters(false);
    await multi.limit('to-reset');
    const requests = fixture.gateway.requestCount;
    await multi.reset('to-reset');
    expect(fixture.gateway.requestCount - requests).toBe(1);
    expect(await fixture.redis('EXISTS', ...multi.keys('to-reset'))).toBe(0);
  });

  it('auto-pipelining folds concurrent checks into fewer requests, still one command each', async () => {
    const { multi } = limiters(true);
    await multi.limit('warm');
    const requests = fixture.gateway.requestCount;
    const commands = fixture.gateway.commandCount;
    const decisions = await Promise.all(Array.from({ length: 50 }, (_, i) => multi.limit(`burst-${i % 5}`)));
    expect(decisions.every((d) => d.allowed)).toBe(true);
    expect(fixture.gateway.commandCount - commands).toBe(50);
    expect(fixture.gateway.requestCount - requests).toBeLessThan(50);
  });

  for (const autoPipelining of [true, false]) {
    it(`after SCRIPT FLUSH: EVALSHA (NOSCRIPT) + EVAL once, then EVALSHA alone (enableAutoPipelining: ${autoPipelining})`, async () => {
      const { multi } = limiters(autoPipelining);
      await multi.limit('flush');
      await fixture.redis('SCRIPT', 'FLUSH');
      await fixture.redis('CONFIG', 'RESETSTAT');
      const requests = fixture.gateway.requestCount;
      const first = await multi.limit('flush');
      expect(first.allowed).toBe(true);
      expect(first.remaining).toBe(9_998);
      expect(fixture.gateway.requestCount - requests).toBe(2);
      expect(await commandStats(fixture)).toMatchObject({
        evalsha: { calls: 1, failed: 1 },
        eval: { calls: 1, failed: 0 },
      });
      await multi.limit('flush');
      expect(fixture.gateway.requestCount - requests).toBe(3);
      expect((await commandStats(fixture)).evalsha).toEqual({ calls: 2, failed: 1 });
    });
  }
});
