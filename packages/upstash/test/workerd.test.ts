import { ALGORITHMS } from '@rl/core';
import { findFreePort } from '@rl-internal/test-redis';
import { type RunningWorker, startWorker } from '@rl-internal/workerd';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countKeys, useUpstash } from './helpers/upstash-fixture.js';

type Report = Record<string, { admitted: number; denied: number; failed: string[] }>;

describe('inside workerd: @upstash/redis/cloudflare + @rl/core + @rl/upstash against the gateway', () => {
  const fixture = useUpstash();
  let worker: RunningWorker;
  // startWorker bundles with esbuild and fails on any Node builtin import: the worker starting at all
  // proves @rl/upstash (with the scripts bundled in) is edge-safe.
  beforeAll(async () => {
    worker = await startWorker({
      entry: new URL('./fixtures/limits.worker.ts', import.meta.url).pathname,
      bindings: { UPSTASH_REDIS_REST_URL: fixture.gateway.url, UPSTASH_REDIS_REST_TOKEN: fixture.gateway.token },
    });
  });
  afterAll(() => worker?.dispose());

  for (const [pipelining, calls, limit] of [
    ['1', 300, 100],
    ['0', 60, 20],
  ] as const) {
    it(`admits exactly ${limit} of ${calls} concurrent calls for every algorithm (auto-pipelining ${pipelining === '1' ? 'on' : 'off'})`, async () => {
      const prefix = `rl-workerd-${pipelining}`;
      const requests = fixture.gateway.requestCount;
      const res = await worker.fetch(`/limits?calls=${calls}&limit=${limit}&pipelining=${pipelining}&prefix=${prefix}`);
      const report = (await res.json()) as Report;
      for (const algorithm of ALGORITHMS) {
        expect({ algorithm, ...report[algorithm] }).toEqual({
          algorithm,
          admitted: limit,
          denied: calls - limit,
          failed: [],
        });
      }
      // It really went through the gateway into redis-server.
      expect(fixture.gateway.requestCount).toBeGreaterThan(requests);
      expect(await countKeys(fixture, `${prefix}:`)).toBe(ALGORITHMS.length);
    });
  }

  it('a wrong token: RL_STORE_UNAVAILABLE saying the token was rejected', async () => {
    const body = (await (await worker.fetch('/failure?kind=token')).json()) as { code: string; message: string };
    expect(body.code).toBe('RL_STORE_UNAVAILABLE');
    expect(body.message).toMatch(/Upstash rejected the REST token/);
  });

  it('an unreachable endpoint: RL_STORE_UNAVAILABLE, never a decision', async () => {
    const url = `http://127.0.0.1:${await findFreePort()}`;
    const res = await worker.fetch(`/failure?kind=unreachable&url=${encodeURIComponent(url)}`);
    const body = (await res.json()) as { code: string; message: string };
    expect(body.code).toBe('RL_STORE_UNAVAILABLE');
  });

  it('a frozen Redis behind the gateway: RL_STORE_TIMEOUT from the store’s deadline', async () => {
    fixture.server.pause();
    try {
      const body = (await (await worker.fetch('/failure?kind=slow&timeoutMs=300')).json()) as { code: string };
      expect(body.code).toBe('RL_STORE_TIMEOUT');
    } finally {
      fixture.server.resume();
    }
  });
});
