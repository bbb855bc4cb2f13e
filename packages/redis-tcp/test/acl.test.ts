import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  concurrency,
  createLimiter,
  fixedWindow,
  gcra,
  isRateLimitError,
  slidingLog,
  slidingWindow,
  tokenBucket,
} from '@rl/core';
import { type RedisServer, startCluster, startRedis } from '@rl-internal/test-redis';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisClient, createRedisCluster, redisStore } from '../src/index.js';
import { INNER } from './helpers/script-commands.js';

/** The ACL line documented in the README: the limiter's prefix and the commands its scripts run. */
const LIMITER_ACL =
  'on >limiter-secret ~rl-test:* resetchannels -@all +evalsha +eval +del +ping +info ' +
  '+get +set +pexpire +time +zadd +zrem +zscore +zcount +zrangebyscore +zrevrangebyscore +zremrangebyscore';

describe('a Redis ACL user restricted to the limiter prefix and the scripts’ commands', () => {
  let server: RedisServer;
  let client: Redis;
  beforeAll(async () => {
    server = await startRedis({ args: ['--user', 'limiter', ...LIMITER_ACL.split(' ')] });
    client = createRedisClient(`redis://limiter:limiter-secret@${server.host}:${server.port}`);
  });
  afterAll(async () => {
    client?.disconnect();
    await server?.stop();
  });

  it('the documented ACL allows every command the scripts run (and the README shows this line)', async () => {
    const allowed = new Set(
      LIMITER_ACL.split(' ')
        .filter((token) => token.startsWith('+'))
        .map((token) => token.slice(1)),
    );
    expect([...INNER].filter((command) => !allowed.has(command))).toEqual([]);
    const readme = await readFile(join(import.meta.dirname, '../README.md'), 'utf8');
    expect(readme).toContain(`ACL SETUSER limiter ${LIMITER_ACL}`);
  });

  it('runs consume, peek, refund, reset, acquire and release for every algorithm', async () => {
    const store = redisStore({ client });
    const rules = [
      fixedWindow({ limit: 2, window: 60_000 }),
      slidingWindow({ limit: 2, window: 60_000 }),
      slidingLog({ limit: 2, window: 60_000 }),
      tokenBucket({ limit: 2, interval: 60_000 }),
      gcra({ limit: 2, window: 60_000 }),
    ];
    const limiter = createLimiter({ store, rules, prefix: 'rl-test' });
    expect((await limiter.limit('10.0.0.1')).allowed).toBe(true);
    const second = await limiter.limit('10.0.0.1');
    expect(second).toMatchObject({ allowed: true, remaining: 0 });
    expect((await limiter.limit('10.0.0.1')).allowed).toBe(false);
    expect((await limiter.peek('10.0.0.1')).allowed).toBe(false);
    await limiter.refund('10.0.0.1', second);
    expect((await limiter.peek('10.0.0.1')).allowed).toBe(true);
    await limiter.reset('10.0.0.1');
    expect((await limiter.peek('10.0.0.1')).remaining).toBe(2);

    const leases = createLimiter({ store, rules: concurrency({ limit: 1 }), prefix: 'rl-test' });
    const lease = await leases.acquire('10.0.0.1');
    expect(lease.allowed).toBe(true);
    expect((await leases.acquire('10.0.0.1')).allowed).toBe(false);
    expect(await leases.release('10.0.0.1', lease.leaseId as string)).toBe(true);
  });

  it('is really restricted: another prefix is refused (RL_STORE_UNAVAILABLE, NOPERM as cause)', async () => {
    const limiter = createLimiter({
      store: redisStore({ client }),
      rules: fixedWindow({ limit: 2, window: 60_000 }),
      prefix: 'other',
    });
    const error = await limiter.limit('10.0.0.1').catch((e: unknown) => e);
    expect(isRateLimitError(error, 'RL_STORE_UNAVAILABLE')).toBe(true);
    expect(String((error as Error).cause)).toContain('NOPERM');
    await expect(client.flushall()).rejects.toThrow(/NOPERM/);
  });
});

describe('the same ACL on a Cluster, plus the commands the Cluster client needs', () => {
  it('a limiter user with +cluster|slots +cluster|info rate limits on a 3-master cluster', async () => {
    const acl = `${LIMITER_ACL} +cluster|slots +cluster|info`;
    const cluster = await startCluster({ masters: 3, args: ['--user', 'limiter', ...acl.split(' ')] });
    const client = createRedisCluster(cluster.nodes, {
      redisOptions: { username: 'limiter', password: 'limiter-secret' },
    });
    // A loaded machine can take longer than the store's first-ready wait to discover the slots.
    await new Promise((resolve) => client.once('ready', resolve));
    try {
      const limiter = createLimiter({
        store: redisStore({ client }),
        rules: [fixedWindow({ limit: 1, window: 60_000 }), slidingLog({ limit: 1, window: 60_000 })],
        prefix: 'rl-test',
      });
      for (const id of ['a', 'b', 'c', 'd', 'e', 'f']) {
        expect((await limiter.limit(id)).allowed).toBe(true);
        expect((await limiter.limit(id)).allowed).toBe(false);
        await limiter.reset(id);
        expect((await limiter.peek(id)).allowed).toBe(true);
      }
    } finally {
      client.disconnect();
      await cluster.stop();
    }
  });
});
