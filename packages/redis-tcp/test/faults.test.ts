import { createLimiter, fixedWindow, type Limiter } from '@rl/core';
import { type RedisServer, startRedis, startTcpProxy, type TcpProxy } from '@rl-internal/test-redis';
import type { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createRedisClient, redisStore } from '../src/index.js';
import { eventually, settleAll } from './helpers/settle.js';

// Generous: the command timeout is 500 ms; anything that settles within 10 s did not hang.
const NEVER_HANGS_MS = 10_000;

function limiterOn(client: Redis, prefix = 'rl-fault'): Limiter {
  return createLimiter({
    store: redisStore({ client }),
    prefix,
    rules: fixedWindow({ limit: 1_000_000, window: 60_000 }),
  });
}

describe('faults: a dead or frozen Redis rejects fast with a store error, never a denial, and recovers', () => {
  let server: RedisServer;
  let client: Redis;
  beforeAll(async () => {
    server = await startRedis();
    client = createRedisClient(server.url);
    client.on('error', () => undefined); // expected while Redis is down; calls report it
    await limiterOn(client).limit('warm-up');
  });
  afterEach(() => server.resume());
  afterAll(async () => {
    client?.disconnect();
    await server?.stop();
  });

  it('Redis paused (SIGSTOP): calls reject with RL_STORE_TIMEOUT; after SIGCONT they succeed again', async () => {
    const limiter = limiterOn(client);
    server.pause();
    const { fulfilled, codes, slowestMs } = await settleAll(50, () => limiter.limit('a'));
    expect(fulfilled).toEqual([]);
    expect(codes.length).toBe(50);
    expect(codes.every((code) => code === 'RL_STORE_TIMEOUT' || code === 'RL_STORE_UNAVAILABLE')).toBe(true);
    expect(codes).toContain('RL_STORE_TIMEOUT');
    expect(slowestMs).toBeLessThan(NEVER_HANGS_MS);
    server.resume();
    await eventually('calls to succeed after resume', async () => (await limiter.limit('a')).allowed);
  });

  it('Redis killed: calls reject with RL_STORE_UNAVAILABLE at once; after a restart (empty script cache) they succeed', async () => {
    const limiter = limiterOn(client);
    await server.kill();
    const { fulfilled, codes, slowestMs } = await settleAll(50, () => limiter.limit('b'));
    expect(fulfilled).toEqual([]);
    expect(new Set(codes)).toEqual(new Set(['RL_STORE_UNAVAILABLE']));
    expect(slowestMs).toBeLessThan(NEVER_HANGS_MS);
    await server.restart();
    await eventually('calls to succeed after the restart', async () => (await limiter.limit('b')).allowed);
    expect(await client.script('EXISTS', '0000000000000000000000000000000000000000')).toEqual([0]);
  });
});

describe('faults on the network path (TCP proxy)', () => {
  let server: RedisServer;
  let proxy: TcpProxy;
  let client: Redis;
  beforeAll(async () => {
    server = await startRedis();
    proxy = await startTcpProxy(server.port);
    client = createRedisClient({ host: proxy.host, port: proxy.port });
    client.on('error', () => undefined); // expected while the path is broken; calls report it
    await limiterOn(client).limit('warm-up');
  });
  afterAll(async () => {
    client?.disconnect();
    await proxy?.close();
    await server?.stop();
  });

  it('a black-holed connection: RL_STORE_TIMEOUT within the command timeout, then fast failures once the socket is dropped', async () => {
    const limiter = limiterOn(client);
    proxy.setMode('blackhole');
    const { fulfilled, codes, slowestMs } = await settleAll(20, () => limiter.limit('c'));
    expect(fulfilled).toEqual([]);
    expect(codes).toContain('RL_STORE_TIMEOUT');
    expect(codes.every((code) => code === 'RL_STORE_TIMEOUT' || code === 'RL_STORE_UNAVAILABLE')).toBe(true);
    expect(slowestMs).toBeLessThan(NEVER_HANGS_MS);
    // socketTimeout (2 s of silence) drops the dead socket; until a new one is ready, calls fail at once.
    await eventually('a call to fail fast with RL_STORE_UNAVAILABLE', async () => {
      const error = await limiter.limit('c').catch((e: unknown) => e);
      return (error as { code?: string }).code === 'RL_STORE_UNAVAILABLE';
    });
    proxy.resetConnections();
    proxy.setMode('pass');
    await eventually('calls to succeed again', async () => (await limiter.limit('c')).allowed);
  });

  it('a reply lost on the way back: the call times out and is never resent, so it counts exactly once', async () => {
    const limiter = limiterOn(client, 'rl-lost');
    proxy.setMode('drop-replies');
    const error = await limiter.limit('d').catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'RL_STORE_TIMEOUT' });
    proxy.resetConnections();
    proxy.setMode('pass');
    await eventually('the client to reconnect', async () => (await limiter.peek('other')).allowed);
    // Give a resend every chance to happen, then read the counter straight from Redis.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const [key] = limiter.keys('d');
    expect(await server.cli('GET', key as string)).toMatch(/^f\d+ 1$/);
  });
});
