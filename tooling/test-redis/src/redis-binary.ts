import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

const cache = new Map<string, string>();

/**
 * Absolute path of a Redis executable (`redis-server`, `redis-cli`) found on `PATH`.
 * Throws an Error naming the Debian package to install when it is missing.
 */
export function resolveRedisBinary(name: 'redis-server' | 'redis-cli'): string {
  const path = process.env['PATH'] ?? '';
  const key = `${name}\0${path}`;
  const cached = cache.get(key);
  if (cached) return cached;
  for (const dir of path.split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      cache.set(key, candidate);
      return candidate;
    } catch {
      // not in this directory
    }
  }
  throw new Error(
    `${name} was not found on PATH. The tests start real Redis processes: install it with ` +
      '`apt-get install redis-server` (Debian/Ubuntu; it also provides redis-cli and Sentinel mode).',
  );
}
