import type { Algorithm, Rule } from '@rl/core';
import type { LuaHelper } from './common.js';

/** The numeric fields of a rule that go to the scripts (the ARGV of one rule, after its algorithm code). */
export type RuleField = 'limit' | 'windowMs' | 'refillRate' | 'intervalMs' | 'leaseMs';

/**
 * One algorithm in Lua, as local functions named `<prefix>_<part>` that pass everything as arguments
 * and results (no tables on the hot path), in the same shape for every algorithm so one main part
 * drives any of them:
 *
 * - `X_rule(i)` → `a, b, c, next`: the rule's fields read from `ARGV[i..]` (`fields`, in order; `c`
 *   is nil for two-field algorithms) and the index after them (generated, see {@link ruleReader}).
 * - `X_load(key, a, b, c, now)` → `stale, s0, s1, s2`: the state, `s0 == nil` when there is none;
 *   `stale` when the key exists but holds no live state of this algorithm (delete it on write).
 * - `X_step(a, b, c, s0, s1, s2, cost, lease, now)` → `ok, remaining, resetAt, retryAfterMs, n0, n1, n2`:
 *   the model's transition (`ok` 1 or 0); when admitted, `n0..n2` is the state to save.
 * - `X_save(key, a, b, c, n0, n1, n2, stale, now)`: writes that state with its expiry.
 * - `X_refund(key, a, b, c, cost, consumedAt, now)`: the model's refund (in `refund` only).
 */
export interface LuaAlgorithm {
  readonly algorithm: Algorithm;
  /** The prefix of its Lua functions (`fw` → `fw_load`...). */
  readonly prefix: string;
  /** The rule fields a call sends for it, in ARGV order. */
  readonly fields: readonly RuleField[];
  /** The helpers of common.ts `source` calls. */
  readonly helpers: readonly LuaHelper[];
  /** The further helpers `refund` calls. */
  readonly refundHelpers?: readonly LuaHelper[];
  /** Lua defining `X_load`, `X_step`, `X_save` and whatever they call. */
  readonly source: string;
  /** Lua defining `X_refund` (appended after `source`). */
  readonly refund: string;
}

/** The Lua expressions that read the algorithm's fields from `ARGV[i + first ..]`, padded with nil to three. */
export function fieldReads(lua: LuaAlgorithm, first: number): string {
  const values = lua.fields.map((_, k) => `tonumber(ARGV[i${k + first === 0 ? '' : ` + ${k + first}`}])`);
  while (values.length < 3) values.push('nil');
  return values.join(', ');
}

/** Lua for `X_rule(i)`: the algorithm's fields as numbers, then the index of the next rule's code. */
export function ruleReader(lua: LuaAlgorithm): string {
  return `
local function ${lua.prefix}_rule(i)
  return ${fieldReads(lua, 0)}, i + ${lua.fields.length}
end
`;
}

/** The ARGV of one rule: its algorithm code (the index in `ALGORITHMS` of @rl/core), then its fields. */
export function encodeRule(lua: LuaAlgorithm, code: number, rule: Rule): string[] {
  const args = [String(code)];
  for (const field of lua.fields) args.push(String(rule[field]));
  return args;
}
