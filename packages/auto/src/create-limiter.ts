import {
  createLimiter,
  type FailureOptions,
  type FailurePolicy,
  type FallbackLimit,
  type Limiter,
  type LimiterOptions,
  type RateLimitEventListener,
  type Store,
} from '@rl/core';
import { memoryStore } from '@rl/memory';
import type { StoreLoaders } from './connect/loaded-store.js';
import { type AutoStoreOptions, createStoreWith } from './create-store.js';
import type { EnvSource } from './env/env-source.js';

/** Options of `createLimiterFromEnv`. */
export interface LimiterFromEnvOptions
  extends Omit<LimiterOptions, 'store' | 'failure'>,
    Omit<AutoStoreOptions, 'policy'> {
  /** The environment. Default `process.env`; on Workers pass the `env` bindings. */
  env?: EnvSource;
  /** A store from `createStoreFromEnv` to share between limiters (one connection, one breaker). */
  store?: Store;
  /** What happens while the store fails. Default `"fallback"` (in-process limits per instance). */
  policy?: FailurePolicy;
  /** Per-rule policies by rule name, overriding `policy`. */
  rulePolicies?: Readonly<Record<string, FailurePolicy>>;
  /** A smaller per-instance limit while falling back (a number caps every rule; or by rule name; or a function). */
  fallbackLimit?: FallbackLimit;
  /** Receives store errors, circuit changes, fallback entered and recovered. */
  onEvent?: RateLimitEventListener;
}

/** The implementation behind the Node and edge `createLimiterFromEnv`. */
export async function createLimiterWith(loaders: StoreLoaders, options: LimiterFromEnvOptions): Promise<Limiter> {
  const { env, store: given, policy = 'fallback', rulePolicies, fallbackLimit, onEvent, ...rest } = options;
  const { logger, memoryInProduction, verify, breaker, memory, rules, prefix, clock, now } = rest;
  const store =
    given ??
    (await createStoreWith(loaders, env, {
      policy,
      ...(logger === undefined ? {} : { logger }),
      ...(memoryInProduction === undefined ? {} : { memoryInProduction }),
      ...(verify === undefined ? {} : { verify }),
      ...(breaker === undefined ? {} : { breaker }),
      ...(memory === undefined ? {} : { memory }),
    }));
  const modes = [policy, ...Object.values(rulePolicies ?? {})];
  const failure: FailureOptions = {
    policy,
    ...(rulePolicies === undefined ? {} : { rules: rulePolicies }),
    ...(modes.includes('fallback') ? { fallback: { store: memoryStore(), limit: fallbackLimit } } : {}),
    ...(onEvent === undefined ? {} : { onEvent }),
  };
  return createLimiter({
    store,
    rules,
    failure,
    ...(prefix === undefined ? {} : { prefix }),
    ...(clock === undefined ? {} : { clock }),
    ...(now === undefined ? {} : { now }),
  });
}
