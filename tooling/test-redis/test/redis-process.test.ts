import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RedisServer, resolveRedisBinary, startRedis } from '../src/index.ts';
import { PortInUseError, spawnRedisProcess } from '../src/redis-process.ts';

describe('port races', () => {
  let server: RedisServer;
  let dir: string;
  beforeAll(async () => {
    server = await startRedis();
    dir = await mkdtemp(join(tmpdir(), 'rl-port-race-'));
  });
  afterAll(async () => {
    await server.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('a process that lost the port is reported as PortInUseError, never mistaken for the server that won it', async () => {
    const attempt = spawnRedisProcess({ host: '127.0.0.1', port: server.port, dir, args: [], startTimeoutMs: 10_000 });
    await expect(attempt).rejects.toBeInstanceOf(PortInUseError);
    expect(await server.cli('PING')).toBe('PONG');
  });

  it('a fixed port that is taken fails instead of retrying elsewhere', async () => {
    await expect(startRedis({ port: server.port })).rejects.toBeInstanceOf(PortInUseError);
  });

  it('starting many servers at once (as parallel workers do) gives each its own port', async () => {
    const many = await Promise.all(Array.from({ length: 12 }, () => startRedis()));
    try {
      expect(new Set(many.map((s) => s.port)).size).toBe(12);
      expect(new Set(many.map((s) => s.pid)).size).toBe(12);
    } finally {
      await Promise.all(many.map((s) => s.stop()));
    }
  });
});

describe('missing binaries', () => {
  it('names the Debian package to install', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'rl-empty-path-'));
    const savedPath = process.env['PATH'];
    process.env['PATH'] = empty;
    try {
      expect(() => resolveRedisBinary('redis-server')).toThrow(/apt-get install redis-server/);
      await expect(startRedis()).rejects.toThrow(/apt-get install redis-server/);
    } finally {
      process.env['PATH'] = savedPath;
      await rm(empty, { recursive: true, force: true });
    }
  });
});
