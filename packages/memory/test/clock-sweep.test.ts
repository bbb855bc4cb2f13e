import { createLimiter, fixedWindow } from '@rl/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ClockSweep } from '../src/clock-sweep.js';
import { memoryStore } from '../src/index.js';
import { KeyIndex } from '../src/key-index.js';
import { EXPIRES_AT, SlotTable, WORDS_PER_SLOT } from '../src/slot-table.js';

/** The parts a memory store wires together, driven the way the store drives them. */
function harness(maxKeys: number, sweepBatch: number) {
  const index = new KeyIndex();
  const table = new SlotTable(4);
  const sweep = new ClockSweep(index, table, maxKeys, sweepBatch);
  const setExpiry = (slot: number, expiresAt: number) => {
    table.words[slot * WORDS_PER_SLOT + EXPIRES_AT] = expiresAt;
    sweep.noteExpiry(expiresAt);
  };
  /** Every key the index holds, with its expiry (read through the index, not `held`). */
  const expiries = (): number[] => {
    const out: number[] = [];
    index.forEach((_scope, _id, slot) => {
      out.push(table.expiresAt(slot));
    });
    return out;
  };
  return {
    index,
    sweep,
    expiries,
    write(scope: string, id: string, expiresAt: number, now: number) {
      const slot = index.get(scope, id);
      if (slot !== undefined) {
        setExpiry(slot, expiresAt);
        return;
      }
      // As the store's `place`: the sweep and room-making come before the new key is added.
      sweep.sweep(now);
      sweep.makeRoom(now);
      const fresh = table.allocate(0);
      index.add(scope, id, fresh);
      setExpiry(fresh, expiresAt);
    },
    delete(scope: string, id: string) {
      const slot = index.get(scope, id);
      if (slot === undefined) return;
      index.delete(scope, id);
      table.release(slot);
    },
  };
}

// Few keys, so writes often rewrite a key the hand has passed (possibly lowering its expiry).
const scope = fc.constantFrom('rl:a:', 'rl:b:', '');
const id = fc.integer({ min: 0, max: 5 }).map(String);
const op = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({ kind: fc.constant('write' as const), scope, id, ttl: fc.integer({ min: 1, max: 60 }) }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('delete' as const), scope, id }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('tick' as const), ms: fc.integer({ min: 0, max: 40 }) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('sweep' as const) }) },
);

describe('ClockSweep', () => {
  it('keeps its bound at or below every held key’s expiry, and still finds every expired key (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 3, max: 40 }),
        fc.integer({ min: 1, max: 4 }),
        fc.array(op, { maxLength: 300 }),
        (maxKeys, batch, ops) => {
          const h = harness(maxKeys, batch);
          let now = 1_000;
          for (const step of ops) {
            if (step.kind === 'write') h.write(step.scope, step.id, now + step.ttl, now);
            else if (step.kind === 'delete') h.delete(step.scope, step.id);
            else if (step.kind === 'tick') now += step.ms;
            else h.sweep.sweep(now);
            const bound = (h.sweep as unknown as { earliest: number }).earliest;
            for (const expiresAt of h.expiries()) expect(expiresAt).toBeGreaterThanOrEqual(bound);
            expect(h.index.size).toBeLessThanOrEqual(maxKeys);
          }
          // Enough sweeps for two passes of the hand leave no expired key behind.
          for (let i = 0; i <= (2 * h.index.size) / batch + 2; i++) h.sweep.sweep(now);
          expect(h.expiries().filter((expiresAt) => expiresAt <= now)).toEqual([]);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('keeps the bound down for a key whose expiry is lowered after the hand has passed it', () => {
    const h = harness(100, 1);
    let now = 1_000;
    h.write('a:', 'x', 1_001, now);
    h.write('a:', 'y', 2_000, now);
    h.write('a:', 'z', 3_000, now);
    now = 1_001;
    h.sweep.sweep(now); // x: expired, dropped
    h.sweep.sweep(now); // y: kept at 2 000
    h.write('a:', 'y', 1_500, now); // y again, now ending sooner
    for (let i = 0; i < 3; i++) h.sweep.sweep(now); // z, then the pass ends
    expect(h.index.rounds).toBe(1);
    now = 1_500;
    for (let i = 0; i < 3; i++) h.sweep.sweep(now);
    expect(h.expiries()).toEqual([3_000]);
  });

  it('looks at no key while none can have expired, and sweeps again once one can', () => {
    const h = harness(1_000, 4);
    let now = 10_000;
    for (let i = 0; i < 100; i++) h.write('rl:a:', `k${i}`, 20_000, now);
    for (let i = 0; i < 100; i++) h.write('rl:b:', `k${i}`, 30_000, now);
    const next = h.index.next.bind(h.index);
    let looked = 0;
    h.index.next = () => {
      looked++;
      return next();
    };
    for (let i = 0; i < 50; i++) h.sweep.sweep(now);
    expect(looked).toBe(0);
    now = 20_000;
    for (let i = 0; i < 80; i++) h.sweep.sweep(now);
    expect(h.index.size).toBe(100);
    // A pass drops the keys that ended; the next one (the bound it starts from still counts their
    // writes) sees nothing end before 30 000: from then on the sweep looks at nothing until 30 000.
    expect(h.index.rounds).toBe(2);
    expect(looked).toBeLessThanOrEqual(320);
    looked = 0;
    now = 29_999;
    for (let i = 0; i < 50; i++) h.sweep.sweep(now);
    expect(looked).toBe(0);
    now = 30_000;
    for (let i = 0; i < 26; i++) h.sweep.sweep(now);
    expect(h.index.size).toBe(0);
  });

  it('rests between the ends of fixed windows in a store: one pass per window end drops that window’s keys', async () => {
    let now = 6_000_000;
    const store = memoryStore({ now: () => now });
    const limiter = createLimiter({ store, rules: fixedWindow({ limit: 5, window: 1000 }), now: () => now });
    for (let i = 0; i < 400; i++) await limiter.limit(`w1-${i}`);
    expect(store.size).toBe(400);
    now += 1000; // the first window has ended: its 400 keys expire together
    for (let i = 0; i < 150; i++) await limiter.limit(`w2-${i}`);
    expect(store.size).toBe(150);
    now += 500; // within the second window: nothing can have expired, nothing is dropped
    for (let i = 150; i < 300; i++) await limiter.limit(`w2-${i}`);
    expect(store.size).toBe(300);
    now += 500;
    for (let i = 0; i < 100; i++) await limiter.limit(`w3-${i}`);
    expect(store.size).toBe(100);
  });
});
