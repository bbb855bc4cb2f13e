import {
  ALGORITHMS,
  type Algorithm,
  concurrency,
  fixedWindow,
  gcra,
  type Rule,
  type Store,
  type StoreCheck,
  slidingLog,
  slidingWindow,
  tokenBucket,
} from '@rl/core';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  ALL_SCRIPTS,
  CONSUME_VARIANTS,
  clockArgs,
  createScriptStore,
  encodeCall,
  PEEK_VARIANTS,
  SCRIPTS,
} from '../src/index.js';
import { asRedisLike } from './helpers/ioredis-client.js';
import { useRedis } from './helpers/redis-fixture.js';

const RULES: Record<Algorithm, (name: string) => Rule> = {
  'fixed-window': (name) => fixedWindow({ limit: 5, window: 60_000, name }),
  'sliding-window': (name) => slidingWindow({ limit: 5, window: 60_000, name }),
  'sliding-log': (name) => slidingLog({ limit: 5, window: 60_000, name }),
  'token-bucket': (name) => tokenBucket({ limit: 5, interval: 60_000, name }),
  gcra: (name) => gcra({ limit: 5, window: 60_000, name }),
  concurrency: (name) => concurrency({ limit: 5, name }),
};

describe('script variants: one per algorithm for consume and peek, the generic script for mixed rules', () => {
  const fixture = useRedis();
  let store: Store;
  let n = 0;
  beforeAll(() => {
    store = createScriptStore({ name: 'redis', client: asRedisLike(fixture.redis) });
  });
  const checksOf = (...algorithms: Algorithm[]): StoreCheck[] => {
    n += 1;
    return algorithms.map((algorithm, i) => ({ key: `rl-var:${i}:{id${n}}`, rule: RULES[algorithm](`r${i}`) }));
  };
  /** Which of every script the server holds after `run`, from an empty script cache. */
  const loadedBy = async (run: () => Promise<unknown>): Promise<string[]> => {
    await fixture.redis.script('FLUSH');
    await run();
    const exists = (await fixture.redis.script('EXISTS', ...ALL_SCRIPTS.map((s) => s.sha1))) as number[];
    return ALL_SCRIPTS.filter((_, i) => exists[i] === 1).map((s) => s.id);
  };

  for (const algorithm of ALGORITHMS) {
    it(`${algorithm}: consume and peek of one or two such rules run its own variants only`, async () => {
      const one = checksOf(algorithm);
      const two = checksOf(algorithm, algorithm);
      const call = (checks: StoreCheck[]) => store.consume({ checks, cost: 1, leaseId: 'lease' });
      expect(await loadedBy(() => call(one))).toEqual([`consume:${algorithm}`]);
      expect(await loadedBy(() => call(two))).toEqual([`consume:${algorithm}`]);
      expect(await loadedBy(() => store.peek({ checks: two }))).toEqual([`peek:${algorithm}`]);
      expect(CONSUME_VARIANTS[algorithm].source.length).toBeLessThan(SCRIPTS.consume.source.length / 2);
    });
  }

  it('mixed algorithms run the generic scripts; refund and release have one script each', async () => {
    const mixed = checksOf('fixed-window', 'sliding-log');
    expect(await loadedBy(() => store.consume({ checks: mixed, cost: 1 }))).toEqual(['consume']);
    expect(await loadedBy(() => store.peek({ checks: mixed }))).toEqual(['peek']);
    expect(await loadedBy(() => store.refund({ checks: mixed, cost: 1, consumedAt: 0 }))).toEqual(['refund']);
    const leases = checksOf('concurrency');
    expect(await loadedBy(() => store.release({ checks: leases, leaseId: 'x' }))).toEqual(['release']);
  });

  it('a checks array changed in place is planned again (same length, other rule and key)', async () => {
    const checks = checksOf('fixed-window');
    const log = checksOf('sliding-log')[0] as StoreCheck;
    expect((await store.consume({ checks, cost: 5 })).results[0]).toMatchObject({ allowed: true, remaining: 0 });
    checks[0] = log;
    expect(await loadedBy(() => store.consume({ checks, cost: 2 }))).toEqual(['consume:sliding-log']);
    expect(await fixture.redis.zcard(log.key)).toBe(2);
  });

  it('a variant refuses rules of another algorithm instead of misreading them', async () => {
    const { keys, args } = encodeCall(checksOf('sliding-window'), [...clockArgs(undefined, 0), '1', '']);
    const error = await fixture.redis
      .eval(CONSUME_VARIANTS['fixed-window'].source, keys.length, ...keys, ...args)
      .catch((e: unknown) => e);
    expect(String(error)).toContain('rl script: this script takes fixed-window rules (code 0), got code 1');
    const peek = encodeCall(checksOf('gcra'), clockArgs(undefined, 0));
    const refused = await fixture.redis
      .eval(PEEK_VARIANTS.concurrency.source, peek.keys.length, ...peek.keys, ...peek.args)
      .catch((e: unknown) => e);
    expect(String(refused)).toContain('this script takes concurrency rules (code 5), got code 4');
  });
});
