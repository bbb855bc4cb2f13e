import { buildScript } from '../lua/library.js';

const HEADER = `
@rl refund: gives back COST units charged at CONSUMED_AT under every rule.
KEYS[i]  the state key of rule i (every key shares one hash tag)
ARGV[1]  now in epoch ms, or "" to use Redis TIME
ARGV[2]  expiry slack in ms for caller-clock writes
ARGV[3]  cost, a whole number >= 0
ARGV[4]  consumedAt: the now of the consume being refunded
ARGV[5 ..]  rule after rule: algorithm code, then its fields (see encode.ts)
ARGV[last]  optional call tag, echoed as the last element of the reply
Reply: { now }
`;

const MAIN = `
local cost = tonumber(ARGV[3])
local consumed_at = tonumber(ARGV[4])
local at = 5
for i = 1, #KEYS do
  local a, b, c, nxt = rule(at)
  at = nxt
  refund(KEYS[i], a, b, c, cost, consumed_at, now)
end
return { now, TAG }
`;

/**
 * Refunds `cost` units charged at `consumedAt` under every rule (concurrency rules are unchanged:
 * leases end with release).
 *
 * KEYS: one state key per rule. ARGV: `now` ("" for Redis TIME), expiry slack, `cost`, `consumedAt`, then per rule
 * its algorithm code and fields, and an optional call tag. Reply: `[now, tag?]`.
 */
export const REFUND_SCRIPT = buildScript({
  header: HEADER,
  head: 4,
  algorithm: undefined,
  parts: ['refund'],
  main: MAIN,
});
