import { type RedisSelection, redisClientOptions } from '@rl/auto';
import { createRedisClient, createRedisCluster, redisStore } from '@rl/redis-tcp';
import type { Cluster, Redis } from 'ioredis';
import type { DoctorTarget } from './target.js';

const noop = () => {};

function clientOptions(selection: RedisSelection, timeoutMs: number) {
  return { ...redisClientOptions(selection, timeoutMs), connectTimeout: timeoutMs };
}

/** Connects one client (and a Cluster client when the server is in cluster mode); rejects when it cannot. */
export async function connectRedisTarget(selection: RedisSelection, timeoutMs: number): Promise<DoctorTarget> {
  const single: Redis = createRedisClient({
    ...clientOptions(selection, timeoutMs),
    lazyConnect: true,
    enableReadyCheck: false,
    retryStrategy: () => null,
  });
  let lastError: Error | undefined;
  single.on('error', (error: Error) => {
    lastError = error;
  });
  try {
    await single.connect();
    await single.ping();
  } catch (error) {
    single.disconnect();
    // "Connection is closed." says less than the socket error that caused it.
    throw lastError ?? error;
  }
  const clusterInfo = await single.info('cluster').catch(() => '');
  let cluster: Cluster | undefined;
  if (/^cluster_enabled:1/m.test(clusterInfo)) {
    const { host, port } = selection.connection;
    const { host: _h, port: _p, db: _db, ...redisOptions } = clientOptions(selection, timeoutMs);
    cluster = createRedisCluster([{ host, port }], {
      redisOptions,
      clusterRetryStrategy: () => null,
      lazyConnect: true,
    });
    cluster.on('error', noop);
    try {
      await cluster.connect();
    } catch (error) {
      single.disconnect();
      cluster.disconnect();
      throw error;
    }
  }
  const scripted: Redis | Cluster = cluster ?? single;
  const masters = cluster ? cluster.nodes('master') : [single];
  return {
    mode: cluster ? `cluster (${masters.length} masters)` : 'standalone',
    ping: () => single.ping(),
    info: (section) => single.info(section),
    whoami: async () => String(await single.call('ACL', 'WHOAMI')),
    scriptLoad: (source) => Promise.all(masters.map(async (node) => String(await node.script('LOAD', source)))),
    evalScript: (source, keys, args) => scripted.eval(source, keys.length, ...keys, ...args),
    del: (...keys) => scripted.del(...keys),
    store: redisStore({ client: scripted, warnUnsafeClient: false }),
    async close() {
      single.disconnect();
      cluster?.disconnect();
    },
  };
}
