import { startRedis } from '@rl-internal/test-redis';
import { Redis } from '@upstash/redis';
import { describe, expect, it } from 'vitest';
import { startUpstashGateway } from '../src/index.ts';
import { post } from './fixture.ts';

describe('gateway lifecycle', () => {
  it('validates its options, naming the bad one', async () => {
    await expect(startUpstashGateway({ redisPort: 1, token: '' })).rejects.toThrow(/token must be a non-empty string/);
    await expect(startUpstashGateway({ token: 't' })).rejects.toThrow(/pass redisUrl or redisPort/);
    await expect(startUpstashGateway({ redisUrl: 'http://x', token: 't' })).rejects.toThrow(/redis:\/\//);
    await expect(startUpstashGateway({ redisPort: 70000, token: 't' })).rejects.toThrow(/redisPort/);
  });

  it('authenticates to a password-protected Redis given by URL, and selects its db', async () => {
    const server = await startRedis({ password: 'pw' });
    const gateway = await startUpstashGateway({ redisUrl: `${server.url}/2`, token: 't' });
    try {
      expect((await post(gateway, '/', ['SET', 'db2', 'yes'])).json).toEqual({ result: 'OK' });
      expect(await server.cli('-n', '2', 'GET', 'db2')).toBe('yes');
      expect(await server.cli('GET', 'db2')).toBe('');
    } finally {
      await gateway.close();
      await server.stop();
    }
  });

  it('answers 500 {error} while Redis is down and recovers after it restarts', async () => {
    const server = await startRedis();
    const gateway = await startUpstashGateway({ redisPort: server.port, token: 't' });
    const redis = new Redis({ url: gateway.url, token: 't', enableTelemetry: false, retry: false });
    try {
      expect(await redis.incr('life:n')).toBe(1);
      await server.kill();
      const down = await post(gateway, '/', ['PING']);
      expect(down.status).toBe(500);
      expect((down.json as { error: string }).error).toMatch(/could not reach Redis/);
      await expect(redis.incr('life:n')).rejects.toThrow(/could not reach Redis/);
      await server.restart();
      expect(await redis.incr('life:n')).toBe(1); // a fresh, empty Redis
    } finally {
      await gateway.close();
      await server.stop();
    }
  });

  it('close() is idempotent and frees the port', async () => {
    const server = await startRedis();
    const gateway = await startUpstashGateway({ redisPort: server.port, token: 't' });
    await post(gateway, '/', ['PING']);
    await Promise.all([gateway.close(), gateway.close()]);
    await expect(fetch(`${gateway.url}/`)).rejects.toThrow();
    await server.stop();
  });
});
