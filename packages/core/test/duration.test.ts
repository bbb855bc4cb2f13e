import { describe, expect, it } from 'vitest';
import { parseDuration, RateLimitError } from '../src/index.js';

describe('parseDuration', () => {
  it.each([
    [60_000, 60_000],
    ['1m', 60_000],
    ['15 s', 15_000],
    ['500ms', 500],
    ['1.5h', 5_400_000],
    ['2 minutes', 120_000],
    ['1d', 86_400_000],
    [' 10 SEC ', 10_000],
    ['250', 250],
  ])('%j → %d ms', (input, ms) => {
    expect(parseDuration(input, 'window')).toBe(ms);
  });

  it.each([
    0,
    -1,
    Number.NaN,
    Number.POSITIVE_INFINITY,
    1.5,
    '',
    'abc',
    '1 fortnight',
    '0s',
    '1.0005s',
    '-1m',
    '367d',
    null,
    {},
    'x'.repeat(100),
  ])('rejects %j naming the option', (input) => {
    let error: unknown;
    try {
      parseDuration(input, 'window');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).code).toBe('RL_INVALID_CONFIG');
    expect((error as RateLimitError).message).toContain('"window"');
    expect((error as RateLimitError).details.option).toBe('window');
  });
});
