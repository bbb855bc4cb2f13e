import { type RedisServer, startRedis } from '@rl-internal/test-redis';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll } from 'vitest';
import { createRedisClient } from '../src/index.js';
import { describeRedisStore } from './helpers/describe-redis-store.js';

let server: RedisServer;
let client: Redis;
beforeAll(async () => {
  server = await startRedis();
  client = createRedisClient({ url: server.url, commandTimeout: 10_000 });
});
afterAll(async () => {
  client.disconnect();
  await server.stop();
});

describeRedisStore('redis-tcp single', () => client);
