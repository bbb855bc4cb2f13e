import type { RuleInput } from '@rl/core';
import { type RedisCluster, type RedisServer, startCluster, startRedis } from '@rl-internal/test-redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ChildPool, startChildPool } from './helpers/child-pool.js';

const PROCESSES = 4;
const CALLS_EACH = 1000;
const LIMIT = 100;
const ROUNDS = 5;
const NOW = 86_400_000 * 20_000 + 1234;

const RULES: RuleInput[] = [
  { algorithm: 'fixed-window', limit: LIMIT, window: 60_000 },
  { algorithm: 'sliding-window', limit: LIMIT, window: 60_000 },
  { algorithm: 'sliding-log', limit: LIMIT, window: 60_000 },
  { algorithm: 'token-bucket', limit: LIMIT, refillRate: 1, interval: 60_000 },
  { algorithm: 'gcra', limit: LIMIT, window: 60_000 },
  { algorithm: 'concurrency', limit: LIMIT, leaseMs: 60_000 },
];

function exactly(pool: () => ChildPool, topology: string): void {
  for (const rule of RULES) {
    it(`${rule.algorithm}: ${PROCESSES} processes × ${CALLS_EACH} concurrent calls, limit ${LIMIT} → exactly ${LIMIT} admitted, ${ROUNDS} rounds`, async () => {
      for (let round = 0; round < ROUNDS; round++) {
        const results = await pool().round(rule, `${topology}-${rule.algorithm}-${round}`, CALLS_EACH, NOW);
        expect(results.flatMap((r) => r.errors)).toEqual([]);
        expect(results.reduce((sum, r) => sum + r.admitted, 0)).toBe(LIMIT);
      }
    });
  }
}

describe('exactness across processes: single node', () => {
  let server: RedisServer;
  let pool: ChildPool;
  beforeAll(async () => {
    server = await startRedis();
    pool = await startChildPool(PROCESSES, { url: server.url });
  });
  afterAll(async () => {
    await pool?.stop();
    await server?.stop();
  });
  exactly(() => pool, 'single');
});

describe('exactness across processes: 3-master cluster', () => {
  let cluster: RedisCluster;
  let pool: ChildPool;
  beforeAll(async () => {
    cluster = await startCluster({ masters: 3 });
    pool = await startChildPool(PROCESSES, { nodes: cluster.nodes });
  });
  afterAll(async () => {
    await pool?.stop();
    await cluster?.stop();
  });
  exactly(() => pool, 'cluster');
});
