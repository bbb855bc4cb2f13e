import { fixedWindow } from '@rl/core';
import { type RedisServer, startRedis } from '@rl-internal/test-redis';
import { startUpstashGateway, type UpstashGateway } from '@rl-internal/upstash-gateway';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLimiterFromEnv, createStoreFromEnv } from '../src/index.js';
import { recordingLogger } from './support.js';

let server: RedisServer;
let gateway: UpstashGateway;
beforeAll(async () => {
  server = await startRedis();
  gateway = await startUpstashGateway({ redisUrl: server.url, token: 'auto-test-token' });
});
afterAll(async () => {
  await gateway.close();
  await server.stop();
});

describe('createStoreFromEnv with Upstash (through a local Upstash-REST gateway)', () => {
  it('prefers UPSTASH_REDIS_REST_URL + _TOKEN over REDIS_URL, logs the backend and never the token', async () => {
    const logger = recordingLogger();
    const env = {
      UPSTASH_REDIS_REST_URL: gateway.url,
      UPSTASH_REDIS_REST_TOKEN: gateway.token,
      REDIS_URL: 'redis://127.0.0.1:1',
    };
    const store = await createStoreFromEnv(env, { logger });
    expect(store.name).toBe('upstash');
    expect(store.options.timeoutMs).toBe(1000);
    expect(logger.lines).toEqual([
      expect.stringMatching(
        /^info ✅ Redis: Connected and ready \(Upstash REST at http:\/\/127\.0\.0\.1:\d+, [\d.]+ ms\)$/,
      ),
    ]);
    expect(logger.text()).not.toContain(gateway.token);
    await store.close();
  });

  it('limits across instances with REDIS_URL=https?://… + REDIS_TOKEN', async () => {
    const env = { REDIS_URL: gateway.url, REDIS_TOKEN: gateway.token, REDIS_TIMEOUT: '2000' };
    const rules = fixedWindow({ limit: 2, window: '1m' });
    const a = await createLimiterFromEnv({ env, rules, logger: false, prefix: 'up' });
    const b = await createLimiterFromEnv({ env, rules, logger: false, prefix: 'up' });
    const decisions = [await a.limit('u'), await b.limit('u'), await a.limit('u')];
    expect(decisions.map((d) => [d.allowed, d.reason])).toEqual([
      [true, 'ok'],
      [true, 'ok'],
      [false, 'limit'],
    ]);
    expect(await a.health()).toMatchObject({ backend: 'upstash', shared: true, status: 'ok' });
  });

  it('rejects a wrong token at startup with "⚠️ Redis unavailable — <policy>", and falls back', async () => {
    const logger = recordingLogger();
    const limiter = await createLimiterFromEnv({
      env: { UPSTASH_REDIS_REST_URL: gateway.url, UPSTASH_REDIS_REST_TOKEN: 'wrong-token' },
      rules: fixedWindow({ limit: 1, window: '1m' }),
      policy: 'fallback',
      logger,
    });
    expect(logger.lines).toEqual([expect.stringMatching(/^warn ⚠️ Redis unavailable — fallback: /)]);
    expect(await limiter.limit('z')).toMatchObject({ allowed: true, reason: 'fallback' });
    expect(await limiter.limit('z')).toMatchObject({ allowed: false, reason: 'fallback' });
  });
});
