/**
 * Calls and microseconds per command from `INFO commandstats`
 * (`cmdstat_evalsha:calls=12,usec=340,...` → `{ evalsha: { calls: 12, usec: 340 } }`).
 */
export function parseCommandstats(info) {
  const stats = {};
  for (const match of info.matchAll(/^cmdstat_([^:]+):calls=(\d+),usec=(\d+)/gm)) {
    stats[match[1]] = { calls: Number(match[2]), usec: Number(match[3]) };
  }
  return stats;
}

/** The commands a script call runs under: their `usec` in commandstats covers the whole script. */
export const SCRIPT_COMMANDS = ['evalsha', 'eval', 'evalsha_ro', 'eval_ro', 'fcall', 'fcall_ro'];

/**
 * Counts the commands Redis executed between `start()` and `stop()` — including those run inside
 * scripts — through `info()` (which resolves the text of `INFO commandstats`, e.g.
 * `() => redis.info('commandstats')`). The commands in `ignore` (the measurement's own, by
 * default `info`) are left out. `stop()` resolves `{ total, byCommand, scriptMicros }`, the last
 * being the Redis time spent in script calls (EVAL, EVALSHA, FCALL...), their inner commands included.
 */
export function commandCounter(info, ignore = ['info']) {
  let before;
  return {
    async start() {
      before = parseCommandstats(await info());
    },
    async stop() {
      const after = parseCommandstats(await info());
      const byCommand = {};
      let total = 0;
      let scriptMicros = 0;
      for (const [name, { calls, usec }] of Object.entries(after)) {
        const delta = calls - (before[name]?.calls ?? 0);
        if (ignore.includes(name) || delta === 0) continue;
        byCommand[name] = delta;
        total += delta;
        if (SCRIPT_COMMANDS.includes(name)) scriptMicros += usec - (before[name]?.usec ?? 0);
      }
      return { total, byCommand, scriptMicros };
    },
  };
}
