import {
  concurrency,
  createLimiter,
  type Decision,
  fixedWindow,
  gcra,
  type Rule,
  type Store,
  slidingLog,
  slidingWindow,
  tokenBucket,
} from '@rl/core';
import { memoryStore } from '@rl/memory';
import { Redis as CloudflareRedis } from '@upstash/redis/cloudflare';
import { describe, expect, it } from 'vitest';
import { upstashStore } from '../src/index.js';
import { useUpstash } from './helpers/upstash-fixture.js';

const fixture = useUpstash();

const RULES: Rule[] = [
  fixedWindow({ limit: 3, window: '10s' }),
  slidingWindow({ limit: 3, window: '10s' }),
  slidingLog({ limit: 3, window: '10s' }),
  tokenBucket({ limit: 3, refillRate: 1, interval: '2s' }),
  gcra({ limit: 3, window: '6s' }),
];

/** A fixed script of calls on a virtual clock; every decision (and lease release) in order. */
async function script(store: Store, prefix: string): Promise<unknown[]> {
  let now = 1_800_000_000_000;
  const clock = { clock: 'caller' as const, now: () => now, prefix };
  const seen: unknown[] = [];
  const strip = ({ leaseId: _leaseId, ...rest }: Decision) => rest;
  for (const rule of RULES) {
    const limiter = createLimiter({ store, rules: rule, ...clock });
    for (let i = 0; i < 5; i++) {
      seen.push(strip(await limiter.limit('u', { cost: i === 2 ? 2 : 1 })));
      now += 700;
    }
    seen.push(strip(await limiter.peek('u')));
    now += 4_000;
    seen.push(strip(await limiter.limit('u')));
  }
  const leases = createLimiter({ store, rules: concurrency({ limit: 2, leaseMs: 5_000 }), ...clock });
  const a = await leases.acquire('u');
  seen.push(strip(a), strip(await leases.acquire('u')), strip(await leases.acquire('u')));
  seen.push(await leases.release('u', a.leaseId as string), await leases.release('u', a.leaseId as string));
  seen.push(strip(await leases.acquire('u')));
  return seen;
}

describe('replies decode the same whatever the client settings', () => {
  let expected: unknown[];
  const settings = [
    { automaticDeserialization: true, responseEncoding: 'base64' as const, enableAutoPipelining: true },
    { automaticDeserialization: false, responseEncoding: 'base64' as const, enableAutoPipelining: true },
    { automaticDeserialization: true, responseEncoding: false as const, enableAutoPipelining: false },
    { automaticDeserialization: false, responseEncoding: false as const, enableAutoPipelining: false },
    { readYourWrites: false, latencyLogging: false },
  ];
  for (const [i, options] of settings.entries()) {
    it(`identical decisions to the memory store with ${JSON.stringify(options)}`, async () => {
      expected ??= await script(memoryStore(), 'rl-settings');
      expect(await script(upstashStore({ client: fixture.client(options) }), `rl-settings-${i}`)).toEqual(expected);
    });
  }

  it('the @upstash/redis/cloudflare entry works too (on Node here; inside workerd in workerd.test.ts)', async () => {
    expected ??= await script(memoryStore(), 'rl-settings');
    const client = new CloudflareRedis({
      url: fixture.gateway.url,
      token: fixture.gateway.token,
      enableTelemetry: false,
      retry: { retries: 0 },
    });
    expect(await script(upstashStore({ client }), 'rl-settings-cf')).toEqual(expected);
  });

  it('the store’s own clock: decisions carry Redis TIME', async () => {
    const limiter = createLimiter({
      store: upstashStore({ client: fixture.client() }),
      rules: fixedWindow({ limit: 3, window: '1m' }),
      prefix: 'rl-store-clock',
      now: () => 0, // ignored with clock: "store"
    });
    expect(limiter.clock).toBe('store');
    const [seconds, micros] = (await fixture.redis('TIME')) as [string, string];
    const decision = await limiter.limit('u');
    const redisNow = Number(seconds) * 1000 + Math.floor(Number(micros) / 1000);
    expect(decision.now).toBeGreaterThanOrEqual(redisNow);
    expect(decision.now - redisNow).toBeLessThan(60_000);
  });
});
