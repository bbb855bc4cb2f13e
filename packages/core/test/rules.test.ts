import { describe, expect, it } from 'vitest';
import {
  concurrency,
  defineRule,
  fixedWindow,
  gcra,
  type RateLimitError,
  slidingLog,
  slidingWindow,
  tokenBucket,
} from '../src/index.js';

function configError(run: () => unknown): RateLimitError {
  try {
    run();
  } catch (error) {
    return error as RateLimitError;
  }
  throw new Error('expected an error');
}

describe('rules', () => {
  it('normalise every algorithm to integer fields', () => {
    expect(fixedWindow({ limit: 100, window: '1m' })).toEqual({
      name: 'fixed-window-60000',
      algorithm: 'fixed-window',
      limit: 100,
      windowMs: 60_000,
      refillRate: 0,
      intervalMs: 0,
      leaseMs: 0,
    });
    expect(slidingWindow({ limit: 5, window: 1000, name: 'sw' }).name).toBe('sw');
    expect(slidingLog({ limit: 5, window: '1s' }).algorithm).toBe('sliding-log');
    expect(gcra({ limit: 7, window: '1s' }).windowMs).toBe(1000);
    expect(tokenBucket({ limit: 10, refillRate: 3, interval: '1s' })).toMatchObject({
      windowMs: 4000,
      refillRate: 3,
      intervalMs: 1000,
    });
    expect(tokenBucket({ limit: 10, interval: '1s' }).refillRate).toBe(10);
    expect(concurrency({ limit: 3 })).toMatchObject({ leaseMs: 60_000, windowMs: 60_000, name: 'concurrency' });
  });

  it("accepts the seeds' { maxRequests, windowMs } and plain objects", () => {
    expect(defineRule({ maxRequests: 50, windowMs: 60_000 })).toMatchObject({
      algorithm: 'fixed-window',
      limit: 50,
      windowMs: 60_000,
    });
    expect(defineRule({ algorithm: 'gcra', limit: 3, window: '10s' })).toMatchObject({
      algorithm: 'gcra',
      windowMs: 10_000,
    });
    const rule = fixedWindow({ limit: 1, window: 1 });
    expect(defineRule(rule)).toBe(rule);
  });

  it.each([
    ['limit', () => fixedWindow({ limit: 0, window: '1m' }), 0],
    ['limit', () => fixedWindow({ limit: -5, window: '1m' }), -5],
    ['limit', () => fixedWindow({ limit: 2.5, window: '1m' }), 2.5],
    ['limit', () => fixedWindow({ limit: Number.NaN, window: '1m' }), Number.NaN],
    ['limit', () => fixedWindow({ limit: Number.POSITIVE_INFINITY, window: '1m' }), Number.POSITIVE_INFINITY],
    ['limit', () => fixedWindow({ limit: '10' as unknown as number, window: '1m' }), '10'],
    ['window', () => fixedWindow({ limit: 1, window: 0 }), 0],
    ['window', () => slidingWindow({ limit: 1, window: 'soon' }), 'soon'],
    ['name', () => fixedWindow({ limit: 1, window: 1, name: 'a:b' }), 'a:b'],
    ['name', () => fixedWindow({ limit: 1, window: 1, name: '{x}' }), '{x}'],
    ['refillRate', () => tokenBucket({ limit: 2, refillRate: 3, interval: 1 }), 3],
    ['interval', () => tokenBucket({ limit: 2, interval: -1 }), -1],
    ['leaseMs', () => concurrency({ limit: 2, leaseMs: 'forever' }), 'forever'],
    ['algorithm', () => defineRule({ algorithm: 'leaky', limit: 1, window: 1 } as never), 'leaky'],
    ['algorithm', () => defineRule({ maxRequests: 1, windowMs: 1, algorithm: 'concurrency' }), 'concurrency'],
  ])('rejects a bad %s with RL_INVALID_CONFIG naming it and the value', (option, run, value) => {
    const error = configError(run);
    expect(error.code).toBe('RL_INVALID_CONFIG');
    expect(error.message).toContain(`"${option}"`);
    expect(error.details.option).toBe(option);
    expect(Object.is(error.details.value, value)).toBe(true);
  });

  it('rejects limit × window beyond exact integer arithmetic', () => {
    const error = configError(() => slidingWindow({ limit: 1_000_000_000, window: '300d' }));
    expect(error.code).toBe('RL_INVALID_CONFIG');
    expect(error.message).toMatch(/2\^53/);
  });

  it('rejects non-objects', () => {
    expect(configError(() => defineRule(null as never)).code).toBe('RL_INVALID_CONFIG');
    expect(configError(() => fixedWindow(undefined as never)).code).toBe('RL_INVALID_CONFIG');
  });
});
