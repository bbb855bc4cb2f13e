import type { Socket } from 'node:net';
import { createLimiter, fixedWindow, type Limiter } from '@rl/core';
import { type RedisServer, startRedis } from '@rl-internal/test-redis';
import type { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createRedisClient, redisStore } from '../src/index.js';

// How the single-node store's calls leave the socket: counted where Node hands buffered data to the
// kernel (`_write` / `_writev` of the client's socket), against a real redis-server.

type WritableSocket = Socket & {
  _write: (...args: unknown[]) => void;
  _writev?: (...args: unknown[]) => void;
};

/** Counts the socket-level writes of `client` from now on. */
function countWrites(client: Redis): { readonly count: number } {
  const socket = client.stream as WritableSocket;
  const counter = { count: 0 };
  const write = socket._write;
  const writev = socket._writev;
  socket._write = function (this: Socket, ...args: unknown[]) {
    counter.count++;
    return write.apply(this, args);
  };
  if (writev) {
    socket._writev = function (this: Socket, ...args: unknown[]) {
      counter.count++;
      return writev.apply(this, args);
    };
  }
  return counter;
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));
const nextTick = () => new Promise<void>((resolve) => process.nextTick(resolve));

let server: RedisServer;
let client: Redis;
let limiter: Limiter;
beforeAll(async () => {
  server = await startRedis();
});
beforeEach(async () => {
  client = createRedisClient({ url: server.url, onError: false });
  limiter = createLimiter({ store: redisStore({ client }), rules: fixedWindow({ limit: 5, window: 3_600_000 }) });
  await limiter.limit('warm-up'); // connected, script loaded
});
afterEach(() => {
  server.resume();
  client.disconnect();
});
afterAll(async () => {
  await server?.stop();
});

describe('redis-tcp: write batching on one connection', () => {
  it('the calls made in one tick leave in one write, and each gets its own reply', async () => {
    const writes = countWrites(client);
    const ids = Array.from({ length: 10 }, (_, i) => `tick-${i}`);
    const decisions = await Promise.all(ids.map((id) => limiter.limit(id, { cost: 1 + (ids.indexOf(id) % 5) })));
    expect(writes.count).toBe(1);
    expect(decisions.map((d) => d.remaining)).toEqual(ids.map((_, i) => 5 - (1 + (i % 5))));
  });

  it('a lone call on an idle connection leaves at the end of its tick', async () => {
    const writes = countWrites(client);
    const pending = limiter.limit('idle');
    await nextTick();
    expect(writes.count).toBe(1);
    expect((await pending).remaining).toBe(4);
  });

  it('lone calls made while another awaits its reply leave together at the end of the loop turn', async () => {
    server.pause(); // the first call's reply cannot come back before the others are made
    const writes = countWrites(client);
    const calls = [limiter.limit('first')];
    await nextTick();
    expect(writes.count).toBe(1);
    // Three calls from three I/O-like callbacks of one turn, as an HTTP server makes them.
    for (const id of ['second', 'third', 'fourth']) setImmediate(() => calls.push(limiter.limit(id)));
    await nextTurn();
    expect(calls).toHaveLength(4);
    await nextTurn();
    expect(writes.count).toBe(2);
    server.resume();
    const decisions = await Promise.all(calls);
    expect(decisions.map((d) => [d.allowed, d.remaining])).toEqual([
      [true, 4],
      [true, 4],
      [true, 4],
      [true, 4],
    ]);
    for (const id of ['first', 'second', 'third', 'fourth']) {
      expect(await client.get(limiter.keys(id)[0] as string)).toMatch(/^f\d+ 1$/);
    }
  });
});
