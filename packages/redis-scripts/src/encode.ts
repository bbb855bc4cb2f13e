import { ALGORITHMS, type Rule, type StoreCheck } from '@rl/core';
import { LUA_ALGORITHMS } from './lua/library.js';

const encoded = new WeakMap<Rule, readonly string[]>();

/**
 * The ARGV of one rule: its algorithm code (its index in `ALGORITHMS` of @rl/core), then the fields
 * its algorithm uses (fixed window, sliding window, sliding log, GCRA: limit, windowMs; token
 * bucket: limit, refillRate, intervalMs; concurrency: limit, leaseMs). An unknown algorithm is code
 * -1 alone, which the scripts refuse. Remembered for frozen rules (those of `@rl/core`'s factories).
 */
export function ruleArgs(rule: Rule): readonly string[] {
  const known = encoded.get(rule);
  if (known !== undefined) return known;
  const code = ALGORITHMS.indexOf(rule.algorithm);
  const args = [String(code)];
  for (const field of LUA_ALGORITHMS[code]?.fields ?? []) args.push(String(rule[field]));
  if (Object.isFrozen(rule)) encoded.set(rule, args);
  return args;
}

/** KEYS and ARGV for a script call: the given head arguments, then each check's rule (see {@link ruleArgs}). */
export function encodeCall(checks: readonly StoreCheck[], head: string[]): { keys: string[]; args: string[] } {
  const keys: string[] = [];
  const args = head.slice();
  for (const check of checks) {
    keys.push(check.key);
    for (const field of ruleArgs(check.rule)) args.push(field);
  }
  return { keys, args };
}

/**
 * ARGV 1 and 2 of every script: the caller's time, or "" for the store's clock (Redis `TIME`), and
 * how much longer than needed keys written on a caller's clock live (0 on the store's clock).
 */
export function clockArgs(now: number | undefined, skewToleranceMs: number): [string, string] {
  return now === undefined ? ['', '0'] : [String(now), String(skewToleranceMs)];
}
