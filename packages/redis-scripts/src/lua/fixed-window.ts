import type { LuaAlgorithm } from './algorithm.js';

/**
 * Fixed window in Lua, mirroring `fixedWindowKernel` of @rl/core line by line.
 *
 * Rule fields: limit, windowMs. State: a string `f<start> <count>` (the leading `f` tags the
 * algorithm, so a key written by another algorithm reads as absent). Expires at `start + window`.
 */
export const LUA_FIXED_WINDOW: LuaAlgorithm = {
  algorithm: 'fixed-window',
  prefix: 'fw',
  fields: ['limit', 'windowMs'],
  helpers: ['put'],
  refundHelpers: ['window_start'],
  source: `
local function fw_load(key, _, w, _, now)
  local v = redis.pcall('GET', key)
  if type(v) ~= 'string' then
    return type(v) == 'table'
  end
  local s, c = string.match(v, '^f(%-?%d+) (%d+)$')
  if not s then
    return true
  end
  s = tonumber(s)
  if s + w <= now then
    return true
  end
  return false, s, tonumber(c)
end

local function fw_step(limit, w, _, s0, s1, _, cost, _, now)
  local start = now - math.fmod(now, w)
  local count = 0
  if s0 and s0 >= start then
    start = s0
    count = s1
  end
  local reset_at = start + w
  if count + cost <= limit then
    local used = count + cost
    if used == 0 then
      return 1, limit, now, 0, start, used
    end
    return 1, limit - used, reset_at, 0, start, used
  end
  local retry = reset_at - now
  if cost > limit then
    retry = math.max(1, reset_at - now) -- untilWhole
  end
  return 0, math.max(0, limit - count), reset_at, retry
end

local function fw_save(key, _, w, _, start, count, _, _, now)
  put(key, string.format('f%.0f %.0f', start, count), start + w, now)
end
`,
  refund: `
local function fw_refund(key, limit, w, _, cost, at, now)
  local stale, start, count = fw_load(key, limit, w, nil, now)
  if not start then
    if stale then
      redis.call('DEL', key)
    end
    return
  end
  if start ~= window_start(at, w) then
    return
  end
  fw_save(key, limit, w, nil, start, math.max(0, count - cost), nil, false, now)
end
`,
};
