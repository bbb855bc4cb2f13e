import { createLimiter, fixedWindow, SYNC_CONSUME, slidingLog } from '@rl/core';
import { describe, expect, it } from 'vitest';
import { memoryStore } from '../src/index.js';
import { KeyIndex } from '../src/key-index.js';

describe('KeyIndex', () => {
  it('finds entries by scope and id, counts them, and lists them as keys', () => {
    const index = new KeyIndex();
    index.add('rl:a:', '10.0.0.1', 0);
    index.add('rl:b:', '10.0.0.1', 1);
    index.add('', 'plain-key', 2);
    expect(index.size).toBe(3);
    expect(index.get('rl:a:', '10.0.0.1')).toBe(0);
    expect(index.get('rl:b:', '10.0.0.1')).toBe(1);
    expect(index.get('rl:c:', '10.0.0.1')).toBeUndefined();
    expect([...index.keys()].sort()).toEqual(['plain-key', 'rl:a:{10.0.0.1}', 'rl:b:{10.0.0.1}']);
    index.delete('rl:a:', '10.0.0.1');
    index.delete('rl:a:', '10.0.0.1');
    expect(index.size).toBe(2);
    expect(index.get('rl:a:', '10.0.0.1')).toBeUndefined();
    // A scope emptied and filled again works like a new one.
    index.add('rl:a:', 'x', 7);
    expect(index.get('rl:a:', 'x')).toBe(7);
    expect(index.size).toBe(3);
  });

  it('walks every entry with its hand, across scopes, round and round, while entries come and go', () => {
    const index = new KeyIndex();
    expect(index.next()).toBeUndefined();
    for (let i = 0; i < 30; i++) index.add(`s${i % 3}:`, `id${i}`, i);
    const seen = new Set<number>();
    for (let i = 0; i < 30; i++) seen.add(index.next()?.slot ?? -1);
    expect(seen.size).toBe(30);
    // Delete a whole scope and part of another under the hand: the walk goes on over what is left.
    for (let i = 0; i < 30; i += 3) index.delete('s0:', `id${i}`);
    index.delete('s1:', 'id1');
    const left = new Set<number>();
    for (let i = 0; i < 60; i++) {
      const entry = index.next();
      expect(entry).toBeDefined();
      expect(index.get(entry?.scope ?? '', entry?.id ?? '')).toBe(entry?.slot);
      left.add(entry?.slot ?? -1);
    }
    expect(left.size).toBe(19);
    index.clear();
    expect(index.next()).toBeUndefined();
    expect(index.size).toBe(0);
  });
});

describe('memoryStore key parts', () => {
  const rule = fixedWindow({ name: 'api', limit: 3, window: 60_000 });

  it('treats a check that carries only its key like the limiter check it equals', async () => {
    const store = memoryStore();
    const limiter = createLimiter({ store, rules: rule });
    await limiter.limit('10.0.0.1%');
    const [key] = limiter.keys('10.0.0.1%');
    expect(key).toBe('rl:api:{10.0.0.1%25}');
    // The same key from outside the limiter (no scope, no id): the store cuts it and finds the state.
    const response = store[SYNC_CONSUME]({ checks: [{ key: key as string, rule }], cost: 1 });
    expect(response.results[0]?.remaining).toBe(1);
    expect((await limiter.limit('10.0.0.1%')).remaining).toBe(0);
    expect([...store.keys()]).toEqual([key]);
    expect(store.expiresAt(key as string)).toBeGreaterThan(Date.now());
    await limiter.reset('10.0.0.1%');
    expect(store.size).toBe(0);
  });

  it('keeps keys that are not of the limiter form apart from those that are', async () => {
    const store = memoryStore();
    const keys = ['rl:api:{x}', 'rl:api:x', '{x}', 'x'];
    for (const key of keys) await store.consume({ checks: [{ key, rule }], cost: 2 });
    expect(store.size).toBe(4);
    expect([...store.keys()].sort()).toEqual([...keys].sort());
    for (const key of keys) {
      const peeked = await store.peek({ checks: [{ key, rule }] });
      expect(peeked.results[0]?.remaining).toBe(1);
    }
    await store.reset(['rl:api:x']);
    expect([...store.keys()].sort()).toEqual(['rl:api:{x}', 'x', '{x}'].sort());
  });

  it('serves multi-rule and list states (sliding log) through the same parts', async () => {
    const store = memoryStore();
    const limiter = createLimiter({
      store,
      rules: [rule, slidingLog({ name: 'log', limit: 2, window: 60_000 })],
    });
    expect((await limiter.limit('u1')).allowed).toBe(true);
    expect((await limiter.limit('u1')).allowed).toBe(true);
    const third = await limiter.limit('u1');
    expect(third.allowed).toBe(false);
    expect(third.rule).toBe('log');
    expect([...store.keys()].sort()).toEqual(['rl:api:{u1}', 'rl:log:{u1}']);
  });
});

describe('memoryStore and the strings it keeps', () => {
  it('keeps no request-sized string alive through an identifier cut from it', async () => {
    const { setFlagsFromString } = await import('node:v8');
    const { runInNewContext } = await import('node:vm');
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const heap = () => {
      gc();
      gc();
      return process.memoryUsage().heapUsed;
    };
    const store = memoryStore();
    const limiter = createLimiter({ store, rules: fixedWindow({ limit: 5, window: 60_000 }) });
    const before = heap();
    for (let i = 0; i < 40; i++) {
      // A 2 MB "header"; the identifier is a 40-character slice of it (a view, in V8).
      const header = `client-${i}-`.padEnd(40, 'x') + 'y'.repeat(2 << 20);
      await limiter.limit(header.slice(0, 40));
    }
    const grown = heap() - before;
    expect(store.size).toBe(40);
    // 40 × 2 MB = 80 MB if the slices kept their headers alive.
    expect(grown).toBeLessThan(8 << 20);
  });
});
