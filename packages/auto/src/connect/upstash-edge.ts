import type { UpstashSelection } from '../select/types.js';
import type { LoadedStore } from './loaded-store.js';
import { loadUpstash, type UpstashRedisClass } from './upstash.js';

/** Upstash with the Cloudflare/edge build of `@upstash/redis` (fetch only). */
export function loadUpstashEdge(selection: UpstashSelection): Promise<LoadedStore> {
  return loadUpstash(
    selection,
    async () => (await import('@upstash/redis/cloudflare')).Redis as unknown as UpstashRedisClass,
  );
}
