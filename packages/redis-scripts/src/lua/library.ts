import { ALGORITHMS, type Algorithm } from '@rl/core';
import { fieldReads, type LuaAlgorithm, ruleReader } from './algorithm.js';
import { LUA_CLOCK, LUA_PRELUDE, type LuaHelper, luaFail, luaHelpers } from './common.js';
import { LUA_CONCURRENCY } from './concurrency.js';
import { LUA_FIXED_WINDOW } from './fixed-window.js';
import { LUA_GCRA } from './gcra.js';
import { LUA_SLIDING_LOG } from './sliding-log.js';
import { LUA_SLIDING_WINDOW } from './sliding-window.js';
import { LUA_TOKEN_BUCKET } from './token-bucket.js';

const BY_NAME: Readonly<Record<Algorithm, LuaAlgorithm>> = {
  'fixed-window': LUA_FIXED_WINDOW,
  'sliding-window': LUA_SLIDING_WINDOW,
  'sliding-log': LUA_SLIDING_LOG,
  'token-bucket': LUA_TOKEN_BUCKET,
  gcra: LUA_GCRA,
  concurrency: LUA_CONCURRENCY,
};

/** Every algorithm's Lua, indexed by its wire code (its index in `ALGORITHMS` of @rl/core). */
export const LUA_ALGORITHMS: readonly LuaAlgorithm[] = ALGORITHMS.map((algorithm) => BY_NAME[algorithm]);

/** The functions of an algorithm a script's main part calls through `rule(i)`. */
export type LuaPart = 'load' | 'step' | 'save' | 'refund';

/** What a script is made of; see {@link buildScript}. */
export interface ScriptPlan {
  /** The header comment (KEYS, ARGV, reply), one `-- ` line each. */
  header: string;
  /** How many ARGV come before the first rule. */
  head: number;
  /** The one algorithm of a specialised script, or undefined for the script that takes any mix. */
  algorithm: LuaAlgorithm | undefined;
  /** The functions `rule(i)` makes callable as `load`, `step`, `save`, `refund`. */
  parts: readonly LuaPart[];
  /** Lua appended after the algorithms (before the main part). */
  extra?: string;
  /** The main part: runs with `now` set, TAG read, and `rule(i)` → `a, b, c, next` defined. */
  main: string;
}

function comment(header: string): string {
  return header
    .trim()
    .split('\n')
    .map((line) => `-- ${line}`.trimEnd())
    .join('\n');
}

function code(algorithm: LuaAlgorithm): number {
  return LUA_ALGORITHMS.indexOf(algorithm);
}

/** Lua checking the argument count (one per rule field, plus each rule's code) and reading the optional tag. */
function argc(plan: ScriptPlan): string {
  const check = `
if #ARGV == argn + 1 then
  -- Echoed as a number when it is one (call tags are): an integer reply is cheaper to encode and parse than a string.
  TAG = tonumber(ARGV[#ARGV]) or ARGV[#ARGV]
elseif #ARGV ~= argn then
  ${luaFail("'expected ' .. argn .. ' arguments (' .. (argn + 1) .. ' with a tag), got ' .. #ARGV")}
end
`;
  if (plan.algorithm !== undefined)
    return `\nlocal argn = ${plan.head} + ${1 + plan.algorithm.fields.length} * #KEYS${check}`;
  const fields = LUA_ALGORITHMS.map((lua) => lua.fields.length);
  return `
local FIELDS = { [0] = ${fields.join(', ')} }
local argn = ${plan.head}
for _ = 1, #KEYS do
  local code = ARGV[argn + 1]
  if code == nil then
    break
  end
  local f = FIELDS[tonumber(code)]
  if not f then
    ${luaFail("'unknown algorithm code ' .. code")}
  end
  argn = argn + 1 + f
end${check}`;
}

/** Lua defining `rule(i)` and the part functions it selects, for one algorithm or for any. */
function dispatch(plan: ScriptPlan): string {
  const names = plan.parts.join(', ');
  const { algorithm } = plan;
  if (algorithm !== undefined) {
    const p = algorithm.prefix;
    const bound = names === '' ? '' : `\nlocal ${names} = ${plan.parts.map((part) => `${p}_${part}`).join(', ')}`;
    return `${bound}
local function rule(i)
  if ARGV[i] ~= '${code(algorithm)}' then
    ${luaFail(`'this script takes ${algorithm.algorithm} rules (code ${code(algorithm)}), got code ' .. tostring(ARGV[i])`)}
  end
  return ${fieldReads(algorithm, 1)}, i + ${1 + algorithm.fields.length}
end
`;
  }
  const entries = LUA_ALGORITHMS.map(
    (lua, k) =>
      `  ${k === 0 ? '[0] = ' : ''}{ ${[`${lua.prefix}_rule`, ...plan.parts.map((part) => `${lua.prefix}_${part}`)].join(', ')} },`,
  );
  return `
local MODS = {
${entries.join('\n')}
}
local ${names}
local function rule(i)
  local m = MODS[tonumber(ARGV[i])]
  if not m then
    ${luaFail("'unknown algorithm code ' .. tostring(ARGV[i])")}
  end
  ${names} = ${plan.parts.map((_, k) => `m[${k + 2}]`).join(', ')}
  return m[1](i + 1)
end
`;
}

/**
 * Builds a script: its header comment, the prelude, the helpers and algorithms it needs (only
 * those: every function a script defines costs a closure on every call), `rule(i)`, the argument
 * check, the clock, then its main part.
 */
export function buildScript(plan: ScriptPlan): string {
  const algorithms = plan.algorithm === undefined ? LUA_ALGORITHMS : [plan.algorithm];
  const refund = plan.parts.includes('refund');
  const helpers = new Set<LuaHelper>(
    algorithms.flatMap((lua) => [...lua.helpers, ...(refund ? (lua.refundHelpers ?? []) : [])]),
  );
  // A specialised script reads its rules in \`rule(i)\` itself; the generic one dispatches to each X_rule.
  const reader = (lua: LuaAlgorithm) => (plan.algorithm === undefined ? ruleReader(lua) : '');
  const modules = algorithms.map((lua) => `${reader(lua)}${lua.source}${refund ? lua.refund : ''}`);
  return [
    comment(plan.header),
    '\n',
    LUA_PRELUDE,
    luaHelpers(helpers),
    ...modules,
    plan.extra ?? '',
    dispatch(plan),
    argc(plan),
    LUA_CLOCK,
    plan.main,
  ].join('');
}
