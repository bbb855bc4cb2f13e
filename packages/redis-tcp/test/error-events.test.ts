import { findFreePort, type RedisServer, startRedis, waitFor } from '@rl-internal/test-redis';
import type { Cluster, Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it, type MockInstance, vi } from 'vitest';
import { createRedisClient, createRedisCluster, ERROR_WARNING_INTERVAL_MS } from '../src/index.js';

// The client's 'error' events (one per failed reconnect while Redis is down) must never reach
// ioredis's "[ioredis] Unhandled error event" fallback, which prints a stack trace for each.

let server: RedisServer;
const clients: (Redis | Cluster)[] = [];
type ConsoleSpy = MockInstance<(...args: unknown[]) => void>;
let errorSpy: ConsoleSpy;
let warnSpy: ConsoleSpy;

beforeAll(async () => {
  server = await startRedis();
});
afterEach(async () => {
  for (const client of clients.splice(0)) client.disconnect();
  vi.restoreAllMocks();
  await server.restart();
});
afterAll(async () => {
  await server?.stop();
});

function watchConsole(): void {
  errorSpy = vi.spyOn(console, 'error').mockImplementation(() => undefined);
  warnSpy = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
}

const printed = (spy: ConsoleSpy): string[] => spy.mock.calls.map((args) => args.map(String).join(' '));

/** Kills Redis under a connected client and waits until `attempts` reconnects have failed. */
async function killAndWait(client: Redis, attempts: number): Promise<number> {
  await waitFor('the client to connect', async () => client.status === 'ready');
  let reconnects = 0;
  client.on('reconnecting', () => reconnects++);
  const started = performance.now();
  await server.kill();
  // The first reconnect follows the kill; each one after it follows a failed attempt (an error event).
  await waitFor(`${attempts} failed reconnects`, async () => reconnects > attempts);
  return performance.now() - started;
}

describe('connection errors of createRedisClient / createRedisCluster clients', () => {
  it('by default: no "Unhandled error event", one console.warn per distinct message per 10 s', async () => {
    watchConsole();
    const client = createRedisClient(server.url);
    clients.push(client);
    const elapsed = await killAndWait(client, 4);
    expect(printed(errorSpy).filter((line) => line.includes('Unhandled error event'))).toEqual([]);
    const warnings = printed(warnSpy).filter((line) => line.startsWith('[@rl/redis-tcp] Redis connection error'));
    expect(warnings.some((line) => line.includes('ECONNREFUSED'))).toBe(true);
    // 4 failed reconnects gave at least 4 events, but each distinct message is shown once per interval.
    const perMessage = new Map<string, number>();
    for (const line of warnings) perMessage.set(line, (perMessage.get(line) ?? 0) + 1);
    const allowed = 1 + Math.floor(elapsed / ERROR_WARNING_INTERVAL_MS);
    for (const count of perMessage.values()) expect(count).toBeLessThanOrEqual(allowed);
  });

  it('onError receives every error event; nothing is printed', async () => {
    watchConsole();
    const errors: Error[] = [];
    const client = createRedisClient({ url: server.url, onError: (error) => errors.push(error) });
    clients.push(client);
    await killAndWait(client, 3);
    expect(errors.filter((e) => e.message.includes('ECONNREFUSED')).length).toBeGreaterThanOrEqual(3);
    expect(printed(errorSpy)).toEqual([]);
    expect(printed(warnSpy)).toEqual([]);
  });

  it('the default steps aside once the application adds its own listener; onError: false is silent', async () => {
    watchConsole();
    const own: Error[] = [];
    const listened = createRedisClient(server.url);
    listened.on('error', (error) => own.push(error));
    const silent = createRedisClient({ url: server.url, onError: false });
    clients.push(listened, silent);
    await waitFor('both clients to connect', async () => silent.status === 'ready');
    await killAndWait(listened, 3);
    expect(own.length).toBeGreaterThanOrEqual(3);
    expect(printed(errorSpy)).toEqual([]);
    expect(printed(warnSpy)).toEqual([]);
  });

  it('Cluster clients get the same handling; a bad onError fails at construction', async () => {
    watchConsole();
    const errors: Error[] = [];
    // Nothing listens on a free port: the cluster cannot load its slots, and says so on every attempt.
    const nowhere = [{ host: '127.0.0.1', port: await findFreePort() }];
    const cluster = createRedisCluster(nowhere, {
      onError: (error) => errors.push(error),
      clusterRetryStrategy: () => 100,
    });
    const quiet = createRedisCluster(nowhere, { clusterRetryStrategy: () => 100 });
    clients.push(cluster, quiet);
    await waitFor('cluster errors', async () => errors.length >= 2);
    expect(printed(errorSpy).filter((line) => line.includes('Unhandled error event'))).toEqual([]);
    expect(printed(warnSpy).some((line) => line.startsWith('[@rl/redis-tcp] Redis connection error'))).toBe(true);
    expect(() => createRedisClient({ onError: 'log' as never, lazyConnect: true })).toThrow(/"onError"/);
    expect(() => createRedisCluster([{ host: '127.0.0.1', port: 1 }], { onError: 1 as never })).toThrow(/"onError"/);
  });
});
