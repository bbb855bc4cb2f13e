import { createLimiter, type Limiter, type RuleInput, type Store } from '@rl/core';
import { afterEach } from 'vitest';
import { ALIGNED_EPOCH, type VirtualClock, virtualClock } from '../virtual-clock.js';
import type { StoreFactory } from './options.js';

let sequence = 0;

/** A prefix no other test (or concurrent test process) uses. */
export function uniquePrefix(): string {
  sequence += 1;
  return `rlt:${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}${sequence}`;
}

/** One test's world: a store from the factory, a virtual clock, and limiters on both. */
export interface Harness {
  readonly store: Store;
  readonly clock: VirtualClock;
  readonly prefix: string;
  limiter(rules: RuleInput | readonly RuleInput[], prefix?: string): Limiter;
}

/** Registers cleanup and returns a function that builds a fresh harness for the current test. */
export function useHarness(factory: StoreFactory): () => Promise<Harness> {
  const open: Store[] = [];
  afterEach(async () => {
    const stores = open.splice(0);
    await Promise.all(stores.map((store) => store.close().catch(() => undefined)));
  });
  return async () => {
    const prefix = uniquePrefix();
    const store = await factory({ prefix });
    open.push(store);
    const clock = virtualClock(ALIGNED_EPOCH);
    return {
      store,
      clock,
      prefix,
      limiter: (rules, ownPrefix = prefix) =>
        createLimiter({ store, rules, prefix: ownPrefix, clock: 'caller', now: clock.now }),
    };
  };
}
