import Redis from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RedisServer, startRedis } from '../src/index.ts';

describe('startRedis', () => {
  let server: RedisServer;
  beforeAll(async () => {
    server = await startRedis();
  });
  afterAll(async () => {
    await server.stop();
  });

  it('answers PING on a loopback port that is not 6379', async () => {
    expect(server.host).toBe('127.0.0.1');
    expect(server.port).not.toBe(6379);
    expect(server.url).toBe(`redis://127.0.0.1:${server.port}`);
    const redis = new Redis(server.url, { lazyConnect: true });
    await redis.connect();
    expect(await redis.ping()).toBe('PONG');
    const info = await redis.info('server');
    expect(info).toContain(`process_id:${server.pid}`);
    redis.disconnect();
  });

  it('runs without persistence', async () => {
    expect(await server.cli('CONFIG', 'GET', 'save')).toBe('save\n');
    expect(await server.cli('CONFIG', 'GET', 'appendonly')).toBe('appendonly\nno');
  });

  it('cli() runs redis-cli against the server', async () => {
    expect(await server.cli('SET', 'cli-key', 'v1')).toBe('OK');
    expect(await server.cli('GET', 'cli-key')).toBe('v1');
  });

  it('pause() makes commands time out and resume() lets them finish', async () => {
    const redis = new Redis(server.url, { commandTimeout: 200, maxRetriesPerRequest: 0 });
    await redis.set('paused', '1');
    server.pause();
    try {
      await expect(redis.get('paused')).rejects.toThrow(/timed out/i);
    } finally {
      server.resume();
    }
    const recovered = new Redis(server.url);
    expect(await recovered.get('paused')).toBe('1');
    recovered.disconnect();
    redis.disconnect();
  });

  it('a command sent while paused is answered after resume()', async () => {
    const redis = new Redis(server.url);
    await redis.ping();
    server.pause();
    let settled = false;
    const pending = redis.incr('while-paused').finally(() => {
      settled = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(settled).toBe(false);
    server.resume();
    expect(await pending).toBe(1);
    redis.disconnect();
  });

  it('restart() gives a fresh, empty process on the same port', async () => {
    await server.cli('SET', 'before-restart', 'x');
    const oldPid = server.pid;
    await server.restart();
    expect(server.pid).not.toBe(oldPid);
    expect(await server.cli('EXISTS', 'before-restart')).toBe('0');
    expect(await server.cli('PING')).toBe('PONG');
  });

  it('kill("SIGTERM") ends even a paused process', async () => {
    server.pause();
    await server.kill('SIGTERM');
    await server.restart();
    expect(await server.cli('PING')).toBe('PONG');
  });

  it('kill() ends the process; restart() brings it back', async () => {
    const oldPid = server.pid;
    await server.kill();
    expect(() => process.kill(oldPid, 0)).toThrow();
    await expect(server.cli('PING')).rejects.toThrow();
    await server.restart();
    expect(await server.cli('PING')).toBe('PONG');
  });
});

describe('startRedis options', () => {
  it('passes extra config args', async () => {
    const server = await startRedis({ args: ['--maxmemory', '3mb', '--maxmemory-policy', 'allkeys-lru'] });
    try {
      expect(await server.cli('CONFIG', 'GET', 'maxmemory')).toBe(`maxmemory\n${3 * 1024 * 1024}`);
      expect(await server.cli('CONFIG', 'GET', 'maxmemory-policy')).toBe('maxmemory-policy\nallkeys-lru');
    } finally {
      await server.stop();
    }
  });

  it('supports requirepass and puts the password in url and cli()', async () => {
    const server = await startRedis({ password: 's3cret' });
    try {
      expect(server.url).toBe(`redis://:s3cret@127.0.0.1:${server.port}`);
      expect(await server.cli('PING')).toBe('PONG');
      const anonymous = new Redis({
        port: server.port,
        host: server.host,
        enableReadyCheck: false,
        retryStrategy: () => null,
      });
      anonymous.on('error', () => {});
      await expect(anonymous.ping()).rejects.toThrow(/NOAUTH/);
      anonymous.disconnect();
      const authed = new Redis(server.url);
      expect(await authed.ping()).toBe('PONG');
      authed.disconnect();
    } finally {
      await server.stop();
    }
  });

  it('supports ACL users (user option) and uses them for url and cli()', async () => {
    const server = await startRedis({
      user: { username: 'app', password: 'apppw' },
      args: ['--user', 'default', 'off'],
    });
    try {
      expect(server.url).toBe(`redis://app:apppw@127.0.0.1:${server.port}`);
      expect(await server.cli('ACL', 'WHOAMI')).toBe('app');
      const redis = new Redis(server.url);
      expect(await redis.call('ACL', 'WHOAMI')).toBe('app');
      redis.disconnect();
    } finally {
      await server.stop();
    }
  });

  it('fails with a clear message when the server needs credentials it was not given', async () => {
    const result = await startRedis({ args: ['--user', 'default', 'off'] }).catch((error: Error) => error);
    expect(result).toBeInstanceOf(Error);
    expect((result as Error).message).toMatch(/requires authentication/);
  });

  it('stop() is idempotent and frees the port', async () => {
    const server = await startRedis();
    const pid = server.pid;
    await Promise.all([server.stop(), server.stop()]);
    await server.stop();
    expect(() => process.kill(pid, 0)).toThrow();
  });

  it('several servers can start at the same time on distinct ports', async () => {
    const servers = await Promise.all(Array.from({ length: 6 }, () => startRedis()));
    try {
      expect(new Set(servers.map((s) => s.port)).size).toBe(6);
      const pongs = await Promise.all(servers.map((s) => s.cli('PING')));
      expect(pongs).toEqual(Array(6).fill('PONG'));
    } finally {
      await Promise.all(servers.map((s) => s.stop()));
    }
  });
});
