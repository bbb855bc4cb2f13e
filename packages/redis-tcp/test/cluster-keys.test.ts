import { createLimiter, fixedWindow, slidingLog, tokenBucket } from '@rl/core';
import { type RedisCluster, startCluster } from '@rl-internal/test-redis';
import fc from 'fast-check';
import type { Cluster } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisCluster, redisStore } from '../src/index.js';

const COUNT = 10_000;
const HOUR = 3_600_000;

/** Identifiers full of what breaks naive Cluster keys: braces, empty tags, colons, Unicode. */
const hostile = fc
  .tuple(
    fc.array(
      fc.constantFrom('{', '}', '{}', '}{', ':', '::', '%', '#', 'é', '🚀', '\u0000', ' ', 'user', '42', '10.0.0.1'),
      {
        minLength: 0,
        maxLength: 6,
      },
    ),
    fc.string({ unit: 'binary', minLength: 0, maxLength: 12 }),
  )
  .map(([parts, tail]) => `${parts.join('')}${tail}` || '{}');

describe('cluster: hostile identifiers never cross slots and spread over every master', () => {
  let cluster: RedisCluster;
  let client: Cluster;
  beforeAll(async () => {
    cluster = await startCluster({ masters: 3 });
    client = createRedisCluster(cluster.nodes, { redisOptions: { commandTimeout: 10_000 } });
  });
  afterAll(async () => {
    client?.disconnect();
    await cluster?.stop();
  });

  it(`${COUNT} random identifiers with {, }, {}, : and Unicode, three rules each → 0 errors`, async () => {
    const identifiers = [...new Set(fc.sample(hostile, { numRuns: COUNT * 2, seed: 42 }))].slice(0, COUNT);
    expect(identifiers.length).toBe(COUNT);
    // A caller clock standing at the start of an hour, and hour-long rules: no key can expire while the
    // test runs (on the real clock, a minute boundary in the middle would drop the fixed windows' keys).
    const hourStart = Math.floor(Date.now() / HOUR) * HOUR;
    const limiter = createLimiter({
      store: redisStore({ client }),
      prefix: 'rl-slots',
      clock: 'caller',
      now: () => hourStart,
      rules: [
        fixedWindow({ limit: 5, window: HOUR }),
        slidingLog({ limit: 5, window: HOUR }),
        tokenBucket({ limit: 5, interval: HOUR }),
      ],
    });
    const errors: string[] = [];
    for (let i = 0; i < identifiers.length; i += 200) {
      const batch = identifiers.slice(i, i + 200);
      const settled = await Promise.allSettled(batch.map((id) => limiter.limit(id)));
      for (const s of settled) if (s.status === 'rejected') errors.push(String(s.reason));
      for (const s of settled) if (s.status === 'fulfilled') expect(s.value.allowed).toBe(true);
    }
    expect(errors.filter((e) => e.includes('CROSSSLOT'))).toEqual([]);
    expect(errors).toEqual([]);

    const perMaster = await Promise.all(client.nodes('master').map((node) => node.dbsize()));
    expect(perMaster).toHaveLength(3);
    expect(perMaster.reduce((a, b) => a + b, 0)).toBe(3 * COUNT);
    // Every master holds a real share (a uniform spread gives each about a third).
    for (const keys of perMaster) expect(keys).toBeGreaterThan(COUNT / 2);
  });
});
