import { describe, expect, it } from 'vitest';
import { createCircuitBreaker } from '../src/index.js';
import { manualClock } from './support/flaky-store.js';

describe('createCircuitBreaker', () => {
  it('opens after the threshold of consecutive failures, then skips until the cooldown ends', () => {
    const clock = manualClock();
    const breaker = createCircuitBreaker(3, 500, clock.now);
    expect(breaker.admit()).toBe('call');
    expect(breaker.failure(false)).toBeUndefined();
    breaker.success();
    expect(breaker.failure(false)).toBeUndefined();
    expect(breaker.failure(false)).toBeUndefined();
    expect(breaker.failure(false)).toBe('opened');
    expect(breaker.state).toBe('open');
    expect(breaker.admit()).toBe('skip');
    expect(breaker.wouldSkip()).toBe(true);
    clock.advance(499);
    expect(breaker.admit()).toBe('skip');
    clock.advance(1);
    expect(breaker.wouldSkip()).toBe(false);
    expect(breaker.admit()).toBe('probe');
    expect(breaker.state).toBe('half-open');
    expect(breaker.admit()).toBe('skip'); // one probe at a time
  });

  it('closes on a successful probe and reopens on a failed one', () => {
    const clock = manualClock();
    const breaker = createCircuitBreaker(1, 100, clock.now);
    breaker.failure(false);
    clock.advance(100);
    expect(breaker.admit()).toBe('probe');
    expect(breaker.failure(true)).toBe('opened');
    expect(breaker.retryAt).toBe(clock.now() + 100);
    clock.advance(100);
    expect(breaker.admit()).toBe('probe');
    expect(breaker.success()).toBe('closed');
    expect(breaker.state).toBe('closed');
    expect(breaker.consecutiveFailures).toBe(0);
    expect(breaker.admit()).toBe('call');
  });

  it('frees the probe slot when a probe ends without saying anything about the store', () => {
    const clock = manualClock();
    const breaker = createCircuitBreaker(1, 100, clock.now);
    breaker.failure(false);
    clock.advance(100);
    expect(breaker.admit()).toBe('probe');
    breaker.neutral(true);
    expect(breaker.admit()).toBe('probe');
  });

  it('never opens with an infinite threshold', () => {
    const breaker = createCircuitBreaker(Number.POSITIVE_INFINITY, 100, Date.now);
    for (let i = 0; i < 100; i++) breaker.failure(false);
    expect(breaker.admit()).toBe('call');
  });
});
