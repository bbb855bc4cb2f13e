import type { upstashStore } from '@rl/upstash';
import type { UpstashSelection } from '../select/types.js';
import { type LoadedStore, load } from './loaded-store.js';

/** The `Redis` class of `@upstash/redis` (Node or Cloudflare flavour). */
export type UpstashRedisClass = new (config: {
  url: string;
  token: string;
  retry: { retries: number };
  enableTelemetry: boolean;
}) => unknown;

type UpstashStoreModule = { upstashStore: typeof upstashStore };

/**
 * Builds the Upstash store: `new Redis({ url, token })` from `@upstash/redis` with no retries (a
 * retried script call whose first reply was lost would count twice; the limiter's failure policy
 * handles the failure instead; `retry: false` would still retry once), wrapped by
 * `upstashStore({ client, timeoutMs })` from `@rl/upstash`.
 */
export async function loadUpstash(
  selection: UpstashSelection,
  loadRedisClass: () => Promise<UpstashRedisClass>,
): Promise<LoadedStore> {
  const variable = selection.variables[0] ?? 'UPSTASH_REDIS_REST_URL';
  const packages = '@rl/upstash @upstash/redis';
  const [mod, Redis] = await Promise.all([
    load<UpstashStoreModule>(() => import('@rl/upstash'), packages, variable),
    load(loadRedisClass, packages, variable),
  ]);
  const client = new Redis({
    url: selection.url,
    token: selection.token,
    retry: { retries: 0 },
    enableTelemetry: false,
  });
  return {
    store: mod.upstashStore({
      client: client as Parameters<typeof upstashStore>[0]['client'],
      timeoutMs: selection.timeoutMs,
    }),
  };
}
