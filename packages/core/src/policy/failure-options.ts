import { describeValue, invalidConfig, RateLimitError } from '../errors.js';
import type { Rule } from '../rules/types.js';
import type { Store } from '../store.js';
import { type FallbackLimit, fallbackRules } from './fallback-rules.js';
import { type GuardOptions, type ResolvedGuardOptions, resolveGuardOptions } from './guard-options.js';

/**
 * What a call decides when the store fails (error, timeout or open circuit):
 * - `fail-open`: admit it — `reason: "store_unavailable"`;
 * - `fail-closed`: refuse it — `reason: "store_unavailable"` (send a 503, not a 429);
 * - `fallback`: let an in-process limiter decide — `reason: "fallback"`, limits per instance.
 */
export type FailurePolicy = 'fail-open' | 'fail-closed' | 'fallback';

/** Every failure policy. */
export const FAILURE_POLICIES: readonly FailurePolicy[] = ['fail-open', 'fail-closed', 'fallback'];

/** The in-process limiter used by the `fallback` policy. */
export interface FallbackOptions {
  /** Where fallback counters live: `memoryStore()` from `@rl/memory`. */
  store: Store;
  /** A smaller per-instance limit while falling back: see {@link FallbackLimit}. Default: the rules' own. */
  limit?: FallbackLimit;
}

/** The `failure` option of `createLimiter`. */
export interface FailureOptions extends Omit<GuardOptions, 'now'> {
  /** The limiter's policy. */
  policy: FailurePolicy;
  /** Per-rule policies by rule name, overriding `policy`. */
  rules?: Readonly<Record<string, FailurePolicy>>;
  /** Required when any rule falls back: a store, or `{ store, limit }`. */
  fallback?: Store | FallbackOptions;
}

/** The failure options after validation. */
export interface ResolvedFailure {
  readonly policy: FailurePolicy;
  /** Each rule's policy, in rule order. */
  readonly modes: readonly FailurePolicy[];
  readonly fallbackStore: Store | undefined;
  /** Each rule as the fallback store applies it (limits lowered), in rule order. */
  readonly fallbackRules: readonly Rule[];
  readonly guard: ResolvedGuardOptions;
}

function checkPolicy(value: unknown, option: string): FailurePolicy {
  if (!FAILURE_POLICIES.includes(value as FailurePolicy)) {
    throw invalidConfig(option, value, '"fail-open", "fail-closed" or "fallback"');
  }
  return value as FailurePolicy;
}

function isStore(value: unknown): value is Store {
  return value !== null && typeof value === 'object' && typeof (value as Store).consume === 'function';
}

function ruleModes(options: FailureOptions, rules: readonly Rule[], policy: FailurePolicy): FailurePolicy[] {
  const overrides = options.rules ?? {};
  if (overrides === null || typeof overrides !== 'object') {
    throw invalidConfig('failure.rules', overrides, 'a record of policies by rule name');
  }
  const names = new Set(rules.map((rule) => rule.name));
  for (const [name, mode] of Object.entries(overrides)) {
    if (!names.has(name)) {
      throw new RateLimitError(
        'RL_INVALID_CONFIG',
        `Invalid option "failure.rules": got a policy for ${describeValue(name)}, which is not one of the limiter's rules (${[...names].join(', ')}).`,
        { details: { option: 'failure.rules', value: name } },
      );
    }
    checkPolicy(mode, `failure.rules.${name}`);
  }
  return rules.map((rule) => overrides[rule.name] ?? policy);
}

/** Validates a limiter's `failure` option against its rules. */
export function resolveFailure(
  input: FailurePolicy | FailureOptions | undefined,
  rules: readonly Rule[],
  now: () => number,
): ResolvedFailure | undefined {
  if (input === undefined) return undefined;
  const options: FailureOptions = typeof input === 'string' ? { policy: input } : input;
  if (options === null || typeof options !== 'object') {
    throw invalidConfig('failure', input, '"fail-open", "fail-closed", or { policy, fallback, timeout, breaker }');
  }
  const policy = checkPolicy(options.policy, typeof input === 'string' ? 'failure' : 'failure.policy');
  const modes = ruleModes(options, rules, policy);
  const guard = resolveGuardOptions({ ...options, now }, 'failure.');
  if (!modes.includes('fallback')) return { policy, modes, fallbackStore: undefined, fallbackRules: rules, guard };

  const fallback = options.fallback;
  const store = isStore(fallback) ? fallback : fallback?.store;
  if (!isStore(store)) {
    throw invalidConfig(
      'failure.fallback',
      fallback,
      'a store for the "fallback" policy, such as { store: memoryStore() } with memoryStore from @rl/memory',
    );
  }
  const lowered = fallbackRules(rules, isStore(fallback) ? undefined : fallback?.limit);
  for (const [i, rule] of lowered.entries()) {
    if (modes[i] === 'fallback' && !store.supports.algorithms.includes(rule.algorithm)) {
      throw new RateLimitError(
        'RL_UNSUPPORTED',
        `The fallback store "${store.name}" does not implement the ${rule.algorithm} algorithm used by rule "${rule.name}".`,
        { details: { option: 'failure.fallback', value: rule.algorithm } },
      );
    }
  }
  return { policy, modes, fallbackStore: store, fallbackRules: lowered, guard };
}
