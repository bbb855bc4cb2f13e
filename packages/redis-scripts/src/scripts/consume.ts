import type { LuaAlgorithm } from '../lua/algorithm.js';
import { buildScript } from '../lua/library.js';

const header = (algorithm: LuaAlgorithm | undefined) => `
@rl consume${algorithm ? ` (${algorithm.algorithm} rules only)` : ''}: charges COST against every rule, all or nothing, reject before write.
KEYS[i]  the state key of rule i (every key shares one hash tag)
ARGV[1]  now in epoch ms, or "" to use Redis TIME
ARGV[2]  expiry slack in ms for caller-clock writes
ARGV[3]  cost, a whole number >= 0
ARGV[4]  lease id taken by concurrency rules ("" when none)
ARGV[5 ..]  rule after rule: algorithm code, then its fields (${algorithm ? algorithm.fields.join(', ') : 'see encode.ts'})
ARGV[last]  optional call tag, echoed as the last element of the reply
Reply: { now, allowed, then per rule: allowed, remaining, resetAt, retryAfterMs } (0/1 flags)
When a rule denies, nothing is written and every rule that allowed reports its cost-0 result.
`;

/** One rule (the common case): no table but the reply. */
const ONE_RULE = `
local cost = tonumber(ARGV[3])
local lease = ARGV[4]
local n = #KEYS
if n == 1 then
  local key = KEYS[1]
  local a, b, c = rule(5)
  local stale, s0, s1, s2 = load(key, a, b, c, now)
  local ok, remaining, reset_at, retry, n0, n1, n2 = step(a, b, c, s0, s1, s2, cost, lease, now)
  if ok == 1 then
    save(key, a, b, c, n0, n1, n2, stale, now)
  elseif stale then
    redis.call('DEL', key)
  end
  return { now, ok, ok, remaining, reset_at, retry, TAG }
end
`;

/**
 * Several rules: every rule is evaluated first, keeping (12 values per rule, in one table) where its
 * fields are, whether its key is stale, its state, its result and its next state; then either every
 * rule saves, or rules that allowed report their cost-0 result and stale keys are deleted.
 */
const RULES = `
local kept = {}
local allowed = 1
local at = 5
for i = 1, n do
  local a, b, c, nxt = rule(at)
  local stale, s0, s1, s2 = load(KEYS[i], a, b, c, now)
  local ok, remaining, reset_at, retry, n0, n1, n2 = step(a, b, c, s0, s1, s2, cost, lease, now)
  if ok == 0 then
    allowed = 0
  end
  local k = 12 * (i - 1)
  kept[k + 1], kept[k + 2], kept[k + 3], kept[k + 4], kept[k + 5], kept[k + 6] = at, stale, s0, s1, s2, ok
  kept[k + 7], kept[k + 8], kept[k + 9], kept[k + 10], kept[k + 11], kept[k + 12] = remaining, reset_at, retry, n0, n1, n2
  at = nxt
end
local reply = { now, allowed }
for i = 1, n do
  local k = 12 * (i - 1)
  local a, b, c = rule(kept[k + 1])
  local ok, remaining, reset_at, retry = kept[k + 6], kept[k + 7], kept[k + 8], kept[k + 9]
  if allowed == 1 then
    save(KEYS[i], a, b, c, kept[k + 10], kept[k + 11], kept[k + 12], kept[k + 2], now)
  else
    if ok == 1 then
      ok, remaining, reset_at, retry = step(a, b, c, kept[k + 3], kept[k + 4], kept[k + 5], 0, '', now)
    end
    if kept[k + 2] then
      redis.call('DEL', KEYS[i])
    end
  end
  reply[4 * i - 1], reply[4 * i], reply[4 * i + 1], reply[4 * i + 2] = ok, remaining, reset_at, retry
end
reply[4 * n + 3] = TAG
return reply
`;

/**
 * The consume script: consumes `cost` units under every rule of one identifier, atomically: every
 * rule is evaluated first; only when all allow is any state written. Expired or foreign-shaped states
 * read as absent (and are deleted). With `algorithm`, a variant that holds only that algorithm's code
 * and takes only its rules (the common case: every rule of a limiter has one algorithm); without, the
 * script for any mix.
 *
 * KEYS: one state key per rule. ARGV: `now` ("" for Redis TIME), expiry slack, `cost`, `leaseId`,
 * then per rule its algorithm code and fields (`encodeCall`). An optional last ARGV, the call tag, is
 * echoed as the last element of the reply.
 * Reply: `[now, allowed, ...per rule: allowed, remaining, resetAt, retryAfterMs, tag?]`.
 */
export function consumeScript(algorithm: LuaAlgorithm | undefined): string {
  return buildScript({
    header: header(algorithm),
    head: 4,
    algorithm,
    parts: ['load', 'step', 'save'],
    main: ONE_RULE + RULES,
  });
}
