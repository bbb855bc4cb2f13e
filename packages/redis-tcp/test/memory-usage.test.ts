import {
  concurrency,
  createLimiter,
  fixedWindow,
  gcra,
  type Rule,
  slidingLog,
  slidingWindow,
  tokenBucket,
} from '@rl/core';
import { type RedisServer, startRedis } from '@rl-internal/test-redis';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisClient, redisStore } from '../src/index.js';

describe('memory per key (MEMORY USAGE, Redis 7, default prefix "rl")', () => {
  let server: RedisServer;
  let client: Redis;
  beforeAll(async () => {
    server = await startRedis();
    client = createRedisClient(server.url);
  });
  afterAll(async () => {
    client?.disconnect();
    await server?.stop();
  });

  async function usage(rule: Rule, identifier: string, calls = 1): Promise<{ key: string; bytes: number }> {
    const limiter = createLimiter({ store: redisStore({ client }), rules: rule });
    for (let i = 0; i < calls; i++) {
      if (rule.algorithm === 'concurrency') await limiter.acquire(identifier);
      else await limiter.limit(identifier);
    }
    const [key] = limiter.keys(identifier);
    return { key: key as string, bytes: (await client.memory('USAGE', key as string)) as number };
  }

  it('a fixed-window key for an IPv4 client costs ≤ 150 bytes', async () => {
    const { key, bytes } = await usage(fixedWindow({ limit: 100, window: '1m' }), '203.0.113.195', 7);
    console.log(`fixed window, ${key} (${key.length} bytes of key): ${bytes} bytes`);
    expect(bytes).toBeLessThanOrEqual(150);
  });

  it('reports the cost of every algorithm (for the README)', async () => {
    const rows: string[] = [];
    const cases: [string, Rule, number][] = [
      ['fixed window', fixedWindow({ limit: 100, window: '1m' }), 1],
      ['sliding window', slidingWindow({ limit: 100, window: '1m' }), 1],
      ['token bucket', tokenBucket({ limit: 100, interval: '1m' }), 1],
      ['gcra', gcra({ limit: 100, window: '1m' }), 1],
      ['sliding log, 1 entry', slidingLog({ limit: 100, window: '1m', name: 'log1' }), 1],
      ['sliding log, 100 entries', slidingLog({ limit: 100, window: '1m', name: 'log100' }), 100],
      ['concurrency, 1 lease', concurrency({ limit: 100, name: 'lease1' }), 1],
      ['concurrency, 100 leases', concurrency({ limit: 100, name: 'lease100' }), 100],
    ];
    for (const [label, rule, calls] of cases) {
      const { key, bytes } = await usage(rule, '203.0.113.195', calls);
      rows.push(`${label}: ${bytes} bytes (key ${key})`);
      expect(bytes).toBeGreaterThan(0);
    }
    const ipv6 = await usage(fixedWindow({ limit: 100, window: '1m' }), '2001:db8:85a3::8a2e:370:7334');
    rows.push(`fixed window, IPv6 client: ${ipv6.bytes} bytes (key ${ipv6.key})`);
    const longest = await usage(fixedWindow({ limit: 100, window: '1m' }), 'x'.repeat(500));
    rows.push(`fixed window, hashed long identifier: ${longest.bytes} bytes (key ${longest.key})`);
    console.log(rows.join('\n'));
  });
});
