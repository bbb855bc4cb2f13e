import type { LuaAlgorithm } from './algorithm.js';

/**
 * Concurrency leases in Lua, mirroring `concurrencyModel` of @rl/core.
 *
 * Rule fields: limit, leaseMs. State: a sorted set, member = `c<leaseId>`, score = when the lease
 * expires. A lease is live while its expiry is after `now`; the key expires with its last lease.
 * Every read is O(log n): the live count, the earliest expiry and the two latest (the latest other
 * than a renewed lease), never the whole set. A member without the `c` tag (a key written by another
 * algorithm) makes the state read as absent.
 *
 * The loaded state (`s0`) is a table: key, count, top (the two latest leases), earliest. An admitted
 * step passes it on as `n0`, with the cost as `n1` and the lease as `n2`.
 */
export const LUA_CONCURRENCY: LuaAlgorithm = {
  algorithm: 'concurrency',
  prefix: 'cc',
  fields: ['limit', 'leaseMs'],
  helpers: ['fmt', 'expire'],
  source: `
local function cc_pairs(raw)
  local out = {}
  for i = 1, #raw, 2 do
    if string.sub(raw[i], 1, 1) ~= 'c' then
      return nil
    end
    out[#out + 1] = { id = string.sub(raw[i], 2), exp = tonumber(raw[i + 1]) }
  end
  return out
end

local function cc_load(key, _, _, _, now)
  local live = '(' .. fmt(now)
  local top = redis.pcall('ZREVRANGEBYSCORE', key, '+inf', live, 'WITHSCORES', 'LIMIT', 0, 2)
  if top.err or #top == 0 then
    return true
  end
  local first = redis.call('ZRANGEBYSCORE', key, live, '+inf', 'WITHSCORES', 'LIMIT', 0, 1)
  top = cc_pairs(top)
  first = cc_pairs(first)
  if not top or not first then
    return true
  end
  local count = redis.call('ZCOUNT', key, live, '+inf')
  return false, { key = key, count = count, top = top, earliest = first[1].exp }
end

-- Whether lease \`lease\` is live in state st.
local function cc_held(st, lease, now)
  if not st then
    return false
  end
  local score = redis.call('ZSCORE', st.key, 'c' .. lease)
  return score ~= false and tonumber(score) > now
end

-- The latest expiry among the live leases other than \`skip\`, and at least \`from\`.
local function cc_latest(st, from, skip)
  if st then
    for _, l in ipairs(st.top) do
      if l.id ~= skip then
        return math.max(from, l.exp)
      end
    end
  end
  return from
end

local function cc_step(limit, lease_ms, _, st, _, _, cost, lease, now)
  local in_use = 0
  if st then
    in_use = st.count
  end
  local need = 0
  if cost > 0 and not cc_held(st, lease, now) then
    need = 1
  end
  if in_use + need <= limit then
    local reset_at
    if cost > 0 then
      reset_at = math.max(cc_latest(st, now, lease), now + lease_ms)
    else
      reset_at = cc_latest(st, now, nil)
    end
    return 1, limit - (in_use + need), reset_at, 0, st, cost, lease
  end
  local reset_at = cc_latest(st, now, nil)
  local retry = math.max(1, reset_at - now) -- untilWhole
  if st then
    retry = math.max(1, st.earliest - now)
  end
  return 0, math.max(0, limit - in_use), reset_at, retry
end

local function cc_save(key, _, lease_ms, _, st, cost, lease, stale, now)
  if stale then
    redis.call('DEL', key)
  else
    redis.call('ZREMRANGEBYSCORE', key, '-inf', fmt(now))
  end
  local latest
  if cost > 0 then
    redis.call('ZADD', key, fmt(now + lease_ms), 'c' .. lease)
    latest = math.max(cc_latest(st, 0, lease), now + lease_ms)
  else
    latest = cc_latest(st, 0, nil)
  end
  expire(key, latest, now)
end
`,
  refund: `
local function cc_refund(key, limit, lease_ms, _, _, _, now)
  local stale, st = cc_load(key, limit, lease_ms, nil, now)
  if not st and stale then
    redis.call('DEL', key)
  end
end
`,
};

/** Lua defining `cc_release(key, a, b, c, lease, now)`: ends lease `lease`, 1 when it was live (after the source above). */
export const LUA_CC_RELEASE = `
-- Ends lease \`lease\`; 1 when it was live.
local function cc_release(key, limit, lease_ms, _, lease, now)
  local stale, st = cc_load(key, limit, lease_ms, nil, now)
  if not st then
    if stale then
      redis.call('DEL', key)
    end
    return 0
  end
  local released = 0
  if cc_held(st, lease, now) then
    redis.call('ZREM', key, 'c' .. lease)
    released = 1
  end
  redis.call('ZREMRANGEBYSCORE', key, '-inf', fmt(now))
  expire(key, cc_latest(st, 0, lease), now)
  return released
end
`;
