import { LUA_CC_RELEASE, LUA_CONCURRENCY } from '../lua/concurrency.js';
import { buildScript } from '../lua/library.js';

const HEADER = `
@rl release: ends lease LEASE under every rule (concurrency rules only).
KEYS[i]  the state key of rule i (every key shares one hash tag)
ARGV[1]  now in epoch ms, or "" to use Redis TIME
ARGV[2]  expiry slack in ms for caller-clock writes
ARGV[3]  lease id
ARGV[4 ..]  rule after rule: algorithm code (5, concurrency), limit, leaseMs
ARGV[last]  optional call tag, echoed as the last element of the reply
Reply: { now, released } (released is 1 when the lease was live under some rule)
`;

const MAIN = `
local lease = ARGV[3]
local released = 0
local at = 4
for i = 1, #KEYS do
  local a, b, c, nxt = rule(at)
  at = nxt
  if cc_release(KEYS[i], a, b, c, lease, now) == 1 then
    released = 1
  end
end
return { now, released, TAG }
`;

/**
 * Releases lease `leaseId` under every rule given, all concurrency rules (the store sends only
 * those).
 *
 * KEYS: one state key per rule. ARGV: `now` ("" for Redis TIME), expiry slack, `leaseId`, then per rule its
 * algorithm code and fields, and an optional call tag. Reply: `[now, released, tag?]`.
 */
export const RELEASE_SCRIPT = buildScript({
  header: HEADER,
  head: 3,
  algorithm: LUA_CONCURRENCY,
  parts: [],
  extra: LUA_CC_RELEASE,
  main: MAIN,
});
