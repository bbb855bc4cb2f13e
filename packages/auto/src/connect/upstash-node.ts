import type { UpstashSelection } from '../select/types.js';
import type { LoadedStore } from './loaded-store.js';
import { loadUpstash, type UpstashRedisClass } from './upstash.js';

/** Upstash with the Node build of `@upstash/redis`. */
export function loadUpstashNode(selection: UpstashSelection): Promise<LoadedStore> {
  return loadUpstash(selection, async () => (await import('@upstash/redis')).Redis as unknown as UpstashRedisClass);
}
