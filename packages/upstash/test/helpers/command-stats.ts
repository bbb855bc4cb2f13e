import type { UpstashFixture } from './upstash-fixture.js';

/** Calls and failed calls per command since the last `CONFIG RESETSTAT`, from `INFO commandstats`. */
export async function commandStats(
  fixture: UpstashFixture,
): Promise<Record<string, { calls: number; failed: number }>> {
  const info = String(await fixture.redis('INFO', 'commandstats'));
  const stats: Record<string, { calls: number; failed: number }> = {};
  for (const match of info.matchAll(/^cmdstat_([^:]+):calls=(\d+).*?failed_calls=(\d+)/gm)) {
    stats[match[1] as string] = { calls: Number(match[2]), failed: Number(match[3]) };
  }
  return stats;
}
