import { fixedWindow } from '@rl/core';
import { describe, expect, it } from 'vitest';
import { createLimiterFromEnv, createStoreFromEnv } from '../src/index.js';
import { recordingLogger } from './support.js';

describe('createStoreFromEnv with no Redis configured', () => {
  it('uses memory with one loud warning naming the variables to set', async () => {
    const logger = recordingLogger();
    const store = await createStoreFromEnv({}, { logger });
    expect(store.name).toBe('memory');
    expect(store.shared).toBe(false);
    expect(store.selection.backend).toBe('memory');
    expect(logger.lines).toHaveLength(1);
    expect(logger.lines[0]).toMatch(/^warn ⚠️ .*UPSTASH_REDIS_REST_URL \+ UPSTASH_REDIS_REST_TOKEN, or REDIS_URL/);
    await store.close();
  });

  it('is silenced by SKIP_REDIS_WARNING=true', async () => {
    const logger = recordingLogger();
    const store = await createStoreFromEnv({ SKIP_REDIS_WARNING: 'true' }, { logger });
    expect(logger.lines).toEqual([]);
    await store.close();
  });

  it('says limits are per instance under NODE_ENV=production, and can refuse to start instead', async () => {
    const logger = recordingLogger();
    const store = await createStoreFromEnv({ NODE_ENV: 'production' }, { logger });
    expect(logger.text()).toMatch(/NODE_ENV=production .* per instance/);
    await store.close();
    await expect(
      createStoreFromEnv({ NODE_ENV: 'production' }, { logger, memoryInProduction: 'error' }),
    ).rejects.toMatchObject({
      code: 'RL_INVALID_CONFIG',
    });
  });

  it('names REDIS_ENABLED=false when Redis is turned off', async () => {
    const logger = recordingLogger();
    const store = await createStoreFromEnv({ REDIS_URL: 'redis://127.0.0.1:1', REDIS_ENABLED: 'false' }, { logger });
    expect(store.name).toBe('memory');
    expect(logger.text()).toContain('REDIS_ENABLED=false');
    await store.close();
  });

  it('reports a malformed variable before connecting to anything', async () => {
    await expect(createStoreFromEnv({ REDIS_URL: 'redis://127.0.0.1:1', REDIS_TIMEOUT: '-5' })).rejects.toMatchObject({
      code: 'RL_INVALID_CONFIG',
      details: { variable: 'REDIS_TIMEOUT' },
    });
  });

  it('createLimiterFromEnv limits in memory and reports health', async () => {
    const limiter = await createLimiterFromEnv({
      env: { SKIP_REDIS_WARNING: 'true' },
      rules: fixedWindow({ limit: 2, window: '1m' }),
    });
    expect((await limiter.limit('a')).allowed).toBe(true);
    expect((await limiter.limit('a')).allowed).toBe(true);
    expect(await limiter.limit('a')).toMatchObject({ allowed: false, reason: 'limit' });
    expect(await limiter.health()).toMatchObject({
      backend: 'memory',
      shared: false,
      status: 'ok',
      policy: 'fallback',
    });
    await limiter.store.close();
  });
});
