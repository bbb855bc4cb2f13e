import type { LuaAlgorithm } from './algorithm.js';

/**
 * Token bucket in Lua, mirroring `tokenBucketKernel` of @rl/core line by line (discrete refills of
 * `refill` tokens every `interval`, on a grid that starts when the bucket is first used and restarts
 * whenever it is full, so a full bucket is the same as a missing one).
 *
 * Rule fields: limit, refillRate, intervalMs. State: a string `t<tokens> <refilledAt>`. Expires
 * when the bucket would be full again.
 */
export const LUA_TOKEN_BUCKET: LuaAlgorithm = {
  algorithm: 'token-bucket',
  prefix: 'tb',
  fields: ['limit', 'refillRate', 'intervalMs'],
  helpers: ['put'],
  source: `
-- Whole refill steps since \`at\`; a full bucket accrues nothing, so its grid restarts at now.
-- Returns the tokens and the time of the last refill (no state: a full bucket as of now).
local function tb_refill(limit, refill, interval, tokens, at, now)
  if not tokens then
    return limit, now
  end
  tokens = math.min(limit, tokens)
  local elapsed = now - at
  if elapsed >= interval then
    local steps = math.floor(elapsed / interval)
    tokens = math.min(limit, tokens + steps * refill)
    at = at + steps * interval
  end
  if tokens == limit then
    at = now
  end
  return tokens, at
end

-- When the bucket (tokens, refilled at \`at\`) is full again; \`from\` when it is full already.
local function tb_full_at(limit, refill, interval, tokens, at, from)
  local missing = limit - tokens
  if missing <= 0 then
    return from
  end
  return at + math.ceil(missing / refill) * interval
end

local function tb_load(key, limit, refill, interval, now)
  local v = redis.pcall('GET', key)
  if type(v) ~= 'string' then
    return type(v) == 'table'
  end
  local t, a = string.match(v, '^t(%d+) (%-?%d+)$')
  if not t then
    return true
  end
  t, a = tonumber(t), tonumber(a)
  if tb_full_at(limit, refill, interval, t, a, a) <= now then
    return true
  end
  return false, t, a
end

local function tb_step(limit, refill, interval, s0, s1, _, cost, _, now)
  local tokens, at = tb_refill(limit, refill, interval, s0, s1, now)
  if tokens >= cost then
    local left = tokens - cost
    return 1, left, tb_full_at(limit, refill, interval, left, at, now), 0, left, at
  end
  local reset_at = tb_full_at(limit, refill, interval, tokens, at, now)
  local retry
  if cost > limit then
    retry = math.max(1, reset_at - now) -- untilWhole
  else
    retry = math.max(1, at + math.ceil((cost - tokens) / refill) * interval - now)
  end
  return 0, math.max(0, tokens), reset_at, retry
end

local function tb_save(key, limit, refill, interval, tokens, at, _, _, now)
  put(key, string.format('t%.0f %.0f', tokens, at), tb_full_at(limit, refill, interval, tokens, at, at), now)
end
`,
  refund: `
local function tb_refund(key, limit, refill, interval, cost, _, now)
  local stale, s0, s1 = tb_load(key, limit, refill, interval, now)
  if not s0 then
    if stale then
      redis.call('DEL', key)
    end
    return
  end
  local tokens, at = tb_refill(limit, refill, interval, s0, s1, now)
  tokens = math.min(limit, tokens + cost)
  if tokens == limit then
    at = now
  end
  tb_save(key, limit, refill, interval, tokens, at, nil, false, now)
end
`,
};
