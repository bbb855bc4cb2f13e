import { ALGORITHMS } from '@rl/core';
import { awayFromWindowEdge } from '@rl-internal/test-redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExactnessJob, ExactnessResult } from './fixtures/exactness.child.js';
import { type ProcessPool, startProcessPool } from './helpers/process-pool.js';
import { useUpstash } from './helpers/upstash-fixture.js';

const PROCESSES = 4;
const DAY = 86_400_000;

const fixture = useUpstash();
let pool: ProcessPool<ExactnessJob, ExactnessResult>;
beforeAll(async () => {
  const entry = new URL('./fixtures/exactness.child.ts', import.meta.url).pathname;
  pool = await startProcessPool(entry, PROCESSES, { url: fixture.gateway.url, token: fixture.gateway.token });
});
afterAll(() => pool?.close());

async function rounds(
  algorithm: ExactnessJob['algorithm'],
  count: number,
  shape: Pick<ExactnessJob, 'calls' | 'limit' | 'autoPipelining'>,
) {
  for (let round = 0; round < count; round++) {
    // Day-long fixed windows: keep each round away from the UTC day boundary.
    await awayFromWindowEdge(DAY, 30_000);
    const job: ExactnessJob = {
      algorithm,
      identifier: `user-${algorithm}-${round}`,
      prefix: `rl-exact-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`,
      ...shape,
    };
    const results = await pool.run(() => job);
    expect(
      results.flatMap((r) => r.errors),
      `round ${round}: calls failed`,
    ).toEqual([]);
    const admitted = results.reduce((sum, r) => sum + r.admitted, 0);
    const denied = results.reduce((sum, r) => sum + r.denied, 0);
    expect({ round, admitted, denied }).toEqual({
      round,
      admitted: shape.limit,
      denied: PROCESSES * shape.calls - shape.limit,
    });
  }
}

// The client's defaults: each process's 1000 concurrent calls leave as auto-pipelined batches, and
// the four processes' EVALSHAs interleave inside Redis.
describe(`exactness: ${PROCESSES} processes × 1000 concurrent calls on one identifier, limit 100`, () => {
  for (const algorithm of ALGORITHMS) {
    it(`${algorithm}: exactly 100 admitted in each of 5 rounds`, () =>
      rounds(algorithm, 5, { calls: 1000, limit: 100, autoPipelining: true }));
  }
});

// One HTTP request per call, all in flight at once (400 connections: the local gateway's listen
// backlog is 511, so 4 000 simultaneous connects would measure the gateway, not the store).
describe(`exactness without auto-pipelining: ${PROCESSES} processes × 100 concurrent requests, limit 50`, () => {
  for (const algorithm of ALGORITHMS) {
    it(`${algorithm}: exactly 50 admitted in each of 2 rounds`, () =>
      rounds(algorithm, 2, { calls: 100, limit: 50, autoPipelining: false }));
  }
});
