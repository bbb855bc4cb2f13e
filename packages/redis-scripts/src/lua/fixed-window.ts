import type { LuaAlgorithm } from './algorithm.js';

/**
 * Fixed window in Lua, mirroring `fixedWindowKernel` of @rl/core line by line.
 *
 * Rule fields: limit, windowMs. State: a string `f<start> <count>` (the leading `f` tags the
 * algorithm, so a key written by another algorithm reads as absent). Expires at `start + window`.
 *
 * The hot path (a call within the stored window, on the store's clock) rewrites the state from the
 * start's text as read and keeps the key's expiry (`SET ... KEEPTTL`): no number formatting and no
 * expiry to compute, about 1 µs less Redis time per check than `SET ... PX`, same stored bytes.
 * `load` passes the start's text on as a fourth value and `step` hands it to `save` as `n2` only
 * when the call continues the stored window (the free third state slot; the sliding window, whose
 * three slots are taken, remembers the last state read instead — measured 0.6 µs slower here).
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
  local start = tonumber(s)
  if start + w <= now then
    return true
  end
  return false, start, tonumber(c), s
end

local function fw_step(limit, w, _, s0, s1, s2, cost, _, now)
  local start = now - math.fmod(now, w)
  local count = 0
  if s0 and s0 >= start then
    start = s0
    count = s1
  end
  local reset_at = start + w
  if count + cost <= limit then
    local used = count + cost
    local text = nil
    if s0 == start then
      text = s2
    end
    if used == 0 then
      return 1, limit, now, 0, start, used, text
    end
    return 1, limit - used, reset_at, 0, start, used, text
  end
  local retry = reset_at - now
  if cost > limit then
    retry = math.max(1, reset_at - now) -- untilWhole
  end
  return 0, math.max(0, limit - count), reset_at, retry
end

local function fw_save(key, _, w, _, start, count, text, _, now)
  -- Same window, store clock: the expiry stays \`start + w\`. Counts below 1e14 concatenate exactly.
  if text and STORE_CLOCK and count < 1e14 then
    redis.call('SET', key, 'f' .. text .. ' ' .. count, 'KEEPTTL')
  else
    put(key, string.format('f%.0f %.0f', start, count), start + w, now)
  end
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
