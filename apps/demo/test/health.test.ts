import { type RedisServer, startRedis, waitFor } from '@rl-internal/test-redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemoState } from '../src/api/state.ts';
import { createDemoContext, type DemoContext } from '../src/config/context.ts';
import { createExpressApp } from '../src/express/app.ts';
import { listen, type NodeServer } from '../src/node/serve.ts';

interface Running {
  readonly demo: DemoContext;
  readonly http: NodeServer;
  get(path: string): Promise<Response>;
}

async function start(redisUrl: string, policy: string): Promise<Running> {
  const env = { REDIS_URL: redisUrl, RL_FAILURE_POLICY: policy, SKIP_REDIS_WARNING: 'true' };
  const demo = await createDemoContext('express', env, { logger: false });
  const http = await listen(createExpressApp(demo), 0, '127.0.0.1');
  return { demo, http, get: (path) => fetch(`${http.url}${path}`) };
}

async function body(res: Response): Promise<Record<string, unknown>> {
  return (await res.json()) as Record<string, unknown>;
}

describe('GET /api/health on a real redis-server that dies and comes back', () => {
  let redis: RedisServer;
  let fallback: Running;
  let closed: Running;
  beforeAll(async () => {
    redis = await startRedis();
    fallback = await start(redis.url, 'fallback');
    closed = await start(redis.url, 'fail-closed');
  });
  afterAll(async () => {
    for (const running of [fallback, closed]) {
      running?.http.server.closeAllConnections();
      running?.http.server.close();
      await running?.demo.close();
    }
    await redis?.stop();
  });

  it('reports the shared Redis store, connected, with its latency', async () => {
    for (const [running, policy] of [
      [fallback, 'fallback'],
      [closed, 'fail-closed'],
    ] as const) {
      const res = await running.get('/api/health');
      expect(res.status).toBe(200);
      expect(await body(res)).toMatchObject({
        status: 'ok',
        backend: 'redis',
        description: `Redis at ${redis.url}`,
        shared: true,
        connected: true,
        latencyMs: expect.any(Number),
        policy,
        fallbackActive: false,
        circuit: 'closed',
      });
    }
  });

  it('keeps serving on the per-instance fallback (200, degraded) or fails closed (503) while Redis is down', async () => {
    await redis.kill();

    const limited = await fallback.get('/api/public/info');
    expect(limited.status).toBe(200);
    expect(limited.headers.get('x-ratelimit-limit')).toBe('10');
    const degraded = await fallback.get('/api/health');
    expect(degraded.status).toBe(200);
    expect(await body(degraded)).toMatchObject({
      status: 'degraded',
      connected: false,
      fallbackActive: true,
      policy: 'fallback',
      lastError: { code: expect.stringMatching(/^RL_STORE_/) },
    });
    const state = (await (await fallback.get('/api/demo/state')).json()) as DemoState;
    expect(state.feed.routes['public']?.fallback).toBeGreaterThanOrEqual(1);

    const refused = await closed.get('/api/public/info');
    expect(refused.status).toBe(503);
    expect(await body(refused)).toMatchObject({ error: { code: 'RATE_LIMITER_UNAVAILABLE' } });
    const down = await closed.get('/api/health');
    expect(down.status).toBe(503);
    expect(await body(down)).toMatchObject({ status: 'down', connected: false, policy: 'fail-closed' });
  });

  it('recovers once Redis is back', async () => {
    await redis.restart();
    for (const running of [fallback, closed]) {
      await waitFor('the health check to see Redis again', async () => {
        const res = await running.get('/api/health');
        const report = await body(res);
        return res.status === 200 && report['status'] === 'ok' && report['connected'] === true;
      });
      expect((await running.get('/api/public/info')).status).toBe(200);
    }
  });
});
