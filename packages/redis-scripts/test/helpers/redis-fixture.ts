/// <reference types="node" />
import { type RedisServer, startRedis } from '@rl-internal/test-redis';
import { Redis } from 'ioredis';
import { afterAll, beforeAll } from 'vitest';

/** One real redis-server for the file, and an ioredis client on it. */
export interface RedisFixture {
  server: RedisServer;
  redis: Redis;
}

/** Starts a redis-server before the file's tests and stops it after them. */
export function useRedis(): RedisFixture {
  const fixture = {} as RedisFixture;
  beforeAll(async () => {
    fixture.server = await startRedis();
    fixture.redis = new Redis(fixture.server.url, { commandTimeout: 10_000, maxRetriesPerRequest: 0 });
  });
  afterAll(async () => {
    fixture.redis?.disconnect();
    await fixture.server?.stop();
  });
  return fixture;
}
