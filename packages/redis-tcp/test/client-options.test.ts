import { createLimiter, fixedWindow, isRateLimitError } from '@rl/core';
import { type RedisServer, startRedis } from '@rl-internal/test-redis';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createRedisClient,
  createRedisCluster,
  redisStore,
  SAFE_CLUSTER_NODE_OPTIONS,
  SAFE_REDIS_OPTIONS,
} from '../src/index.js';
import { eventually } from './helpers/settle.js';

describe('createRedisClient / createRedisCluster settings', () => {
  it('parses redis:// and rediss:// URLs with user, password and db, on top of the safe defaults', () => {
    const plain = createRedisClient({ url: 'redis://app:s3cret@10.1.2.3:6380/4', lazyConnect: true });
    expect(plain.options).toMatchObject({ host: '10.1.2.3', port: 6380, username: 'app', password: 's3cret', db: 4 });
    expect(plain.options).toMatchObject({
      commandTimeout: 500,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      autoResendUnfulfilledCommands: false,
    });
    expect(plain.options.tls).toBeUndefined();
    const tls = createRedisClient({ url: 'rediss://default:pw@cache.example.com:6379', lazyConnect: true });
    expect(tls.options.tls).toBeDefined();
    plain.disconnect();
    tls.disconnect();
  });

  it('your options win over the defaults; the backoff never exceeds 1 s', () => {
    const client = createRedisClient({ commandTimeout: 2000, lazyConnect: true });
    expect(client.options.commandTimeout).toBe(2000);
    expect(client.options.enableOfflineQueue).toBe(false);
    const retry = SAFE_REDIS_OPTIONS.retryStrategy as (times: number) => number;
    expect([1, 2, 5, 10, 1000].map(retry)).toEqual([100, 200, 500, 1000, 1000]);
    client.disconnect();
  });

  it('Sentinel options pass through', () => {
    const client = createRedisClient({
      sentinels: [{ host: '10.0.0.9', port: 26379 }],
      name: 'mymaster',
      lazyConnect: true,
    });
    expect(client.options).toMatchObject({ name: 'mymaster', sentinelCommandTimeout: 500, enableOfflineQueue: false });
    client.disconnect();
  });

  it('cluster clients get the safe node settings and no resend on a closed connection', () => {
    const cluster = createRedisCluster([{ host: '127.0.0.1', port: 1 }], {
      lazyConnect: true,
      redisOptions: { db: 0 },
    });
    expect(cluster.options).toMatchObject({ enableOfflineQueue: false, retryDelayOnFailover: 0, scaleReads: 'master' });
    expect(cluster.options.redisOptions).toMatchObject({ ...SAFE_CLUSTER_NODE_OPTIONS, db: 0 });
    cluster.disconnect();
  });

  it('bad arguments fail with the option name', () => {
    expect(() => createRedisClient({ url: 'http://x' })).toThrow(/"url"/);
    expect(() => createRedisCluster([])).toThrow(/"nodes"/);
    expect(() => redisStore({ client: {} as Redis })).toThrow(/"client"/);
  });
});

describe('redisStore with a live server', () => {
  let server: RedisServer;
  beforeAll(async () => {
    server = await startRedis();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('calls made right after creating the client wait for the first connection instead of failing', async () => {
    const client = createRedisClient(server.url);
    const limiter = createLimiter({
      store: redisStore({ client }),
      rules: fixedWindow({ limit: 100, window: 60_000 }),
    });
    const decisions = await Promise.all(Array.from({ length: 20 }, () => limiter.limit('early')));
    expect(decisions.every((d) => d.allowed)).toBe(true);
    client.disconnect();
  });

  it('warns about a client that could double count or hang, and bounds its calls by a store deadline', async () => {
    const warnings: { message: string; code?: string }[] = [];
    const onWarning = (warning: Error & { code?: string }) =>
      warnings.push({ message: warning.message, code: warning.code });
    process.on('warning', onWarning);
    const raw = new Redis(server.url);
    const store = redisStore({ client: raw });
    await new Promise((resolve) => setImmediate(resolve));
    process.off('warning', onWarning);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.code).toBe('RL_REDIS_CLIENT_SETTINGS');
    expect(warnings[0]?.message).toMatch(/counting a request twice/);
    expect(warnings[0]?.message).toMatch(/no commandTimeout/);
    const limiter = createLimiter({ store, rules: fixedWindow({ limit: 100, window: 60_000 }) });
    expect((await limiter.limit('x')).allowed).toBe(true);
    server.pause();
    try {
      const error = await limiter.limit('x').catch((e: unknown) => e);
      expect(isRateLimitError(error, 'RL_STORE_TIMEOUT')).toBe(true);
    } finally {
      server.resume();
    }
    raw.disconnect();
  });

  it('honours the client options its own evalsha would: keyPrefix and enableAutoPipelining', async () => {
    const client = createRedisClient({ url: server.url, keyPrefix: 'app:', enableAutoPipelining: true });
    const limiter = createLimiter({ store: redisStore({ client }), rules: fixedWindow({ limit: 50, window: 60_000 }) });
    const decisions = await Promise.all(Array.from({ length: 80 }, () => limiter.limit('prefixed')));
    expect(decisions.filter((d) => d.allowed)).toHaveLength(50);
    const key = limiter.keys('prefixed')[0] as string;
    const plain = new Redis(server.url);
    expect(await plain.get(`app:${key}`)).toMatch(/ 50$/);
    expect(await plain.exists(key)).toBe(0);
    client.disconnect();
    plain.disconnect();
  });

  it('close() leaves your client open unless closeClient is set', async () => {
    const client = createRedisClient(server.url);
    await new Promise((resolve) => client.once('ready', resolve));
    await redisStore({ client }).close();
    expect(await client.ping()).toBe('PONG');
    await redisStore({ client, closeClient: true }).close();
    await eventually('the client to end', async () => client.status === 'end');
  });
});
