import { type RedisServer, startRedis } from '@rl-internal/test-redis';
import { startUpstashGateway, type UpstashGateway } from '@rl-internal/upstash-gateway';
import { afterAll, describe, expect, it } from 'vitest';
import { describeDemoApi } from './support/api-cases.ts';
import { type Target, TEST_ENV, workerTarget } from './support/targets.ts';

// The same Hono app, bundled for Workers (no Node builtins allowed) and run in workerd by miniflare.
describeDemoApi('the demo on Hono in workerd', () => workerTarget());

describe('the demo Worker with its store from Upstash bindings', () => {
  let redis: RedisServer | undefined;
  let gateway: UpstashGateway | undefined;
  const workers: Target[] = [];
  afterAll(async () => {
    await Promise.all(workers.map((worker) => worker.close()));
    await gateway?.close();
    await redis?.stop();
  });

  it('shares one limit between two isolates through the Upstash REST API', async () => {
    redis = await startRedis();
    gateway = await startUpstashGateway({ redisUrl: redis.url, token: 'rl-demo-worker' });
    const bindings = {
      ...TEST_ENV,
      UPSTASH_REDIS_REST_URL: gateway.url,
      UPSTASH_REDIS_REST_TOKEN: gateway.token,
      REDIS_TIMEOUT: '10s',
    };
    workers.push(...(await Promise.all([workerTarget(bindings), workerTarget(bindings)])));
    const [a, b] = workers as [Target, Target];

    const health = await a.send('/api/health', { ip: '198.51.100.1' });
    expect(await health.json()).toMatchObject({
      backend: 'upstash',
      shared: true,
      connected: true,
      policy: 'fallback',
    });
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      const res = await (i % 2 ? b : a).send('/api/public/info', { ip: '198.51.100.7' });
      statuses.push(res.status);
    }
    expect(statuses).toEqual([...Array(10).fill(200), 429, 429]);
    expect(gateway.commandCount).toBeGreaterThan(12);
  });
});
