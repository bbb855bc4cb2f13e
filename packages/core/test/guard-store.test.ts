import { describe, expect, it } from 'vitest';
import {
  fixedWindow,
  guardStore,
  isGuardedStore,
  RateLimitError,
  type RateLimitEvent,
  type StoreCheck,
} from '../src/index.js';
import { flakyStore, manualClock } from './support/flaky-store.js';

const rule = fixedWindow({ limit: 5, window: 1000, name: 'api' });
const checks: StoreCheck[] = [{ key: 'rl:api:{a}', rule }];
const consume = { checks, cost: 1, now: 1000 };

describe('guardStore', () => {
  it('fails a call that does not settle within the timeout with RL_STORE_TIMEOUT', async () => {
    const inner = flakyStore();
    inner.mode = 'hang';
    const store = guardStore(inner, { timeout: 20 });
    await expect(store.consume(consume)).rejects.toMatchObject({
      code: 'RL_STORE_TIMEOUT',
      details: { store: 'flaky', operation: 'consume', timeoutMs: 20 },
    });
  });

  it('wraps unknown errors as RL_STORE_UNAVAILABLE and passes answers through', async () => {
    const inner = flakyStore();
    const store = guardStore(inner);
    expect(isGuardedStore(store)).toBe(true);
    expect(guardStore(store)).toBe(store);
    await expect(store.consume(consume)).resolves.toMatchObject({ allowed: true });
    inner.mode = 'error';
    const error = await store.consume(consume).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'RL_STORE_UNAVAILABLE' });
    expect((error as Error).message).toMatch(/ECONNREFUSED/);
  });

  it('opens the circuit after repeated failures: calls skip the store until one probe succeeds', async () => {
    const clock = manualClock();
    const inner = flakyStore();
    const events: RateLimitEvent[] = [];
    const store = guardStore(inner, {
      breaker: { failures: 3, cooldown: 500 },
      now: clock.now,
      onEvent: (e) => events.push(e),
    });
    inner.mode = 'error';
    for (let i = 0; i < 3; i++)
      await expect(store.consume(consume)).rejects.toMatchObject({ code: 'RL_STORE_UNAVAILABLE' });
    expect(store.circuit).toBe('open');
    expect(inner.calls['consume']).toBe(3);
    const skipped = await store.consume(consume).catch((e: unknown) => e);
    expect(skipped).toMatchObject({ code: 'RL_STORE_UNAVAILABLE', details: { circuit: 'open' } });
    expect(inner.calls['consume']).toBe(3); // not attempted
    inner.mode = 'ok';
    clock.advance(500);
    await expect(store.consume(consume)).resolves.toMatchObject({ allowed: true });
    expect(store.circuit).toBe('closed');
    expect(events.map((e) => e.type)).toEqual([
      'store_error',
      'store_error',
      'store_error',
      'circuit_open',
      'circuit_closed',
    ]);
    expect(events[3]).toMatchObject({ type: 'circuit_open', consecutiveFailures: 3, retryAt: clock.now() });
  });

  it('does not count bad input against the store', async () => {
    const inner = flakyStore();
    const store = guardStore(inner, { breaker: { failures: 1 } });
    const bad = { ...consume, cost: -1 };
    inner.consume = () => Promise.reject(new RateLimitError('RL_INVALID_ARGUMENT', 'bad cost'));
    await expect(store.consume(bad)).rejects.toMatchObject({ code: 'RL_INVALID_ARGUMENT' });
    expect(store.circuit).toBe('closed');
  });

  it('reports health: ok with a latency, down with the last error while the circuit is open', async () => {
    const clock = manualClock();
    const inner = flakyStore('redis');
    const store = guardStore(inner, { breaker: { failures: 1, cooldown: 500 }, now: clock.now });
    const healthy = await store.health();
    expect(healthy).toMatchObject({ backend: 'redis', shared: true, status: 'ok', circuit: 'closed', lastError: null });
    expect(healthy.latencyMs).toBeGreaterThanOrEqual(0);
    expect(inner.calls['peek']).toBe(1);
    inner.mode = 'error';
    const down = await store.health();
    expect(down).toMatchObject({ status: 'down', latencyMs: null, circuit: 'open', consecutiveFailures: 1 });
    expect(down.lastError).toMatchObject({ code: 'RL_STORE_UNAVAILABLE', at: clock.now() });
    await store.health();
    expect(inner.calls['peek']).toBe(2); // skipped while open
    inner.mode = 'ok';
    clock.advance(500);
    expect(await store.health()).toMatchObject({ status: 'ok', circuit: 'closed' });
    expect(JSON.parse(JSON.stringify(down))).toEqual(down);
  });
});
