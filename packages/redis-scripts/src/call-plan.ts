import type { Rule, StoreCheck } from '@rl/core';
import { ruleArgs } from './encode.js';
import { CONSUME_VARIANTS, type LuaScript, PEEK_VARIANTS, SCRIPTS } from './scripts/index.js';

/**
 * What a sequence of rules turns into for every call, whatever the identifier: its rules' ARGV and
 * the consume and peek scripts to run (one algorithm's own variant, or the script for any mix).
 */
export interface RulePlan {
  readonly rules: readonly Rule[];
  /** Every rule's ARGV, in order. */
  readonly ruleArgs: readonly string[];
  readonly consume: LuaScript;
  readonly peek: LuaScript;
}

function planOf(rules: readonly Rule[]): RulePlan {
  const args: string[] = [];
  for (const rule of rules) for (const field of ruleArgs(rule)) args.push(field);
  const first = rules[0]?.algorithm;
  const single = first !== undefined && rules.every((rule) => rule.algorithm === first) ? first : undefined;
  return {
    rules,
    ruleArgs: args,
    consume: (single !== undefined && CONSUME_VARIANTS[single]) || SCRIPTS.consume,
    peek: (single !== undefined && PEEK_VARIANTS[single]) || SCRIPTS.peek,
  };
}

/** Plans by the first rule of their sequence (a limiter's rules are the same objects on every call). */
const plans = new WeakMap<Rule, RulePlan>();

/** Whether `plan` is the plan of the rules of `checks`: the same rule objects, in order. */
function fits(plan: RulePlan, checks: readonly StoreCheck[]): boolean {
  const { rules } = plan;
  if (rules.length !== checks.length) return false;
  for (let i = 0; i < rules.length; i++) if ((checks[i] as StoreCheck).rule !== rules[i]) return false;
  return true;
}

/**
 * The plan of the rules of a request's checks, remembered by rule objects (and re-checked on every
 * use: same rule objects, in order) when every rule is frozen, as `@rl/core`'s rule factories make
 * them.
 */
export function planFor(checks: readonly StoreCheck[]): RulePlan {
  const first = checks[0]?.rule;
  const known = typeof first === 'object' && first !== null ? plans.get(first) : undefined;
  if (known !== undefined && fits(known, checks)) return known;
  const rules = checks.map((check) => check.rule);
  const plan = planOf(rules);
  if (first !== undefined && rules.every((rule) => typeof rule === 'object' && Object.isFrozen(rule))) {
    plans.set(first, plan);
  }
  return plan;
}

/** The KEYS of a request: one key per check. */
export function keysOf(checks: readonly StoreCheck[]): string[] {
  const keys: string[] = [];
  for (const check of checks) keys.push(check.key);
  return keys;
}
