import { describe, expect, it } from 'vitest';
import {
  ALGORITHMS,
  type ConsumeResponse,
  createLimiter,
  evaluateConsume,
  evaluatePeek,
  fixedWindow,
  gcra,
  type RateLimitError,
  type Store,
  type StoreCapabilities,
} from '../src/index.js';
import { errorOf } from './support/error-of.js';

/** A minimal in-test store over the reference evaluation, optionally failing. */
function testStore(overrides: Partial<Store> & { supports?: StoreCapabilities } = {}): Store & { calls: number[] } {
  const states = new Map();
  const calls: number[] = [];
  return {
    name: 'test',
    shared: false,
    supports: { clocks: ['caller'], algorithms: ALGORITHMS },
    calls,
    async consume(request): Promise<ConsumeResponse> {
      const now = request.now ?? 0;
      calls.push(now);
      const result = evaluateConsume((k) => states.get(k), request.checks, request.cost, now, request.leaseId);
      for (const w of result.writes) states.set(w.key, w.state);
      return { allowed: result.allowed, now, results: result.results };
    },
    async peek(request) {
      const now = request.now ?? 0;
      return { ...evaluatePeek((k) => states.get(k), request.checks, now), now };
    },
    async refund() {},
    async release() {
      return false;
    },
    async reset(keys) {
      for (const k of keys) states.delete(k);
    },
    async close() {},
    ...overrides,
  };
}

describe('createLimiter', () => {
  it('validates its options, naming each', () => {
    const rules = fixedWindow({ limit: 1, window: 1000 });
    expect(errorOf(() => createLimiter({ store: {} as Store, rules })).details.option).toBe('store');
    expect(errorOf(() => createLimiter({ store: testStore(), rules: [] })).details.option).toBe('rules');
    expect(errorOf(() => createLimiter({ store: testStore(), rules, prefix: 'a{b' })).details.option).toBe('prefix');
    expect(errorOf(() => createLimiter({ store: testStore(), rules, clock: 'store' })).details.option).toBe('clock');
    expect(errorOf(() => createLimiter({ store: testStore(), rules, clock: 'wall' as never })).details.option).toBe(
      'clock',
    );
    expect(errorOf(() => createLimiter({ store: testStore(), rules: [rules, rules] })).details.option).toBe('rules');
    const narrow = testStore({ supports: { clocks: ['caller'], algorithms: ['fixed-window'] } });
    expect(errorOf(() => createLimiter({ store: narrow, rules: gcra({ limit: 1, window: 1 }) })).code).toBe(
      'RL_UNSUPPORTED',
    );
  });

  it('uses the caller clock by default for unshared stores, the store clock for shared ones', () => {
    const rules = fixedWindow({ limit: 1, window: 1000 });
    expect(createLimiter({ store: testStore(), rules }).clock).toBe('caller');
    const shared = testStore({ shared: true, supports: { clocks: ['caller', 'store'], algorithms: ALGORITHMS } });
    expect(createLimiter({ store: shared, rules }).clock).toBe('store');
    expect(createLimiter({ store: shared, rules, clock: 'caller' }).clock).toBe('caller');
  });

  it('passes the caller clock to the store', async () => {
    const store = testStore();
    const limiter = createLimiter({ store, rules: fixedWindow({ limit: 5, window: 1000 }), now: () => 123_000 });
    const decision = await limiter.limit('a');
    expect(store.calls).toEqual([123_000]);
    expect(decision).toMatchObject({ allowed: true, now: 123_000, resetAt: 124_000, cost: 1, reason: 'ok' });
  });

  it('rejects a bad cost with RL_INVALID_ARGUMENT', async () => {
    const limiter = createLimiter({ store: testStore(), rules: fixedWindow({ limit: 5, window: 1000 }) });
    for (const cost of [-1, 1.5, Number.NaN, '2']) {
      await expect(limiter.limit('a', { cost: cost as number })).rejects.toMatchObject({ code: 'RL_INVALID_ARGUMENT' });
    }
  });

  it('reports a store failure as RL_STORE_UNAVAILABLE with the cause, never as a denial', async () => {
    const cause = new Error('ECONNREFUSED');
    const store = testStore({ consume: () => Promise.reject(cause) });
    const limiter = createLimiter({ store, rules: fixedWindow({ limit: 5, window: 1000 }) });
    const error = await limiter.limit('a').catch((e: unknown) => e as RateLimitError);
    expect(error).toMatchObject({ code: 'RL_STORE_UNAVAILABLE' });
    expect((error as RateLimitError).cause).toBe(cause);
    expect((error as RateLimitError).message).toMatch(/"test" store failed during consume: ECONNREFUSED/);
  });

  it('a denial resolves, it never throws', async () => {
    const limiter = createLimiter({
      store: testStore(),
      rules: fixedWindow({ limit: 1, window: 1000 }),
      now: () => 5000,
    });
    await limiter.limit('a');
    await expect(limiter.limit('a')).resolves.toMatchObject({ allowed: false, reason: 'limit', retryAfterMs: 1000 });
  });

  it('exposes the keys it uses', () => {
    const limiter = createLimiter({
      store: testStore(),
      prefix: 'ratelimit',
      rules: fixedWindow({ limit: 1, window: 1000, name: 'api' }),
    });
    expect(limiter.keys('192.168.1.1')).toEqual(['ratelimit:api:{192.168.1.1}']);
  });
});
