import { describe, expect, it } from 'vitest';
import {
  concurrency,
  createLimiter,
  fixedWindow,
  type RateLimitError,
  type RateLimitEvent,
  slidingWindow,
  tokenBucket,
} from '../src/index.js';
import { errorOf } from './support/error-of.js';
import { flakyStore, manualClock } from './support/flaky-store.js';

const api = fixedWindow({ limit: 100, window: 60_000, name: 'api' });
const daily = fixedWindow({ limit: 1000, window: 86_400_000, name: 'daily' });

describe('failure policies', () => {
  it('fail-open admits and fail-closed refuses, with reason store_unavailable and the error — never limit', async () => {
    const store = flakyStore();
    store.mode = 'error';
    const open = createLimiter({ store, rules: api, failure: 'fail-open' });
    const closed = createLimiter({ store, rules: api, failure: { policy: 'fail-closed', breaker: false } });
    const admitted = await open.limit('a');
    expect(admitted).toMatchObject({ allowed: true, reason: 'store_unavailable', rule: 'api', retryAfterMs: 0 });
    expect((admitted.error as RateLimitError).code).toBe('RL_STORE_UNAVAILABLE');
    const refused = await closed.limit('a');
    expect(refused).toMatchObject({ allowed: false, reason: 'store_unavailable', rule: 'api', remaining: 0 });
    expect(refused.retryAfterMs).toBeGreaterThan(0);
    const peeked = await closed.peek('a');
    expect(peeked).toMatchObject({ allowed: false, reason: 'store_unavailable' });
  });

  it('covers timeouts as well as errors', async () => {
    const store = flakyStore();
    store.mode = 'hang';
    const limiter = createLimiter({ store, rules: api, failure: { policy: 'fail-open', timeout: 20 } });
    const decision = await limiter.limit('a');
    expect(decision).toMatchObject({ allowed: true, reason: 'store_unavailable' });
    expect((decision.error as RateLimitError).code).toBe('RL_STORE_TIMEOUT');
  });

  it('without a failure option, store failures still reject', async () => {
    const store = flakyStore();
    store.mode = 'error';
    const limiter = createLimiter({ store, rules: api });
    await expect(limiter.limit('a')).rejects.toMatchObject({ code: 'RL_STORE_UNAVAILABLE' });
  });

  it('falls back to an in-process store with a smaller per-instance limit', async () => {
    const store = flakyStore('redis');
    const fallback = flakyStore('memory', false);
    const limiter = createLimiter({
      store,
      rules: api,
      failure: { policy: 'fallback', fallback: { store: fallback, limit: 3 }, breaker: false },
    });
    expect((await limiter.limit('a')).reason).toBe('ok');
    store.mode = 'error';
    const decisions = [];
    for (let i = 0; i < 5; i++) decisions.push(await limiter.limit('a'));
    expect(decisions.map((d) => d.allowed)).toEqual([true, true, true, false, false]);
    expect(decisions.every((d) => d.reason === 'fallback')).toBe(true);
    expect(decisions[0]).toMatchObject({ limit: 3, remaining: 2, rules: [{ name: 'api', limit: 3 }] });
    expect(decisions[4]?.retryAfterMs).toBeGreaterThan(0);
    store.mode = 'ok';
    expect(await limiter.limit('a')).toMatchObject({ reason: 'ok', remaining: 98 });
  });

  it('never raises a limit when falling back; limits by rule name and by function', async () => {
    const fallback = flakyStore('memory', false);
    const store = flakyStore();
    store.mode = 'error';
    const small = fixedWindow({ limit: 2, window: 1000, name: 'small' });
    const capped = createLimiter({
      store,
      rules: small,
      failure: { policy: 'fallback', fallback: { store: fallback, limit: 50 } },
    });
    expect((await capped.limit('x')).limit).toBe(2);
    const byName = createLimiter({
      store,
      prefix: 'n',
      rules: [api, daily],
      failure: { policy: 'fallback', fallback: { store: fallback, limit: { daily: 10 } } },
    });
    expect((await byName.limit('x')).rules.map((r) => r.limit)).toEqual([100, 10]);
    const bucket = tokenBucket({ limit: 100, refillRate: 10, interval: 1000, name: 'bucket' });
    const byFunction = createLimiter({
      store,
      prefix: 'f',
      rules: bucket,
      failure: { policy: 'fallback', fallback: { store: fallback, limit: (rule) => Math.ceil(rule.limit / 4) } },
    });
    const decision = await byFunction.limit('x');
    expect(decision.rules[0]).toMatchObject({ limit: 25, algorithm: 'token-bucket' });
  });

  it('combines per-rule policies: fail-closed wins, else the fallback rules decide, else fail-open', async () => {
    const store = flakyStore();
    store.mode = 'error';
    const fallback = flakyStore('memory', false);
    const mixed = createLimiter({
      store,
      rules: [api, daily],
      failure: {
        policy: 'fail-open',
        rules: { daily: 'fallback' },
        fallback: { store: fallback, limit: { daily: 1 } },
      },
    });
    const first = await mixed.limit('u');
    expect(first).toMatchObject({ allowed: true, reason: 'fallback', rule: 'daily' });
    expect(first.rules.map((r) => r.name)).toEqual(['daily']);
    expect(await mixed.limit('u')).toMatchObject({ allowed: false, reason: 'fallback', rule: 'daily' });
    const strict = createLimiter({
      store,
      prefix: 's',
      rules: [api, daily],
      failure: { policy: 'fallback', rules: { daily: 'fail-closed' }, fallback },
    });
    expect(await strict.limit('u')).toMatchObject({ allowed: false, reason: 'store_unavailable', rule: 'daily' });
  });

  it('refunds fallback decisions in the fallback store and releases leases wherever they were taken', async () => {
    const store = flakyStore();
    store.mode = 'error';
    const fallback = flakyStore('memory', false);
    const limiter = createLimiter({
      store,
      rules: slidingWindow({ limit: 2, window: 60_000, name: 'w' }),
      failure: { policy: 'fallback', fallback },
    });
    const decision = await limiter.limit('r');
    expect(decision.reason).toBe('fallback');
    await limiter.refund('r', decision);
    expect(fallback.calls['refund']).toBe(1);
    expect(store.calls['refund']).toBeUndefined();

    const leases = createLimiter({
      store,
      prefix: 'c',
      rules: concurrency({ limit: 1 }),
      failure: { policy: 'fallback', fallback },
    });
    const lease = await leases.acquire('r');
    expect(lease).toMatchObject({ allowed: true, reason: 'fallback' });
    expect(lease.leaseId).toBeTypeOf('string');
    await expect(leases.release('r', lease.leaseId as string)).resolves.toBe(true);
  });

  it('emits fallback_entered once per outage and recovered when the store answers again', async () => {
    const clock = manualClock();
    const store = flakyStore('redis');
    const events: RateLimitEvent[] = [];
    const limiter = createLimiter({
      store,
      rules: api,
      now: clock.now,
      failure: { policy: 'fail-open', breaker: { failures: 2, cooldown: 500 }, onEvent: (e) => events.push(e) },
    });
    store.mode = 'error';
    for (let i = 0; i < 4; i++) await limiter.limit('e');
    expect(store.calls['consume']).toBe(2); // the circuit opened after 2 failures
    store.mode = 'ok';
    clock.advance(1000);
    expect((await limiter.limit('e')).reason).toBe('ok');
    expect(events.map((e) => e.type)).toEqual([
      'store_error',
      'fallback_entered',
      'store_error',
      'circuit_open',
      'circuit_closed',
      'recovered',
    ]);
    expect(events.at(-1)).toMatchObject({ type: 'recovered', backend: 'redis', downtimeMs: 1000 });
  });

  it('reports health with the policy in force: degraded while a fallback limits, down for fail-open', async () => {
    const store = flakyStore('redis');
    const fallback = flakyStore('memory', false);
    const withFallback = createLimiter({ store, rules: api, failure: { policy: 'fallback', fallback } });
    const failOpen = createLimiter({ store, rules: api, failure: 'fail-open' });
    const none = createLimiter({ store, rules: api });
    expect(await withFallback.health()).toMatchObject({ status: 'ok', policy: 'fallback', fallbackActive: false });
    expect(await none.health()).toMatchObject({ status: 'ok', policy: 'none', backend: 'redis', shared: true });
    store.mode = 'error';
    expect(await withFallback.health()).toMatchObject({ status: 'degraded', fallbackActive: true });
    expect(await failOpen.health()).toMatchObject({ status: 'down', fallbackActive: false });
    expect((await none.health()).lastError).toMatchObject({ code: 'RL_STORE_UNAVAILABLE' });
  });

  it('validates the failure option, naming each bad field', () => {
    const store = flakyStore();
    const make = (failure: unknown) => () => createLimiter({ store, rules: api, failure: failure as never });
    expect(errorOf(make('fail-sometimes')).details.option).toBe('failure');
    expect(errorOf(make({ policy: 'nope' })).details.option).toBe('failure.policy');
    expect(errorOf(make('fallback')).details.option).toBe('failure.fallback');
    expect(errorOf(make({ policy: 'fail-open', rules: { other: 'fallback' } })).details.option).toBe('failure.rules');
    expect(errorOf(make({ policy: 'fail-open', rules: { api: 'x' } })).details.option).toBe('failure.rules.api');
    expect(errorOf(make({ policy: 'fail-open', timeout: 0 })).details.option).toBe('failure.timeout');
    expect(errorOf(make({ policy: 'fail-open', breaker: { failures: 0 } })).details.option).toBe(
      'failure.breaker.failures',
    );
    expect(errorOf(make({ policy: 'fail-open', breaker: { cooldown: 'soon' } })).details.option).toBe(
      'failure.breaker.cooldown',
    );
    const fallback = flakyStore('memory', false);
    expect(errorOf(make({ policy: 'fallback', fallback: { store: fallback, limit: 0 } })).details.option).toBe(
      'failure.fallback.limit',
    );
    expect(errorOf(make({ policy: 'fallback', fallback: { store: fallback, limit: { nope: 1 } } })).code).toBe(
      'RL_INVALID_CONFIG',
    );
  });
});
