import {
  ALGORITHMS,
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
  type KeyParts,
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
  type StoreCheck,
  SYNC_CONSUME,
  type SyncConsumer,
  splitKey,
} from '@rl/core';
import { ClockSweep } from './clock-sweep.js';
import { KeyIndex } from './key-index.js';
import { EXPIRES_AT, SlotTable, WORDS_PER_SLOT } from './slot-table.js';
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

/** A check's key as scope and id: the limiter's own parts when it gave them, else the key cut. */
function partsOf(check: StoreCheck): KeyParts {
  return check.id !== undefined && check.scope !== undefined ? (check as KeyParts) : splitKey(check.key);
}

const CAPABILITIES: StoreCapabilities = Object.freeze({
  clocks: Object.freeze(['caller', 'store'] as const),
  algorithms: Object.freeze([...ALGORITHMS]),
});

/**
 * An in-process store: one synchronous step per call (so concurrent calls in this process can never
 * interleave), lazy expiry plus an incremental sweep instead of timers, and a bound on the number of
 * keys. State lives in a typed-array slot table indexed by key scope and encoded identifier (as a
 * limiter's check carries them: no key is built or hashed on the hot path), so a key costs little
 * more than its identifier string. Counters are per process: use a Redis store to share them.
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

  const index = new KeyIndex();
  const table = new SlotTable(Math.min(1024, maxKeys));
  const sweeper = new ClockSweep(index, table, maxKeys, sweepBatch);
  let closed = false;

  const drop = (scope: string, id: string, slot: number): void => {
    index.delete(scope, id);
    table.release(slot);
  };

  // The key (scope and id) and slot of the last lookup, so the write that follows it does not look
  // the key up again.
  let lastScope: string | undefined;
  let lastId: string | undefined;
  let lastSlot: number | undefined;
  const slotOf = (scope: string, id: string): number | undefined => {
    const slot = id === lastId && scope === lastScope ? lastSlot : index.get(scope, id);
    lastId = undefined;
    return slot;
  };

  /** The slot holding a live state of algorithm `code` for a key at `now`, if any (expired ones are dropped when `touch`). */
  const locate = (scope: string, id: string, code: number, now: number, touch: boolean): number | undefined => {
    const slot = index.get(scope, id);
    lastScope = scope;
    lastId = id;
    lastSlot = slot;
    if (slot === undefined) return undefined;
    if ((table.words[slot * WORDS_PER_SLOT + EXPIRES_AT] as number) <= now) {
      if (touch) {
        drop(scope, id, slot);
        lastSlot = undefined;
      }
      return undefined;
    }
    if (!table.holds(slot, code)) return undefined;
    if (touch) table.reference(slot);
    return slot;
  };

  /** The live state of a check's key for its rule at `now` (expired or foreign states read as absent). */
  const read = (check: StoreCheck, now: number, touch: boolean): AlgorithmState | undefined => {
    const { scope, id } = partsOf(check);
    const { code, codec } = CODECS[check.rule.algorithm];
    const slot = locate(scope, id, code, now, touch);
    return slot === undefined ? undefined : codec.read(table, slot);
  };

  /** The slot to write a key's state of algorithm `code` into, made (and paid for) when new. */
  const place = (scope: string, id: string, code: number, now: number): number => {
    let slot = slotOf(scope, id);
    if (slot === undefined) {
      // The call that grows the index pays for the sweep: hot keys cost nothing, and the index
      // cannot grow faster than expired keys are found and dropped.
      if (sweepBatch > 0) sweeper.sweep(now);
      const evicted = sweeper.makeRoom(now);
      if (evicted > 0 && onEvict) onEvict(evicted);
      slot = table.allocate(code);
      index.add(scope, id, slot);
    } else {
      table.reassign(slot, code);
    }
    return slot;
  };

  const write = (check: StoreCheck, state: AlgorithmState | undefined, expiresAt: number, now: number): void => {
    const { scope, id } = partsOf(check);
    if (state === undefined || expiresAt <= now) {
      const slot = slotOf(scope, id);
      if (slot !== undefined) drop(scope, id, slot);
      return;
    }
    const { code, codec } = CODECS[check.rule.algorithm];
    const slot = place(scope, id, code, now);
    codec.write(table, slot, state);
    table.words[slot * WORDS_PER_SLOT + EXPIRES_AT] = expiresAt;
    sweeper.noteExpiry(expiresAt);
  };

  // The hot path: one rule of a numeric algorithm runs its kernel on these registers, straight
  // between the slot's words, and answers in `reused` (valid until the next synchronous call).
  const r = createRegisters();
  const reusedResult = { allowed: false, remaining: 0, resetAt: 0, retryAfterMs: 0 };
  const reused = { allowed: false, now: 0, results: [reusedResult] as RuleResult[] };

  // The kernel and algorithm code of the last single rule seen (a limiter passes the same rule object every call).
  let lastRule: Rule | undefined;
  let lastKernel: NumericKernel<AlgorithmState> | undefined;
  let lastCode = 0;

  const consumeKernel = (
    check: StoreCheck,
    scope: string,
    id: string,
    rule: Rule,
    kernel: NumericKernel<AlgorithmState>,
    code: number,
    cost: number,
    now: number,
  ): ConsumeResponse => {
    const found = locate(scope, id, code, now, true);
    r.present = found !== undefined;
    if (found !== undefined) {
      const at = found * WORDS_PER_SLOT;
      r.s0 = table.words[at] as number;
      r.s1 = table.words[at + 1] as number;
      r.s2 = table.words[at + 2] as number;
    }
    kernel.step(r, rule, cost, now);
    if (r.allowed) {
      const expiresAt = kernel.expiresAt(r, rule);
      if (expiresAt <= now) {
        write(check, undefined, expiresAt, now);
      } else {
        const at = place(scope, id, code, now) * WORDS_PER_SLOT;
        table.words[at] = r.s0;
        table.words[at + 1] = r.s1;
        table.words[at + 2] = r.s2;
        table.words[at + EXPIRES_AT] = expiresAt;
        sweeper.noteExpiry(expiresAt);
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
      const check = checks[0] as StoreCheck;
      const rule = check.rule;
      if (rule !== lastRule) {
        lastRule = rule;
        lastKernel = KERNELS[rule.algorithm];
        lastCode = CODECS[rule.algorithm].code;
      }
      if (lastKernel !== undefined) {
        const { scope, id } = partsOf(check);
        return consumeKernel(check, scope, id, rule, lastKernel, lastCode, cost, now);
      }
      const model = MODELS[rule.algorithm];
      const transition = model.consume(read(check, now, true), rule, cost, now, request.leaseId);
      if (transition.result.allowed) {
        write(check, transition.state, model.expiresAt(transition.state, rule), now);
      }
      return { allowed: transition.result.allowed, now, results: [transition.result] };
    }
    const evaluation = evaluateConsume(
      (_key, _rule, check) => read(check, now, true),
      checks,
      cost,
      now,
      request.leaseId,
    );
    for (let i = 0; i < evaluation.writes.length; i++) {
      const change = evaluation.writes[i] as { state: AlgorithmState; expiresAt: number };
      write(checks[i] as StoreCheck, change.state, change.expiresAt, now);
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
      const { scope, id } = splitKey(key);
      const slot = index.get(scope, id);
      return slot === undefined ? undefined : table.expiresAt(slot);
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
        const { allowed, results } = evaluatePeek((_key, _rule, check) => read(check, now, false), request.checks, now);
        return Promise.resolve({ allowed, now, results });
      } catch (error) {
        return Promise.reject(error);
      }
    },

    async refund(request: RefundRequest): Promise<void> {
      guard();
      const now = request.now ?? clock();
      for (const check of request.checks) {
        const { rule } = check;
        const model = MODELS[rule.algorithm];
        const state = model.refund(read(check, now, true), rule, request.cost, now, request.consumedAt);
        write(check, state, state === undefined ? now : model.expiresAt(state, rule), now);
      }
    },

    async release(request: ReleaseRequest): Promise<boolean> {
      guard();
      const now = request.now ?? clock();
      let released = false;
      for (const check of request.checks) {
        if (check.rule.algorithm !== 'concurrency') continue;
        const current = read(check, now, true) as ConcurrencyState | undefined;
        const outcome = concurrencyModel.release(current, request.leaseId, now);
        released = outcome.released || released;
        write(check, outcome.state, concurrencyModel.expiresAt(outcome.state, check.rule), now);
      }
      return released;
    },

    async reset(keys: readonly string[]): Promise<void> {
      guard();
      for (const key of keys) {
        const { scope, id } = splitKey(key);
        const slot = index.get(scope, id);
        if (slot !== undefined) drop(scope, id, slot);
      }
    },

    async close(): Promise<void> {
      closed = true;
      index.clear();
      table.clear();
    },
  };
}
