import { type RedisCluster, startCluster } from '@rl-internal/test-redis';
import type { Cluster } from 'ioredis';
import { afterAll, beforeAll } from 'vitest';
import { createRedisCluster } from '../src/index.js';
import { describeRedisStore } from './helpers/describe-redis-store.js';

let cluster: RedisCluster;
let client: Cluster;
beforeAll(async () => {
  cluster = await startCluster({ masters: 3 });
  client = createRedisCluster(cluster.nodes, { redisOptions: { commandTimeout: 10_000 } });
  await new Promise((resolve) => client.once('ready', resolve));
});
afterAll(async () => {
  client.disconnect();
  await cluster.stop();
});

describeRedisStore('redis-tcp cluster', () => client);
