import { type RedisServer, startRedis } from '@rl-internal/test-redis';
import { startUpstashGateway, type UpstashGateway } from '@rl-internal/upstash-gateway';
import { startWorker } from '@rl-internal/workerd';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const entry = new URL('./fixtures/auto.worker.ts', import.meta.url).pathname;
let server: RedisServer;
let gateway: UpstashGateway;
beforeAll(async () => {
  server = await startRedis();
  gateway = await startUpstashGateway({ redisUrl: server.url, token: 'edge-token' });
});
afterAll(async () => {
  await gateway.close();
  await server.stop();
});

async function run(bindings: Record<string, string>, id: string) {
  const worker = await startWorker({ entry, bindings });
  try {
    const response = await worker.fetch(`/?id=${id}`);
    return { status: response.status, body: (await response.json()) as Record<string, unknown>, script: worker.script };
  } finally {
    await worker.dispose();
  }
}

describe('@rl/auto on workerd (the edge build, no Node builtins)', () => {
  it('uses memory when nothing is configured, and bundles without ioredis or @rl/redis-tcp', async () => {
    const { body, script } = await run({ SKIP_REDIS_WARNING: 'true' }, 'a');
    expect(body).toMatchObject({ backend: 'memory', store: 'memory', status: 'ok' });
    expect(body.decisions).toEqual([
      { allowed: true, reason: 'ok' },
      { allowed: true, reason: 'ok' },
      { allowed: false, reason: 'limit' },
    ]);
    expect(script).not.toMatch(/ioredis|redis-tcp/);
  });

  it('uses Upstash from the Worker env bindings', async () => {
    const { body } = await run({ UPSTASH_REDIS_REST_URL: gateway.url, UPSTASH_REDIS_REST_TOKEN: gateway.token }, 'b');
    expect(body).toMatchObject({ backend: 'upstash', store: 'upstash', status: 'ok' });
    expect(body.decisions).toEqual([
      { allowed: true, reason: 'ok' },
      { allowed: true, reason: 'ok' },
      { allowed: false, reason: 'limit' },
    ]);
  });

  it('refuses a redis:// URL on the edge with RL_INVALID_CONFIG naming REDIS_URL', async () => {
    const { status, body } = await run({ REDIS_URL: `redis://127.0.0.1:${server.port}` }, 'c');
    expect(status).toBe(500);
    expect(body).toEqual({ code: 'RL_INVALID_CONFIG', variable: 'REDIS_URL' });
  });
});
