import {
  ALGORITHMS,
  type Algorithm,
  type AlgorithmState,
  type ConcurrencyState,
  type ConsumeRequest,
  type ConsumeResponse,
  concurrencyModel,
  createRegisters,
  evaluateConsume,
  evaluatePeek,
  invalidConfig,
  KERNELS,
  MODELS,
  type NumericKernel,
  type PeekRequest,
  RateLimitError,
  type RefundRequest,
  type ReleaseRequest,
  type Rule,
  type RuleResult,
  type Store,
  type StoreCapabilities,
  SYNC_CONSUME,
  type SyncConsumer,
} from '@rl/core';
import { ClockSweep } from './clock-sweep.js';
import { SlotTable } from './slot-table.js';
import { CODECS } from './state-codec.js';

/** Options of {@link memoryStore}. */
export interface MemoryStoreOptions {
  /** Most keys kept at once; beyond it, expired keys go first, then the least recently used. Default 100 000. */
  maxKeys?: number;
  /** The store's own clock (used when a limiter runs with `clock: "store"`). Default `Date.now`. */
  now?: () => number;
  /** Keys examined for expiry each time a new key is stored. Default 4. */
  sweepBatch?: number;
  /** Called when a live key is evicted because the store is full. */
  onEvict?: (count: number) => void;
}

/** The in-process store, with a back door for tests and metrics. */
export interface MemoryStore extends Store, SyncConsumer {
  /** Keys currently held (expired ones not yet swept included). */
  readonly size: number;
  /** When `key` may be dropped, or undefined when it is not held. */
  expiresAt(key: string): number | undefined;
  /** The keys currently held. */
  keys(): IterableIterator<string>;
}

const CAPABILITIES: StoreCapabilities = Object.freeze({
  clocks: Object.freeze(['caller', 'store'] as const),
  algorithms: Object.freeze([...ALGORITHMS]),
});

/**
 * An in-process store: one synchronous step per call (so concurrent calls in this process can never
 * interleave), lazy expiry plus an incremental sweep instead of timers, and a bound on the number of
 * keys. State lives in typed-array columns indexed from a `Map` of keys, so a key costs little more
 * than its key string. Counters are per process: use a Redis store to share them.
 *
 * @example
 * import { createLimiter, fixedWindow } from '@rl/core'
 * import { memoryStore } from '@rl/memory'
 *
 * const limiter = createLimiter({ store: memoryStore({ maxKeys: 50_000 }), rules: fixedWindow({ limit: 60, window: '1m' }) })
 */
