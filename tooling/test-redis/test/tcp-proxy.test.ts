import { connect } from 'node:net';
import Redis from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type RedisServer, startRedis, startTcpProxy, type TcpProxy } from '../src/index.ts';

/** A client that fails fast instead of retrying, so each fault shows up as an error. */
function fragileClient(port: number): Redis {
  const redis = new Redis({
    port,
    host: '127.0.0.1',
    commandTimeout: 300,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    enableOfflineQueue: false,
    enableReadyCheck: false,
    lazyConnect: true,
  });
  redis.on('error', () => {});
  return redis;
}

/** Resolves with how a fresh raw connection through the proxy ends: 'reset' or 'closed'. */
function rawConnectionFate(port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect({ port, host: '127.0.0.1' });
    socket.on('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ECONNRESET' ? 'reset' : error.code!));
    socket.on('close', () => resolve('closed'));
    socket.on('data', () => resolve('data'));
    socket.write('PING\r\n');
  });
}

describe('startTcpProxy', () => {
  let server: RedisServer;
  let proxy: TcpProxy;
  const clients: Redis[] = [];
  const client = async () => {
    const redis = fragileClient(proxy.port);
    clients.push(redis);
    await redis.connect();
    return redis;
  };

  beforeAll(async () => {
    server = await startRedis();
    proxy = await startTcpProxy(server.port);
  });
  afterEach(() => {
    for (const redis of clients.splice(0)) redis.disconnect();
    proxy.setMode('pass');
  });
  afterAll(async () => {
    await proxy.close();
    await server.stop();
  });

  it('pass: forwards both ways', async () => {
    expect(proxy.port).not.toBe(server.port);
    const redis = await client();
    expect(await redis.set('pass', '1')).toBe('OK');
    expect(await server.cli('GET', 'pass')).toBe('1');
    expect(proxy.connectionCount).toBe(1);
  });

  it('blackhole: accepts, forwards nothing, answers nothing; pass recovers new connections', async () => {
    const before = await client();
    proxy.setMode('blackhole');
    await expect(before.set('blackhole-open', '1')).rejects.toThrow(/timed out/i);
    const fresh = await client(); // the TCP connect itself succeeds
    await expect(fresh.set('blackhole-new', '1')).rejects.toThrow(/timed out/i);
    expect(await server.cli('EXISTS', 'blackhole-open')).toBe('0');
    expect(await server.cli('EXISTS', 'blackhole-new')).toBe('0');
    proxy.setMode('pass');
    const after = await client();
    expect(await after.ping()).toBe('PONG');
  });

  it('drop-replies: the server executes the command, the client never hears back', async () => {
    const redis = await client();
    await redis.ping();
    proxy.setMode('drop-replies');
    await expect(redis.incr('dropped')).rejects.toThrow(/timed out/i);
    expect(await server.cli('GET', 'dropped')).toBe('1');
  });

  it('close: resets open connections and every new one', async () => {
    const redis = await client();
    await redis.ping();
    const closed = new Promise((resolve) => redis.once('close', resolve));
    proxy.setMode('close');
    await closed;
    expect(proxy.connectionCount).toBe(0);
    expect(await rawConnectionFate(proxy.port)).toBe('reset');
    proxy.setMode('pass');
    expect(await rawConnectionFate(proxy.port)).toBe('data');
  });

  it('resetConnections() drops open connections but keeps the mode', async () => {
    const redis = await client();
    await redis.ping();
    const closed = new Promise((resolve) => redis.once('close', resolve));
    proxy.resetConnections();
    await closed;
    expect(proxy.mode).toBe('pass');
    const again = await client();
    expect(await again.ping()).toBe('PONG');
  });
});
