import type { LuaAlgorithm } from './algorithm.js';

/**
 * GCRA in Lua, mirroring `gcraKernel` of @rl/core line by line: time in units of 1/limit ms, so the
 * emission interval is exactly `window` units and nothing is rounded.
 *
 * Rule fields: limit, windowMs. State: a string `g<tat> <frac>` (the theoretical arrival time
 * `tat + frac / limit`). Expires at `tat` (or `tat + 1` while `frac > 0`).
 */
export const LUA_GCRA: LuaAlgorithm = {
  algorithm: 'gcra',
  prefix: 'gc',
  fields: ['limit', 'windowMs'],
  helpers: ['put'],
  source: `
local function gc_expires(tat, frac)
  if frac > 0 then
    return tat + 1
  end
  return tat
end

local function gc_load(key, _, _, _, now)
  local v = redis.pcall('GET', key)
  if type(v) ~= 'string' then
    return type(v) == 'table'
  end
  local t, f = string.match(v, '^g(%-?%d+) (%d+)$')
  if not t then
    return true
  end
  t, f = tonumber(t), tonumber(f)
  if gc_expires(t, f) <= now then
    return true
  end
  return false, t, f
end

local function gc_step(limit, w, _, s0, s1, _, cost, _, now)
  local capacity = w * limit
  local tat, frac = now, 0
  if s0 and (s0 > now or (s0 == now and s1 > 0)) then
    tat = s0
    frac = s1
  end
  local backlog = (tat - now) * limit + frac
  local add = cost * w
  if backlog + add <= capacity then
    local total = frac + add
    local after = backlog + add
    local remaining = math.floor((capacity - after) / w)
    return 1, remaining, now + math.ceil(after / limit), 0, tat + math.floor(total / limit), math.fmod(total, limit)
  end
  local reset_at = now + math.ceil(backlog / limit)
  local retry
  if cost > limit then
    retry = math.max(1, reset_at - now) -- untilWhole
  else
    retry = math.ceil((backlog + add - capacity) / limit)
  end
  return 0, math.max(0, math.floor((capacity - backlog) / w)), reset_at, retry
end

local function gc_save(key, _, _, _, tat, frac, _, _, now)
  put(key, string.format('g%.0f %.0f', tat, frac), gc_expires(tat, frac), now)
end
`,
  refund: `
local function gc_refund(key, limit, w, _, cost, _, now)
  local stale, tat, frac = gc_load(key, limit, w, nil, now)
  if not tat then
    if stale then
      redis.call('DEL', key)
    end
    return
  end
  local backlog = (tat - now) * limit + frac - cost * w
  if backlog <= 0 then
    redis.call('DEL', key)
    return
  end
  gc_save(key, limit, w, nil, now + math.floor(backlog / limit), math.fmod(backlog, limit), nil, false, now)
end
`,
};
