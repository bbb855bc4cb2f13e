import type { LuaAlgorithm } from './algorithm.js';

/**
 * Sliding-window counter in Lua, mirroring `slidingWindowKernel` of @rl/core line by line (every
 * comparison multiplied by the window, so it stays in exact integers).
 *
 * Rule fields: limit, windowMs. State: a string `s<start> <current> <previous>`. Expires at
 * `start + 2 × window` while the current window has a count, else at `start + window`.
 */
export const LUA_SLIDING_WINDOW: LuaAlgorithm = {
  algorithm: 'sliding-window',
  prefix: 'sw',
  fields: ['limit', 'windowMs'],
  helpers: ['put'],
  refundHelpers: ['window_start'],
  source: `
local function sw_expires(start, current, w)
  if current > 0 then
    return start + 2 * w
  end
  return start + w
end

local function sw_load(key, _, w, _, now)
  local v = redis.pcall('GET', key)
  if type(v) ~= 'string' then
    return type(v) == 'table'
  end
  local s, c, p = string.match(v, '^s(%-?%d+) (%d+) (%d+)$')
  if not s then
    return true
  end
  s, c = tonumber(s), tonumber(c)
  if sw_expires(s, c, w) <= now then
    return true
  end
  return false, s, c, tonumber(p)
end

local function sw_step(limit, w, _, s0, s1, s2, cost, _, now)
  local start = now - math.fmod(now, w)
  local current, previous = 0, 0
  if s0 then
    if s0 >= start then
      start = s0
      current = s1
      previous = s2
    elseif s0 == start - w then
      previous = s1
    end
  end
  local elapsed = math.max(0, now - start)
  local used = previous * (w - elapsed) + current * w
  local capacity = limit * w
  if used + cost * w <= capacity then
    local nxt = current + cost
    local reset_at = now
    if nxt > 0 then
      reset_at = start + 2 * w
    elseif previous > 0 then
      reset_at = start + w
    end
    local remaining = math.floor((capacity - used - cost * w) / w)
    return 1, remaining, reset_at, 0, start, nxt, previous
  end
  local reset_at = start + w
  if current > 0 then
    reset_at = start + 2 * w
  end
  local retry
  if cost > limit then
    retry = math.max(1, reset_at - now) -- untilWhole
  elseif current + cost <= limit then
    local lag = math.max(0, start - now)
    retry = lag + w - math.floor(((limit - current - cost) * w) / previous) - elapsed
  else
    local into_next = math.max(0, w - math.floor(((limit - cost) * w) / current))
    retry = start + w - now + into_next
  end
  return 0, math.max(0, math.floor((capacity - used) / w)), reset_at, retry
end

local function sw_save(key, _, w, _, start, current, previous, _, now)
  put(key, string.format('s%.0f %.0f %.0f', start, current, previous), sw_expires(start, current, w), now)
end
`,
  refund: `
local function sw_refund(key, limit, w, _, cost, at, now)
  local stale, start, current, previous = sw_load(key, limit, w, nil, now)
  if not start then
    if stale then
      redis.call('DEL', key)
    end
    return
  end
  local charged = window_start(at, w)
  if start == charged then
    sw_save(key, limit, w, nil, start, math.max(0, current - cost), previous, false, now)
  elseif start == charged + w then
    sw_save(key, limit, w, nil, start, current, math.max(0, previous - cost), false, now)
  end
end
`,
};
