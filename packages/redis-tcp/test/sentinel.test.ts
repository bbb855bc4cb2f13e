import { createLimiter, fixedWindow } from '@rl/core';
import { type RedisSentinelSetup, startSentinel } from '@rl-internal/test-redis';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisClient, redisStore } from '../src/index.js';
import { eventually, settleAll } from './helpers/settle.js';

describe('Sentinel: createRedisClient({ sentinels, name })', () => {
  let setup: RedisSentinelSetup;
  let client: Redis;
  beforeAll(async () => {
    setup = await startSentinel({ sentinels: 1 });
    client = createRedisClient({ sentinels: setup.sentinels, name: setup.masterName });
    client.on('error', () => undefined); // expected during the failover; calls report it
  });
  afterAll(async () => {
    client?.disconnect();
    await setup?.stop();
  });

  it('connects to the master through the sentinels and the store works', async () => {
    const limiter = createLimiter({ store: redisStore({ client }), rules: fixedWindow({ limit: 2, window: 60_000 }) });
    expect((await limiter.limit('10.0.0.1')).allowed).toBe(true);
    expect((await limiter.limit('10.0.0.1')).allowed).toBe(true);
    expect((await limiter.limit('10.0.0.1')).allowed).toBe(false);
    const [key] = limiter.keys('10.0.0.1');
    expect(await setup.master.cli('GET', key as string)).toMatch(/ 2$/);
  });

  it('after a failover, calls fail as store errors (never denials) and then work on the new master', async () => {
    const limiter = createLimiter({
      store: redisStore({ client }),
      rules: fixedWindow({ limit: 100, window: 60_000 }),
    });
    expect((await limiter.limit('b')).allowed).toBe(true);
    const promoted = await setup.failover();
    expect(promoted.port).toBe(setup.replica.port);
    const during = await settleAll(10, () => limiter.limit('b'));
    expect(during.fulfilled.every((d) => d.allowed)).toBe(true);
    expect(during.codes.every((code) => code === 'RL_STORE_UNAVAILABLE' || code === 'RL_STORE_TIMEOUT')).toBe(true);
    await eventually('the client to follow the new master', async () => (await limiter.limit('b')).allowed);
    const [key] = limiter.keys('b');
    expect(await setup.replica.cli('EXISTS', key as string)).toBe('1');
  });
});
