import { ALGORITHMS, type Algorithm, type Store } from '@rl/core';
import fc from 'fast-check';
import { beforeAll, describe, it } from 'vitest';
import { createScriptStore } from '../src/index.js';
import { LARGE, opsArb, type RuleScale, rulesArb, SMALL } from './helpers/arbitraries.js';
import { runDifferential } from './helpers/differential-runner.js';
import { asRedisLike } from './helpers/ioredis-client.js';
import { useRedis } from './helpers/redis-fixture.js';

/** 1.728e12: epoch ms of 2024-10-04, like real traffic. */
const EPOCH = 86_400_000 * 20_000;
let run = 0;

describe('differential: Lua scripts vs the core reference semantics (caller clock, virtual time)', () => {
  const fixture = useRedis();
  let store: Store;
  const exists = async (key: string) => (await fixture.redis.exists(key)) === 1;
  beforeAll(() => {
    // An hour of slack: keys never expire on Redis's real clock while virtual time stands still.
    store = createScriptStore({ name: 'redis', client: asRedisLike(fixture.redis), skewToleranceMs: 3_600_000 });
  });

  const property = (scale: RuleScale, first?: Algorithm, only = false) =>
    fc.asyncProperty(
      rulesArb(scale, first, only).chain((rules) => {
        const maxLimit = Math.max(...rules.map((r) => r.limit));
        const windows = rules.map((r) => (r.algorithm === 'token-bucket' ? r.intervalMs : r.windowMs));
        return fc.tuple(fc.constant(rules), opsArb(maxLimit, windows), fc.integer({ min: 0, max: 10_000 }));
      }),
      async ([rules, ops, offset]) => {
        run += 1;
        await runDifferential(store, exists, `rl-diff:${run}`, rules, ops, EPOCH + offset);
      },
    );

  for (const algorithm of ALGORITHMS) {
    it(`${algorithm} (with up to two other rules): 150 random sequences`, async () => {
      await fc.assert(property(SMALL, algorithm), { numRuns: 150 });
    });
  }

  for (const algorithm of ALGORITHMS) {
    it(`${algorithm} only, one to three rules (its own script variant): 60 random sequences`, async () => {
      await fc.assert(property(SMALL, algorithm, true), { numRuns: 60 });
    });
  }

  it('any mix of algorithms: 300 random sequences', async () => {
    await fc.assert(property(SMALL), { numRuns: 300 });
  });

  it('large limits and windows (limit × window near 2^53): 200 random sequences', async () => {
    await fc.assert(property(LARGE), { numRuns: 200 });
  });
});
