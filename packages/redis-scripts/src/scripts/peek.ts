import type { LuaAlgorithm } from '../lua/algorithm.js';
import { buildScript } from '../lua/library.js';

const header = (algorithm: LuaAlgorithm | undefined) => `
@rl peek${algorithm ? ` (${algorithm.algorithm} rules only)` : ''}: what a call of cost 1 would get, writing nothing.
KEYS[i]  the state key of rule i (every key shares one hash tag)
ARGV[1]  now in epoch ms, or "" to use Redis TIME
ARGV[2]  expiry slack (unused: peek writes nothing; kept so every script starts alike)
ARGV[3 ..]  rule after rule: algorithm code, then its fields (${algorithm ? algorithm.fields.join(', ') : 'see encode.ts'})
ARGV[last]  optional call tag, echoed as the last element of the reply
Reply: { now, allowed, then per rule: allowed, remaining, resetAt, retryAfterMs } (0/1 flags)
allowed and retryAfterMs come from a cost-1 probe, remaining and resetAt from cost 0.
`;

const MAIN = `
local n = #KEYS
local reply = { now, 1 }
local at = 3
for i = 1, n do
  local a, b, c, nxt = rule(at)
  at = nxt
  local _, s0, s1, s2 = load(KEYS[i], a, b, c, now)
  local ok, _, _, retry = step(a, b, c, s0, s1, s2, 1, '', now)
  local _, remaining, reset_at = step(a, b, c, s0, s1, s2, 0, '', now)
  if ok == 0 then
    reply[2] = 0
  end
  reply[4 * i - 1], reply[4 * i], reply[4 * i + 1], reply[4 * i + 2] = ok, remaining, reset_at, retry
end
reply[4 * n + 3] = TAG
return reply
`;

/**
 * The peek script: per rule of one identifier, whether a call of cost 1 would be admitted and its
 * wait, with the remaining quota and reset time as they stand; writes nothing. With `algorithm`, a
 * variant for rules of that algorithm only; without, the script for any mix.
 *
 * KEYS: one state key per rule. ARGV: `now` ("" for Redis TIME), expiry slack, then per rule its
 * algorithm code and fields. An optional last ARGV, the call tag, is echoed as the last element of the reply.
 * Reply: `[now, allowed, ...per rule: allowed, remaining, resetAt, retryAfterMs, tag?]`.
 */
export function peekScript(algorithm: LuaAlgorithm | undefined): string {
  return buildScript({ header: header(algorithm), head: 2, algorithm, parts: ['load', 'step'], main: MAIN });
}
