import { buildKey, type ConsumeResponse, type Rule, type Store, type StoreCheck } from '@rl/core';
import { expect } from 'vitest';
import type { Op } from './arbitraries.js';
import { ReferenceStore } from './reference-store.js';

const IDENTIFIERS = ['a', '10.0.0.1', 'user:{42}', 'ünïcödé-{}'];

interface Admitted {
  checks: StoreCheck[];
  cost: number;
  now: number;
}

/** Runs `ops` against the script store and the reference, demanding identical answers at every step. */
export async function runDifferential(
  store: Store,
  exists: (key: string) => Promise<boolean>,
  prefix: string,
  rules: Rule[],
  ops: Op[],
  start: number,
): Promise<void> {
  const reference = new ReferenceStore();
  const admitted: Admitted[] = [];
  let now = start;
  const checksFor = (id: number, mask = 0): StoreCheck[] => {
    const picked = rules.filter((_, i) => mask === 0 || (mask & (1 << i)) !== 0);
    return (picked.length > 0 ? picked : rules).map((rule) => ({
      key: buildKey(prefix, rule.name, IDENTIFIERS[id] as string),
      rule,
    }));
  };
  for (const [step, op] of ops.entries()) {
    const where = `step ${step} ${JSON.stringify(op)} at ${now} with ${JSON.stringify(rules)}`;
    switch (op.t) {
      case 'advance':
        now += op.ms;
        break;
      case 'consume': {
        const request = { checks: checksFor(op.id, op.mask), cost: op.cost, now, leaseId: `lease${op.lease}` };
        const expected: ConsumeResponse = reference.consume(request);
        expect(await store.consume(request), where).toEqual(expected);
        if (expected.allowed && op.cost > 0) admitted.push({ checks: request.checks, cost: op.cost, now });
        break;
      }
      case 'peek': {
        const request = { checks: checksFor(op.id, op.mask), now };
        expect(await store.peek(request), where).toEqual(reference.peek(request));
        break;
      }
      case 'refund': {
        const target = admitted[admitted.length - 1 - op.back];
        if (target === undefined) break;
        const request = { checks: target.checks, cost: target.cost, consumedAt: target.now, now };
        reference.refund(request);
        await store.refund(request);
        break;
      }
      case 'release': {
        const request = { checks: checksFor(op.id), leaseId: `lease${op.lease}`, now };
        expect(await store.release(request), where).toBe(reference.release(request));
        break;
      }
      case 'reset': {
        const keys = checksFor(op.id).map((check) => check.key);
        reference.reset(keys);
        await store.reset(keys);
        break;
      }
    }
    // Garbage collection mirrors the reference too: a key exists exactly when it holds a state.
    if (op.t !== 'advance') {
      for (const { key } of checksFor('id' in op ? op.id : 0)) {
        expect(await exists(key), `${where}: key ${key} exists`).toBe(reference.entries.has(key));
      }
    }
  }
  // Nothing hidden: a final peek of every identifier agrees too.
  for (let id = 0; id < IDENTIFIERS.length; id++) {
    const request = { checks: checksFor(id), now };
    expect(await store.peek(request), `final peek of ${id}`).toEqual(reference.peek(request));
  }
}
