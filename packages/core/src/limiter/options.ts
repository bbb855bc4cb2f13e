import { invalidConfig, RateLimitError } from '../errors.js';
import { checkPrefix } from '../keys/build-key.js';
import {
  type FailureOptions,
  type FailurePolicy,
  type ResolvedFailure,
  resolveFailure,
} from '../policy/failure-options.js';
import { defineRule, type RuleInput } from '../rules/define.js';
import type { Rule } from '../rules/types.js';
import type { ClockSource, Store } from '../store.js';

/** Options of {@link createLimiter}. */
export interface LimiterOptions {
  /** Where counters live: `@rl/memory`, `@rl/redis-tcp`, `@rl/upstash` or any `Store`. */
  store: Store;
  /** One rule or several; several are checked and charged atomically (all or nothing). */
  rules: RuleInput | readonly RuleInput[];
  /** Key prefix. Default `"rl"`. */
  prefix?: string;
  /**
   * `"store"`: the store's own clock (Redis `TIME`), so app servers with skewed clocks agree — the
   * default for shared stores that have one. `"caller"`: this process's clock (`now`), the default
   * otherwise and what tests with virtual time use.
   */
  clock?: ClockSource;
  /** The caller clock, epoch ms. Default `Date.now`. */
  now?: () => number;
  /**
   * What happens when the store fails or times out: `"fail-open"`, `"fail-closed"`, or
   * `{ policy: "fallback", fallback: { store: memoryStore(), limit } }`, plus `timeout` (default
   * 200 ms), `breaker`, per-rule `rules` and `onEvent`. Without it, store failures reject with a
   * `RateLimitError` and there is no timeout.
   */
  failure?: FailurePolicy | FailureOptions;
}

/** Options after validation. */
export interface ResolvedLimiterOptions {
  readonly store: Store;
  readonly rules: readonly Rule[];
  readonly prefix: string;
  readonly clock: ClockSource;
  readonly now: () => number;
  readonly hasConcurrency: boolean;
  readonly failure: ResolvedFailure | undefined;
}

function checkStore(store: unknown): Store {
  const candidate = store as Partial<Store> | null;
  if (
    candidate === null ||
    typeof candidate !== 'object' ||
    typeof candidate.consume !== 'function' ||
    typeof candidate.peek !== 'function' ||
    typeof candidate.supports !== 'object'
  ) {
    throw invalidConfig('store', store, 'a Store such as memoryStore() from @rl/memory');
  }
  return candidate as Store;
}

/** Validates limiter options; every problem names the option and the value. */
export function resolveLimiterOptions(options: LimiterOptions): ResolvedLimiterOptions {
  if (options === null || typeof options !== 'object') throw invalidConfig('options', options, 'an options object');
  const store = checkStore(options.store);
  const inputs = Array.isArray(options.rules) ? options.rules : [options.rules];
  if (inputs.length === 0 || options.rules === undefined) {
    throw invalidConfig('rules', options.rules, 'at least one rule, such as fixedWindow({ limit: 100, window: "1m" })');
  }
  const rules = inputs.map((input: RuleInput) => defineRule(input));
  const seen = new Set<string>();
  for (const rule of rules) {
    if (seen.has(rule.name)) {
      throw invalidConfig(
        'rules',
        rule.name,
        'rules with distinct names (set "name" on rules that share an algorithm and window)',
      );
    }
    seen.add(rule.name);
    if (!store.supports.algorithms.includes(rule.algorithm)) {
      throw new RateLimitError(
        'RL_UNSUPPORTED',
        `The "${store.name}" store does not implement the ${rule.algorithm} algorithm used by rule "${rule.name}".`,
        { details: { option: 'rules', value: rule.algorithm } },
      );
    }
  }
  const prefix = checkPrefix(options.prefix ?? 'rl');
  const storeClock = store.supports.clocks.includes('store');
  const clock = options.clock ?? (store.shared && storeClock ? 'store' : 'caller');
  if (clock !== 'caller' && clock !== 'store') throw invalidConfig('clock', clock, '"caller" or "store"');
  if (clock === 'store' && !storeClock) {
    throw new RateLimitError(
      'RL_INVALID_CONFIG',
      `Invalid option "clock": the "${store.name}" store has no clock of its own; use clock: "caller".`,
      { details: { option: 'clock', value: clock } },
    );
  }
  const now = options.now ?? Date.now;
  if (typeof now !== 'function') throw invalidConfig('now', now, 'a function returning epoch milliseconds');
  const failure = resolveFailure(options.failure, rules, now);
  return {
    store,
    rules,
    prefix,
    clock,
    now,
    hasConcurrency: rules.some((r) => r.algorithm === 'concurrency'),
    failure,
  };
}
