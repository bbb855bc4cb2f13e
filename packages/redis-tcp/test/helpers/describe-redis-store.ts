import { describeStore } from '@rl/conformance';
import type { Cluster, Redis } from 'ioredis';
import { redisStore } from '../../src/index.js';
import { redisInspector } from './inspect.js';

/**
 * Registers the store conformance suite twice on one client: every group with a minute of
 * caller-clock slack on each key (the suite's virtual clock stands still while real time passes, so
 * keys must not expire on Redis's real clock first), and garbage collection alone with no slack,
 * where each key's PTTL is exactly when its state stops mattering.
 */
export function describeRedisStore(name: string, client: () => Redis | Cluster): void {
  describeStore(name, () => redisStore({ client: client(), skewToleranceMs: 60_000 }), {
    skip: { 'garbage-collection': `keys carry a minute of caller-clock slack here; run by "${name}, exact expiry"` },
  });
  describeStore(`${name}, exact expiry`, () => redisStore({ client: client(), skewToleranceMs: 0 }), {
    only: ['garbage-collection'],
    inspect: {
      ttlMs: (key, now) => redisInspector(client()).ttlMs(key, now),
      keyCount: (prefix) => redisInspector(client()).keyCount(prefix),
    },
  });
}
