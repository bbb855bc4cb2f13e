/**
 * Lua every script starts with, and the small helpers the algorithms pick from (a script defines
 * only the helpers its algorithms use: every function a script defines is a closure Redis creates
 * on every call).
 *
 * Expiry is garbage collection only: a state is deleted as soon as it can no longer change a
 * decision (`expiresAt <= now`), read as absent once expired, and otherwise written with a PX of
 * `expiresAt - now` (plus the caller-clock slack).
 *
 * Numbers: Redis Lua numbers are doubles, like JavaScript's, and every value the models compute is a
 * safe integer, so mirroring each expression in the same order gives the same bits. `%` is written
 * `math.fmod` (C fmod, the same as JavaScript's `%`), and numbers are written with `%.0f` because
 * `tostring()` would write `1.7e+12`.
 */
export const LUA_PRELUDE = `
-- Extra expiry time for states written on a caller's clock (ARGV 2), so callers whose clocks lag
-- the writer's (or a virtual test clock that stands still) never see a key vanish early.
local SLACK = 0

-- True when \`now\` is Redis's own clock (TIME): a state rewritten within its window may then keep the
-- expiry it was given (SET KEEPTTL), which is where PX would put it again.
local STORE_CLOCK = false

-- ARGV may end with one more field, the call's tag, which the reply then ends with: a client that
-- pipelines many calls on one connection checks it, so a reply can never be taken for another call's.
local TAG = nil
`;

/** Lua raising the scripts' error (`ERR rl script: ...`, read as RL_SCRIPT_ERROR) with the message expression `message`. */
export function luaFail(message: string): string {
  const text = message.startsWith("'") ? `'ERR rl script: ${message.slice(1)}` : `'ERR rl script: ' .. ${message}`;
  return `error({ err = ${text} })`;
}

/** Lua that sets `now`: ARGV 1, or "" for the store's clock: Redis TIME as epoch ms (sec * 1000 + floor(usec / 1000)). */
export const LUA_CLOCK = `
local now
if ARGV[1] ~= '' then
  SLACK = tonumber(ARGV[2]) or 0
  now = tonumber(ARGV[1])
else
  if redis.replicate_commands then
    redis.replicate_commands()
  end
  local t = redis.call('TIME')
  now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
  STORE_CLOCK = true
end
`;

const HELPERS = {
  fmt: `
local function fmt(n)
  return string.format('%.0f', n)
end
`,
  window_start: `
local function window_start(now, w)
  return now - math.fmod(now, w)
end
`,
  // A sorted-set state: delete it once it stops mattering, else set its expiry.
  expire: `
local function expire(key, expires_at, now)
  if expires_at <= now then
    redis.call('DEL', key)
  else
    redis.call('PEXPIRE', key, string.format('%.0f', expires_at - now + SLACK))
  end
end
`,
  // A string state: written with its expiry in one SET, or deleted when it no longer matters.
  put: `
local function put(key, value, expires_at, now)
  if expires_at <= now then
    redis.call('DEL', key)
  else
    redis.call('SET', key, value, 'PX', string.format('%.0f', expires_at - now + SLACK))
  end
end
`,
} as const;

/** A helper an algorithm may call. */
export type LuaHelper = keyof typeof HELPERS;

/** The helpers among `needed`, in one fixed order (so a script's text, and its SHA1, never depend on the order asked). */
export function luaHelpers(needed: ReadonlySet<LuaHelper>): string {
  return (Object.keys(HELPERS) as LuaHelper[])
    .filter((name) => needed.has(name))
    .map((name) => HELPERS[name])
    .join('');
}
