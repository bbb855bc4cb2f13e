import { describe, expect, it } from 'vitest';
import { buildKey } from '../src/keys/build-key.js';
import { checkCache } from '../src/limiter/check-cache.js';
import { fixedWindow, gcra } from '../src/rules/define.js';

const rules = [
  fixedWindow({ name: 'burst', limit: 5, window: 1000 }),
  gcra({ name: 'steady', limit: 60, window: '1m' }),
];

describe('checkCache', () => {
  it('builds one check per rule with the key buildKey makes', () => {
    const checksFor = checkCache('rl', rules, 16);
    const checks = checksFor('10.0.0.1:u#1');
    expect(checks.map((check) => check.key)).toEqual([
      buildKey('rl', 'burst', '10.0.0.1:u#1'),
      buildKey('rl', 'steady', '10.0.0.1:u#1'),
    ]);
    expect(checks.map((check) => check.rule)).toEqual(rules);
  });

  it('hands hot identifiers the same checks (the same key strings) while they fit', () => {
    const checksFor = checkCache('rl', rules, 16);
    const first = checksFor('a');
    checksFor('b');
    checksFor('c');
    expect(checksFor('a')).toBe(first);
    // Turnover: 'a' survives in the old generation and is promoted again ('b' keeps the hit share up).
    for (let i = 0; i < 20; i++) {
      checksFor(`x${i}`);
      if (i % 4 === 0) checksFor('b');
    }
    checksFor('a');
    for (let i = 0; i < 10; i++) {
      checksFor(`y${i}`);
      if (i % 4 === 0) checksFor('b');
    }
    expect(checksFor('a')).toBe(first);
  });

  it('stops remembering when identifiers are too many to cache, and measures again later', () => {
    const size = 16;
    const checksFor = checkCache('rl', rules, size);
    // A period of distinct identifiers: no hits, so the next 8 periods build without the cache.
    for (let i = 0; i < size; i++) checksFor(`new-${i}`);
    const built = checksFor('hot');
    checksFor('other');
    const again = checksFor('hot');
    expect(again).not.toBe(built);
    expect(again).toEqual(built);
    // After the bypass (8 periods, 3 lookups of which are made), a hot set is remembered again.
    for (let i = 0; i < 8 * size - 3; i++) checksFor(`more-${i}`);
    const remembered = checksFor('hot');
    checksFor('other');
    expect(checksFor('hot')).toBe(remembered);
  });

  it('keeps the cache on while enough lookups hit', () => {
    const size = 16;
    const checksFor = checkCache('rl', rules, size);
    const hot = checksFor('hot');
    // Every other lookup is the hot identifier (a hit), the rest new ones: well above one in eight.
    for (let i = 0; i < 4 * size; i++) {
      expect(checksFor('hot')).toBe(hot);
      checksFor(`new-${i}`);
    }
  });
});
