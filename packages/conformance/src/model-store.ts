import {
  ALGORITHMS,
  type AlgorithmState,
  type ConcurrencyState,
  concurrencyModel,
  evaluateConsume,
  evaluatePeek,
  MODELS,
  RateLimitError,
  type Store,
} from '@rl/core';

/** The reference model as a Store, plus a view of its raw states. */
export interface ModelStore extends Store {
  readonly states: ReadonlyMap<string, AlgorithmState>;
}

/**
 * The reference model: the pure transitions of @rl/core over a plain `Map`, with no expiry, no
 * eviction and no optimisation. Every store must decide exactly as it does.
 *
 * @example
 * const model = createModelStore()
 * const limiter = createLimiter({ store: model, rules: fixedWindow({ limit: 3, window: '1s' }), clock: 'caller' })
 */
export function createModelStore(clock: () => number = Date.now): ModelStore {
  const states = new Map<string, AlgorithmState>();
  let closed = false;
  const read = (key: string) => {
    if (closed) throw new RateLimitError('RL_CLOSED', 'This model store was closed.');
    return states.get(key);
  };
  return {
    name: 'model',
    shared: false,
    supports: { clocks: ['caller', 'store'], algorithms: ALGORITHMS },
    states,
    async consume(request) {
      const now = request.now ?? clock();
      const evaluation = evaluateConsume(read, request.checks, request.cost, now, request.leaseId);
      for (const change of evaluation.writes) states.set(change.key, change.state);
      return { allowed: evaluation.allowed, now, results: evaluation.results };
    },
    async peek(request) {
      const now = request.now ?? clock();
      return { ...evaluatePeek(read, request.checks, now), now };
    },
    async refund(request) {
      const now = request.now ?? clock();
      for (const { key, rule } of request.checks) {
        const next = MODELS[rule.algorithm].refund(read(key), rule, request.cost, now, request.consumedAt);
        if (next === undefined) states.delete(key);
        else states.set(key, next);
      }
    },
    async release(request) {
      const now = request.now ?? clock();
      let released = false;
      for (const { key, rule } of request.checks) {
        if (rule.algorithm !== 'concurrency') continue;
        const outcome = concurrencyModel.release(read(key) as ConcurrencyState | undefined, request.leaseId, now);
        states.set(key, outcome.state);
        released = outcome.released || released;
      }
      return released;
    },
    async reset(keys) {
      for (const key of keys) states.delete(key);
    },
    async close() {
      closed = true;
      states.clear();
    },
  };
}
