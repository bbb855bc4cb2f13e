import type { Redis } from 'ioredis';
import { ALL_SCRIPTS } from '../../src/index.js';

/** Calls per command since the last `CONFIG RESETSTAT`, from `INFO commandstats`. */
export async function commandCalls(redis: Redis): Promise<Record<string, { calls: number; failed: number }>> {
  const info = await redis.info('commandstats');
  const stats: Record<string, { calls: number; failed: number }> = {};
  for (const match of info.matchAll(/^cmdstat_([^:]+):calls=(\d+).*?failed_calls=(\d+)/gm)) {
    stats[match[1] as string] = { calls: Number(match[2]), failed: Number(match[3]) };
  }
  return stats;
}

/** Commands the scripts run inside Redis (counted by commandstats, but not round trips), read from their Lua. */
export const SCRIPT_INNER_COMMANDS: ReadonlySet<string> = new Set(
  ALL_SCRIPTS.flatMap((script) =>
    [...script.source.matchAll(/redis\.p?call\('([A-Z]+)'/g)].map((m) => (m[1] as string).toLowerCase()),
  ),
);
