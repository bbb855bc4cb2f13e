import { ALGORITHMS, type Algorithm, type Rule, type Store } from '@rl/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createScriptStore } from '../src/index.js';
import { asRedisLike } from './helpers/ioredis-client.js';
import { useRedis } from './helpers/redis-fixture.js';

const NOW = 86_400_000 * 20_000 + 123;

function ruleOf(algorithm: Algorithm): Rule {
  return {
    name: 'same-name',
    algorithm,
    limit: 3,
    windowMs: 10_000,
    refillRate: algorithm === 'token-bucket' ? 1 : 0,
    intervalMs: algorithm === 'token-bucket' ? 10_000 : 0,
    leaseMs: algorithm === 'concurrency' ? 10_000 : 0,
  };
}

describe('a key holding another shape (a rule that changed algorithm under the same name) reads as absent', () => {
  const fixture = useRedis();
  let store: Store;
  let n = 0;
  beforeAll(() => {
    store = createScriptStore({ name: 'redis', client: asRedisLike(fixture.redis) });
  });
  const fresh = () => `rl-shape:same-name:{k${++n}}`;

  const foreign: { label: string; write: (key: string) => Promise<unknown> }[] = [
    ...ALGORITHMS.map((algorithm) => ({
      label: `a ${algorithm} state`,
      write: (key: string) =>
        store.consume({ checks: [{ key, rule: ruleOf(algorithm) }], cost: 1, now: NOW - 5, leaseId: 'x' }),
    })),
    { label: 'a garbage string', write: (key: string) => fixture.redis.set(key, 'f1 2 3 garbage') },
    { label: 'a hash', write: (key: string) => fixture.redis.hset(key, 'a', '1') },
    { label: 'a list', write: (key: string) => fixture.redis.rpush(key, 'a') },
  ];

  for (const algorithm of ALGORITHMS) {
    for (const other of foreign) {
      if (other.label === `a ${algorithm} state`) continue;
      it(`${algorithm} over ${other.label}: decides as on a missing key, then owns the key`, async () => {
        const rule = ruleOf(algorithm);
        const key = fresh();
        const clean = fresh();
        await other.write(key);
        const call = (k: string, cost: number) => ({ checks: [{ key: k, rule }], cost, now: NOW, leaseId: 'lease' });
        expect(await store.peek(call(key, 1))).toEqual(await store.peek(call(clean, 1)));
        expect(await store.consume(call(key, 2))).toEqual(await store.consume(call(clean, 2)));
        expect(await store.consume(call(key, 1))).toEqual(await store.consume(call(clean, 1)));
      });
    }
  }
});
