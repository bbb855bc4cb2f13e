import { ALGORITHMS, type ConsumeResponse, evaluateConsume, evaluatePeek, type Store } from '../../src/index.js';

/** `ok`: answers; `error`: rejects like a refused connection; `hang`: never settles. */
export type FlakyMode = 'ok' | 'error' | 'hang';

/** An in-test store over the reference evaluation whose failures the test switches on and off. */
export interface FlakyStore extends Store {
  mode: FlakyMode;
  /** Calls that reached the store (any mode), by operation. */
  readonly calls: Record<string, number>;
}

/** A reference store (per-process state) that can fail or hang on demand. */
export function flakyStore(name = 'flaky', shared = true): FlakyStore {
  const states = new Map();
  const calls: Record<string, number> = {};
  const store: FlakyStore = {
    name,
    shared,
    mode: 'ok',
    calls,
    supports: { clocks: ['caller'], algorithms: ALGORITHMS },
    consume: (request) =>
      gate('consume', () => {
        const now = request.now ?? Date.now();
        const result = evaluateConsume((k) => states.get(k), request.checks, request.cost, now, request.leaseId);
        for (const w of result.writes) states.set(w.key, w.state);
        return { allowed: result.allowed, now, results: result.results } satisfies ConsumeResponse;
      }),
    peek: (request) =>
      gate('peek', () => {
        const now = request.now ?? Date.now();
        return { ...evaluatePeek((k) => states.get(k), request.checks, now), now };
      }),
    refund: (request) =>
      gate('refund', () => {
        for (const check of request.checks) states.delete(check.key);
      }),
    release: () => gate('release', () => true),
    reset: (keys) =>
      gate('reset', () => {
        for (const k of keys) states.delete(k);
      }),
    close: async () => {},
  };
  function gate<T>(operation: string, answer: () => T): Promise<T> {
    calls[operation] = (calls[operation] ?? 0) + 1;
    if (store.mode === 'hang') return new Promise<T>(() => {});
    if (store.mode === 'error') return Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:6390'));
    return Promise.resolve().then(answer);
  }
  return store;
}

/** A virtual epoch clock for breaker cooldowns. */
export function manualClock(start = 1_700_000_000_000): { now: () => number; advance: (ms: number) => void } {
  let t = start;
  return { now: () => t, advance: (ms) => (t += ms) };
}