export function memoryStore(options: MemoryStoreOptions = {}): MemoryStore {
  const maxKeys = options.maxKeys ?? 100_000;
  if (!Number.isSafeInteger(maxKeys) || maxKeys < 1) throw invalidConfig('maxKeys', maxKeys, 'a whole number ≥ 1');
  const sweepBatch = options.sweepBatch ?? 4;
  if (!Number.isSafeInteger(sweepBatch) || sweepBatch < 0) {
    throw invalidConfig('sweepBatch', sweepBatch, 'a whole number ≥ 0');
  }
  const clock = options.now ?? Date.now;
  if (typeof clock !== 'function') throw invalidConfig('now', clock, 'a function returning epoch milliseconds');
  const onEvict = options.onEvict;

  const index = new Map<string, number>();
  const table = new SlotTable(Math.min(1024, maxKeys));
  const sweeper = new ClockSweep(index, table, maxKeys, sweepBatch);
  let closed = false;

  const drop = (key: string, slot: number): void => {
    index.delete(key);
    table.release(slot);
  };

  // The slot found by the last lookup, so the write that follows it does not look the key up again.
  let lastKey: string | undefined;
  let lastSlot: number | undefined;

  /** The slot holding a live state of algorithm `code` for `key` at `now`, if any (expired ones are dropped when `touch`). */
  const locate = (key: string, code: number, now: number, touch: boolean): number | undefined => {
    const slot = index.get(key);
    lastKey = key;
    lastSlot = slot;
    if (slot === undefined) return undefined;
    if ((table.expiresAt[slot] as number) <= now) {
      if (touch) {
        drop(key, slot);
        lastSlot = undefined;
      }
      return undefined;
    }
    if (table.kind[slot] !== code + 1) return undefined;
    if (touch) table.referenced[slot] = 1;
    return slot;
  };

  /** The live state of `key` for `algorithm` at `now` (expired or foreign states read as absent). */
  const read = (key: string, algorithm: Algorithm, now: number, touch: boolean): AlgorithmState | undefined => {
    const { code, codec } = CODECS[algorithm];
    const slot = locate(key, code, now, touch);
    return slot === undefined ? undefined : codec.read(table, slot);
  };

  /** The slot to write `key`'s state of algorithm `code` into, made (and paid for) when new. */
  const place = (key: string, code: number, now: number): number => {
    let slot = key === lastKey ? lastSlot : index.get(key);
    lastKey = undefined;
    if (slot === undefined) {
      // The call that grows the index pays for the sweep: hot keys cost nothing, and the index
      // cannot grow faster than expired keys are found and dropped.
      if (sweepBatch > 0) sweeper.sweep(now);
      const evicted = sweeper.makeRoom(now);
      if (evicted > 0 && onEvict) onEvict(evicted);
      slot = table.allocate(code);
      index.set(key, slot);
    } else {
      table.kind[slot] = code + 1;
      table.referenced[slot] = 1;
    }
    return slot;
  };

  const write = (
    key: string,
    algorithm: Algorithm,
    state: AlgorithmState | undefined,
    expiresAt: number,
    now: number,
  ): void => {
    if (state === undefined || expiresAt <= now) {
      const slot = key === lastKey ? lastSlot : index.get(key);
      lastKey = undefined;
      if (slot !== undefined) drop(key, slot);
      return;
    }
    const { code, codec } = CODECS[algorithm];
    const slot = place(key, code, now);
    codec.write(table, slot, state);
    table.expiresAt[slot] = expiresAt;
  };

  // The hot path: one rule of a numeric algorithm runs its kernel on these registers, straight
  // between the columns, and answers in `reused` (valid until the next synchronous call).
  const r = createRegisters();
  const reusedResult = { allowed: false, remaining: 0, resetAt: 0, retryAfterMs: 0 };
  const reused = { allowed: false, now: 0, results: [reusedResult] as RuleResult[] };

  // The kernel and column code of the last single rule seen (a limiter passes the same rule object every call).
  let lastRule: Rule | undefined;
  let lastKernel: NumericKernel<AlgorithmState> | undefined;
  let lastCode = 0;

  const consumeKernel = (
    key: string,
    rule: Rule,
    kernel: NumericKernel<AlgorithmState>,
    code: number,
    cost: number,
    now: number,
  ): ConsumeResponse => {
    const found = locate(key, code, now, true);
    r.present = found !== undefined;
    if (found !== undefined) {
      r.s0 = table.a[found] as number;
      r.s1 = table.b[found] as number;
      r.s2 = table.c[found] as number;
    }
    kernel.step(r, rule, cost, now);
    if (r.allowed) {
      const expiresAt = kernel.expiresAt(r, rule);
      if (expiresAt <= now) {
        write(key, rule.algorithm, undefined, expiresAt, now);
      } else {
        const slot = place(key, code, now);
        table.a[slot] = r.s0;
        table.b[slot] = r.s1;
        table.c[slot] = r.s2;
        table.expiresAt[slot] = expiresAt;
      }
    }
    reusedResult.allowed = r.allowed;
    reusedResult.remaining = r.remaining;
    reusedResult.resetAt = r.resetAt;
    reusedResult.retryAfterMs = r.retryAfterMs;
    reused.allowed = r.allowed;
    reused.now = now;
    return reused;
  };

  const guard = (): void => {
    if (closed) throw new RateLimitError('RL_CLOSED', 'This memory store was closed; create a new one.');
  };

  /** Consume in one synchronous step; the single-rule numeric answer is `reused` (see SYNC_CONSUME). */
  const consumeNow = (request: ConsumeRequest): ConsumeResponse => {
    guard();
    const now = request.now ?? clock();
    const { checks, cost } = request;
    if (checks.length === 1) {
      const { key, rule } = checks[0] as { key: string; rule: Rule };
      if (rule !== lastRule) {
        lastRule = rule;
        lastKernel = KERNELS[rule.algorithm];
        lastCode = CODECS[rule.algorithm].code;
      }
      if (lastKernel !== undefined) return consumeKernel(key, rule, lastKernel, lastCode, cost, now);
      const model = MODELS[rule.algorithm];
      const transition = model.consume(read(key, rule.algorithm, now, true), rule, cost, now, request.leaseId);
      if (transition.result.allowed) {
        write(key, rule.algorithm, transition.state, model.expiresAt(transition.state, rule), now);
      }
      return { allowed: transition.result.allowed, now, results: [transition.result] };
    }
    const evaluation = evaluateConsume(
      (key, rule) => read(key, rule.algorithm, now, true),
      checks,
      cost,
      now,
      request.leaseId,
    );
    for (let i = 0; i < evaluation.writes.length; i++) {
      const change = evaluation.writes[i] as { key: string; state: AlgorithmState; expiresAt: number };
      write(change.key, (checks[i] as { rule: Rule }).rule.algorithm, change.state, change.expiresAt, now);
    }
    return { allowed: evaluation.allowed, now, results: evaluation.results };
  };

  /** A response the caller may keep: the reused one copied. */
  const owned = (response: ConsumeResponse): ConsumeResponse =>
    response === reused ? { allowed: reused.allowed, now: reused.now, results: [{ ...reusedResult }] } : response;

  return {
    name: 'memory',
    shared: false,
    supports: CAPABILITIES,
    get size() {
      return index.size;
    },
    expiresAt: (key) => {
      const slot = index.get(key);
      return slot === undefined ? undefined : table.expiresAt[slot];
    },
    keys: () => index.keys(),

    consume(request: ConsumeRequest): Promise<ConsumeResponse> {
      try {
        return Promise.resolve(owned(consumeNow(request)));
      } catch (error) {
        return Promise.reject(error);
      }
    },

    [SYNC_CONSUME]: consumeNow,

    peek(request: PeekRequest): Promise<ConsumeResponse> {
      try {
        guard();
        const now = request.now ?? clock();
        const { allowed, results } = evaluatePeek(
          (key, rule) => read(key, rule.algorithm, now, false),
          request.checks,
          now,
        );
        return Promise.resolve({ allowed, now, results });
      } catch (error) {
        return Promise.reject(error);
      }
    },

    async refund(request: RefundRequest): Promise<void> {
      guard();
      const now = request.now ?? clock();
      for (const { key, rule } of request.checks) {
        const model = MODELS[rule.algorithm];
        const state = model.refund(read(key, rule.algorithm, now, true), rule, request.cost, now, request.consumedAt);
        write(key, rule.algorithm, state, state === undefined ? now : model.expiresAt(state, rule), now);
      }
    },

    async release(request: ReleaseRequest): Promise<boolean> {
      guard();
      const now = request.now ?? clock();
      let released = false;
      for (const { key, rule } of request.checks) {
        if (rule.algorithm !== 'concurrency') continue;
        const current = read(key, 'concurrency', now, true) as ConcurrencyState | undefined;
        const outcome = concurrencyModel.release(current, request.leaseId, now);
        released = outcome.released || released;
        write(key, 'concurrency', outcome.state, concurrencyModel.expiresAt(outcome.state, rule), now);
      }
      return released;
    },

    async reset(keys: readonly string[]): Promise<void> {
      guard();
      for (const key of keys) {
        const slot = index.get(key);
        if (slot !== undefined) drop(key, slot);
      }
    },

    async close(): Promise<void> {
      closed = true;
      index.clear();
      table.clear();
    },
  };
}
