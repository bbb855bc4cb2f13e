import type { Store } from '@rl/core';
import { redisClientOptions } from '../select/redis-client-options.js';
import type { RedisSelection } from '../select/types.js';
import { type LoadedStore, load } from './loaded-store.js';

/** The bits of an ioredis client @rl/auto touches. */
interface ClientEvents {
  readonly status: string;
  on(event: 'error', listener: (error: Error) => void): unknown;
  once(event: 'ready', listener: () => void): unknown;
  off(event: 'ready', listener: () => void): unknown;
}

/** What @rl/auto needs from `@rl/redis-tcp`. */
interface RedisTcpModule {
  createRedisClient(options: object): ClientEvents;
  redisStore(options: { client: unknown; closeClient?: boolean }): Store;
}

/** Resolves when `client` is ready or after `ms`, whichever comes first; never rejects. */
function readyWithin(client: ClientEvents, ms: number): Promise<void> {
  if (client.status === 'ready') return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      client.off('ready', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    client.once('ready', done);
  });
}

/**
 * Loads `@rl/redis-tcp` (and with it ioredis) only when the environment asks for Redis over TCP, and
 * creates the client with `REDIS_TIMEOUT` as its command timeout.
 */
export async function loadRedisTcp(selection: RedisSelection): Promise<LoadedStore> {
  const mod = await load<RedisTcpModule>(
    () => import('@rl/redis-tcp') as unknown as Promise<RedisTcpModule>,
    '@rl/redis-tcp ioredis',
    selection.variables[0] ?? 'REDIS_URL',
  );
  const client = mod.createRedisClient(redisClientOptions(selection));
  // Connection errors reach the app as store errors (and the logger, once per outage); without a
  // listener ioredis would print every reconnect failure as an "Unhandled error event".
  client.on('error', () => {});
  return {
    store: mod.redisStore({ client, closeClient: true }),
    ready: () => readyWithin(client, Math.max(1000, selection.timeoutMs)),
  };
}
