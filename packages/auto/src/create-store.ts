import {
  type BreakerOptions,
  type FailurePolicy,
  type GuardedStore,
  guardStore,
  RateLimitError,
  type RateLimitEvent,
} from '@rl/core';
import { type MemoryStoreOptions, memoryStore } from '@rl/memory';
import type { StoreLoaders } from './connect/loaded-store.js';
import { defaultEnv, type EnvSource } from './env/env-source.js';
import { type AutoLogger, connectedMessage, resolveLogger, unavailableMessage } from './logger.js';
import { describeSelection, memoryWarning, selectBackend } from './select/select-backend.js';
import type { BackendSelection } from './select/types.js';

/** Options of `createStoreFromEnv`. */
export interface AutoStoreOptions {
  /** Where connection messages go. Default `console`; `false` silences them. */
  logger?: AutoLogger | false;
  /** The failure policy your limiters use, named in "⚠️ Redis unavailable — …". Default `"fallback"`. */
  policy?: FailurePolicy | 'none';
  /** Under NODE_ENV=production with no Redis: `"warn"` (default) or `"error"` to refuse to start. */
  memoryInProduction?: 'warn' | 'error';
  /** Probe the store once at startup and log "✅ Redis: Connected and ready" or "⚠️ Redis unavailable". Default true. */
  verify?: boolean;
  /** The circuit breaker shared by every limiter on this store. Default `{ failures: 3, cooldown: 500 }`. */
  breaker?: BreakerOptions | false;
  /** Options of the memory store, when memory is chosen. */
  memory?: MemoryStoreOptions;
}

/** The store `createStoreFromEnv` chose, guarded (timeout, circuit breaker, health), with the reason. */
export interface AutoStore extends GuardedStore {
  /** Which backend and why (holds secrets: log `description`, not this). */
  readonly selection: BackendSelection;
  /** `"Redis at redis://host:6379"`, `"Upstash REST at https://…"`, `"in-process memory"`: safe to log. */
  readonly description: string;
}

function decorate(store: GuardedStore, selection: BackendSelection, description: string): AutoStore {
  return Object.defineProperties(store, {
    selection: { value: selection, enumerable: true },
    description: { value: description, enumerable: true },
  }) as AutoStore;
}

/** The implementation behind the Node and edge `createStoreFromEnv`, given how to load each backend. */
export async function createStoreWith(
  loaders: StoreLoaders,
  env: EnvSource = defaultEnv(),
  options: AutoStoreOptions = {},
): Promise<AutoStore> {
  const logger = resolveLogger(options.logger);
  const selection = selectBackend(env);
  const description = describeSelection(selection);
  for (const note of selection.notes) logger.warn(`⚠️ ${note}`);

  if (selection.backend === 'memory') {
    if (selection.production && options.memoryInProduction === 'error') {
      throw new RateLimitError('RL_INVALID_CONFIG', `${memoryWarning(selection)} (memoryInProduction: "error")`, {
        details: { option: 'REDIS_URL', variable: 'REDIS_URL' },
      });
    }
    if (!selection.silenced) logger.warn(memoryWarning(selection));
    return decorate(
      guardStore(memoryStore(options.memory), { timeout: false, breaker: false }),
      selection,
      description,
    );
  }

  const loaded = selection.backend === 'upstash' ? await loaders.upstash(selection) : await loaders.redis(selection);
  const policy = options.policy ?? 'fallback';
  let down = false;
  const report = (status: 'up' | 'down', latencyMs: number | null, error?: string) => {
    if (status === 'down' && !down) logger.warn(unavailableMessage(policy, description, error));
    if (status === 'up' && down) logger.info(connectedMessage(description, latencyMs));
    down = status === 'down';
  };
  const onEvent = (event: RateLimitEvent) => {
    if (event.type === 'circuit_open') report('down', null, event.error.message);
    else if (event.type === 'circuit_closed') report('up', null);
  };
  const guarded = guardStore(loaded.store, {
    timeout: selection.timeoutMs,
    ...(options.breaker === undefined ? {} : { breaker: options.breaker }),
    onEvent,
  });
  const store = decorate(guarded, selection, description);
  if (options.verify !== false) {
    await loaded.ready?.();
    const health = await store.health();
    if (health.status === 'down') report('down', null, health.lastError?.message);
    else logger.info(connectedMessage(description, health.latencyMs));
  }
  return store;
}
