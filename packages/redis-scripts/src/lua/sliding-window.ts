import type { LuaAlgorithm } from './algorithm.js';

/**
 * Sliding-window counter in Lua, mirroring `slidingWindowKernel` of @rl/core line by line (every
 * comparison multiplied by the window, so it stays in exact integers).
 *
 * Rule fields: limit, windowMs. State: a string `s<start> <current> <previous>`. Expires at
 * `start + 2 × window` while the current window has a count, else at `start + window`.
 *
 * Hot path: on the store's clock, a write to the state `load` just read, in the same window and with
 * a count already in it, keeps the key's expiry (`start + 2 × window` before and after) with
 * `SET … KEEPTTL` and reuses the start's text as read. `load` remembers the last key it read (a
 * one-rule call reads then writes the same key; for several rules only the last one qualifies).
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

-- The key, start (number and text) and current count of the last state sw_load read.
local sw_key, sw_start, sw_text, sw_current = nil, nil, nil, 0

local function sw_load(key, _, w, _, now)
  sw_key = nil
  local v = redis.pcall('GET', key)
  if type(v) ~= 'string' then
    return type(v) == 'table'
  end
  local text, c, p = string.match(v, '^s(%-?%d+) (%d+) (%d+)$')
  if not text then
    return true
  end
  local s = tonumber(text)
  c = tonumber(c)
  if sw_expires(s, c, w) <= now then
    return true
  end
  sw_key, sw_start, sw_text, sw_current = key, s, text, c
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
  -- Same state, same window, a count before and after: the expiry stays start + 2w. Counts below 1e14 concatenate exactly.
  if STORE_CLOCK and key == sw_key and start == sw_start and sw_current > 0 and current > 0 and current < 1e14 and previous < 1e14 then
    redis.call('SET', key, 's' .. sw_text .. ' ' .. current .. ' ' .. previous, 'KEEPTTL')
  else
    put(key, string.format('s%.0f %.0f %.0f', start, current, previous), sw_expires(start, current, w), now)
  end
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
