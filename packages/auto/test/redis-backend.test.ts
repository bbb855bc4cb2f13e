import { fixedWindow } from '@rl/core';
import { findFreePort, type RedisServer, startRedis } from '@rl-internal/test-redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLimiterFromEnv, createStoreFromEnv } from '../src/index.js';
import { recordingLogger } from './support.js';

let server: RedisServer;
beforeAll(async () => {
  server = await startRedis({ password: 's3cret' });
});
afterAll(() => server.stop());

describe('createStoreFromEnv with Redis over TCP', () => {
  it('connects with REDIS_URL + REDIS_PASSWORD, logs "✅ Redis: Connected and ready" and never the password', async () => {
    const logger = recordingLogger();
    const env = { REDIS_URL: `redis://127.0.0.1:${server.port}`, REDIS_PASSWORD: 's3cret', REDIS_TIMEOUT: '300' };
    const store = await createStoreFromEnv(env, { logger });
    expect(store.name).toBe('redis');
    expect(store.shared).toBe(true);
    expect(store.options.timeoutMs).toBe(300);
    expect(store.description).toBe(`Redis at redis://:***@127.0.0.1:${server.port}`);
    expect(logger.lines).toHaveLength(1);
    expect(logger.lines[0]).toMatch(/^info ✅ Redis: Connected and ready \(Redis at .*, [\d.]+ ms\)$/);
    expect(logger.text()).not.toContain('s3cret');
    expect(await store.health()).toMatchObject({ backend: 'redis', shared: true, status: 'ok', circuit: 'closed' });
    await store.close();
  });

  it('shares counters between limiters built from REDIS_HOST / REDIS_PORT', async () => {
    const env = { REDIS_HOST: '127.0.0.1', REDIS_PORT: String(server.port), REDIS_PASSWORD: 's3cret' };
    const rules = fixedWindow({ limit: 3, window: '1m', name: 'shared' });
    const a = await createLimiterFromEnv({ env, rules, logger: false, prefix: 'host-port' });
    const b = await createLimiterFromEnv({ env, rules, logger: false, prefix: 'host-port' });
    const allowed = [];
    for (const limiter of [a, b, a, b]) allowed.push((await limiter.limit('user')).allowed);
    expect(allowed).toEqual([true, true, true, false]);
    expect(await b.peek('user')).toMatchObject({ reason: 'limit', remaining: 0 });
    expect(await server.cli('EXISTS', a.keys('user')[0] as string)).toBe('1');
    await a.store.close();
    await b.store.close();
  });

  it('starts against an unreachable Redis with "⚠️ Redis unavailable — <policy>" and decides by that policy', async () => {
    const port = await findFreePort();
    const logger = recordingLogger();
    const limiter = await createLimiterFromEnv({
      env: { REDIS_URL: `redis://127.0.0.1:${port}` },
      rules: fixedWindow({ limit: 2, window: '1m' }),
      policy: 'fallback',
      fallbackLimit: 1,
      logger,
    });
    expect(logger.lines).toHaveLength(1);
    expect(logger.lines[0]).toMatch(/^warn ⚠️ Redis unavailable — fallback: in-process limits per instance/);
    const first = await limiter.limit('x');
    const second = await limiter.limit('x');
    expect([first.reason, first.allowed, second.reason, second.allowed]).toEqual(['fallback', true, 'fallback', false]);
    expect(await limiter.health()).toMatchObject({ status: 'degraded', fallbackActive: true, policy: 'fallback' });
    await limiter.store.close();
  });
});
