import type { LuaAlgorithm } from './algorithm.js';

/**
 * Sliding log in Lua, mirroring `slidingLogModel` of @rl/core.
 *
 * Rule fields: limit, windowMs. State: a sorted set. One member per admitted call with a cost > 0:
 * score = the time of the call, member `l<n>:<cost>` (`n` unique in the set, so calls at the same
 * millisecond stay distinct; the cost kept per entry). Plus one bookkeeping member at score -inf,
 * `#<total>:<top>`: the total cost of every entry stored and the largest `n`, so no call has to read
 * the whole log — a call reads the newest live entry, the entries that expired since the last write,
 * and on a denial only as many of the oldest live entries as must expire to make room. Entries are
 * live while `at + window > now`; the key expires with its newest entry. Members of another shape (a
 * key written by another algorithm) make the state read as absent.
 *
 * The loaded state (`s0`) is a table: key, edge (`now - window` as text), meta (the bookkeeping
 * member), total and used (the live cost), top, newest. An admitted step passes it on as `n0`, with
 * the cost as `n1`.
 */
export const LUA_SLIDING_LOG: LuaAlgorithm = {
  algorithm: 'sliding-log',
  prefix: 'sl',
  fields: ['limit', 'windowMs'],
  helpers: ['fmt', 'expire'],
  source: `
local function sl_cost(member)
  local c = string.match(member, '^l%d+:(%d+)$')
  return c and tonumber(c)
end

local function sl_load(key, _, w, _, now)
  local edge = fmt(now - w)
  local newest = redis.pcall('ZREVRANGEBYSCORE', key, '+inf', '(' .. edge, 'WITHSCORES', 'LIMIT', 0, 1)
  if newest.err or #newest == 0 or not sl_cost(newest[1]) then
    return true
  end
  local meta = redis.call('ZRANGEBYSCORE', key, '-inf', '-inf', 'LIMIT', 0, 1)
  local total, top = string.match(meta[1] or '', '^#(%d+):(%d+)$')
  if not total then
    return true
  end
  local gone = 0
  for _, member in ipairs(redis.call('ZRANGEBYSCORE', key, '(-inf', edge)) do
    local c = sl_cost(member)
    if not c then
      return true
    end
    gone = gone + c
  end
  total = tonumber(total)
  return false, {
    key = key,
    edge = edge,
    meta = meta[1],
    total = total - gone,
    used = total - gone,
    top = tonumber(top),
    newest = tonumber(newest[2]),
  }
end

local function sl_step(limit, w, _, st, _, _, cost, _, now)
  local used, last = 0, now
  if st then
    used = st.used
    last = math.max(now, st.newest + w)
  end
  if used + cost <= limit then
    local reset_at = last
    if cost > 0 then
      reset_at = math.max(reset_at, now + w)
    end
    return 1, limit - used - cost, reset_at, 0, st, cost
  end
  local retry = math.max(1, last - now) -- untilWhole
  if st and cost <= limit then
    local must_free = used + cost - limit
    local oldest = redis.call('ZRANGEBYSCORE', st.key, '(' .. st.edge, '+inf', 'WITHSCORES', 'LIMIT', 0, must_free)
    local freed = 0
    for i = 1, #oldest, 2 do
      freed = freed + (sl_cost(oldest[i]) or 0)
      if freed >= must_free then
        retry = tonumber(oldest[i + 1]) + w - now
        break
      end
    end
  end
  return 0, math.max(0, limit - used), last, retry
end

-- Drops the expired entries and the old bookkeeping member; returns the total and top that remain.
local function sl_trim(key, st, stale)
  if stale or not st then
    redis.call('DEL', key)
    return 0, 0
  end
  redis.call('ZREMRANGEBYSCORE', key, '(-inf', st.edge)
  redis.call('ZREM', key, st.meta)
  return st.total, st.top
end

local function sl_finish(key, total, top, latest, now)
  if total > 0 then
    redis.call('ZADD', key, '-inf', '#' .. fmt(total) .. ':' .. fmt(top))
  end
  expire(key, latest, now)
end

local function sl_save(key, _, w, _, st, cost, _, stale, now)
  local total, top = sl_trim(key, st, stale)
  local latest = 0
  if st then
    latest = st.newest + w
  end
  if cost > 0 then
    top = top + 1
    total = total + cost
    redis.call('ZADD', key, fmt(now), 'l' .. fmt(top) .. ':' .. fmt(cost))
    latest = math.max(latest, now + w)
  end
  sl_finish(key, total, top, latest, now)
end
`,
  refund: `
local function sl_refund(key, limit, w, _, cost, at, now)
  local stale, st = sl_load(key, limit, w, nil, now)
  if not st then
    if stale then
      redis.call('DEL', key)
    end
    return
  end
  local total, top = sl_trim(key, st, false)
  for _, member in ipairs(redis.call('ZRANGEBYSCORE', key, fmt(at), fmt(at))) do
    if sl_cost(member) == cost then
      redis.call('ZREM', key, member)
      total = total - cost
      break
    end
  end
  local latest = 0
  local newest = redis.call('ZREVRANGEBYSCORE', key, '+inf', '(' .. st.edge, 'WITHSCORES', 'LIMIT', 0, 1)
  if #newest > 0 then
    latest = tonumber(newest[2]) + w
  end
  sl_finish(key, total, top, latest, now)
end
`,
};
