import { createLimiter, fixedWindow, isRateLimitError, type Limiter } from '@rl/core';
import { MismatchedReplyError } from '@rl-internal/redis-scripts';
import { type RedisServer, startRedis, startTcpProxy, type TcpProxy, waitFor } from '@rl-internal/test-redis';
import type { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createRedisClient, type RedisClientOptions, redisStore } from '../src/index.js';
import {
  burst,
  chargeBands,
  countedOnce,
  LIMIT,
  loseOneReply,
  misattributed,
  type Outcome,
  unitsBeyondBand,
} from './helpers/bands.js';

// A reply lost on a connection that stays open (a faulty proxy): ioredis pairs replies with calls by
// order only, so without recycling every later reply on that socket would go to the call before it.

const IDS = Array.from({ length: 8 }, (_, i) => `w${i}`);
const rules = fixedWindow({ limit: LIMIT, window: 3_600_000 });

let server: RedisServer;
let proxy: TcpProxy;
let direct: Redis;
const clients: Redis[] = [];
beforeAll(async () => {
  server = await startRedis();
  proxy = await startTcpProxy(server.port);
  direct = createRedisClient({ url: server.url, onError: false });
});
afterEach(() => {
  proxy.setMode('pass');
  for (const client of clients.splice(0)) client.disconnect();
});
afterAll(async () => {
  direct?.disconnect();
  await proxy?.close();
  await server?.stop();
});

/** A limiter through the proxy on identifiers pre-charged into their bands (directly on Redis). */
async function setup(prefix: string, options: RedisClientOptions = {}, recycleOnTimeout?: boolean) {
  await chargeBands(createLimiter({ store: redisStore({ client: direct }), prefix, rules }), IDS);
  const errors: Error[] = [];
  const client = createRedisClient({
    host: proxy.host,
    port: proxy.port,
    onError: (error) => errors.push(error),
    ...options,
  });
  clients.push(client);
  const store = redisStore({ client, ...(recycleOnTimeout === undefined ? {} : { recycleOnTimeout }) });
  const limiter = createLimiter({ store, prefix, rules });
  await limiter.limit('warm-up');
  const counted = async (id: string) => unitsBeyondBand(await direct.get(limiter.keys(id)[0] as string), IDS, id);
  return { client, limiter, counted, errors };
}

/** Calls every identifier until each has `answers` decisions; returns every outcome. */
async function untilAnswered(limiter: Limiter, answers: number, onRound?: (round: Outcome[]) => void) {
  const outcomes: Outcome[] = [];
  await waitFor(`every identifier to be answered ${answers} times`, async () => {
    const round = await burst(limiter, IDS, 1);
    onRound?.(round);
    outcomes.push(...round);
    return IDS.every((id) => outcomes.filter((o) => o.identifier === id && o.decision).length >= answers);
  });
  return outcomes;
}

const failedWith = (outcomes: Outcome[], code: 'RL_STORE_UNAVAILABLE' | 'RL_STORE_TIMEOUT') =>
  outcomes.filter((o) => isRateLimitError(o.error, code));

describe('a reply lost on a connection that stays open', () => {
  for (const enableAutoPipelining of [false, true]) {
    it(`the next reply on that socket is not taken for it: the call fails, the socket is replaced, no call gets another call’s decision (enableAutoPipelining: ${enableAutoPipelining})`, async () => {
      // A long command timeout: the lost call is still waiting when the burst's replies arrive.
      const { client, limiter, counted } = await setup(`rl-mixed-${enableAutoPipelining}`, {
        commandTimeout: 10_000,
        enableAutoPipelining,
      });
      const socket = client.stream;
      const { lost } = await loseOneReply(proxy, limiter, 'w0', counted);
      const replies = burst(limiter, IDS, 5);
      const outcomes = [await lost, ...(await replies)];

      const lostError = outcomes[0]?.error;
      expect(isRateLimitError(lostError, 'RL_STORE_UNAVAILABLE')).toBe(true);
      expect((lostError as Error).cause).toBeInstanceOf(MismatchedReplyError);
      expect((lostError as Error).message).toMatch(/reply to another call/);
      expect(socket.destroyed).toBe(true);
      expect(misattributed(outcomes, IDS)).toEqual([]);
      expect(failedWith(outcomes, 'RL_STORE_UNAVAILABLE')).toHaveLength(outcomes.filter((o) => o.error).length);

      const after = await untilAnswered(limiter, 1);
      expect(misattributed(after, IDS)).toEqual([]);
      expect(client.stream).not.toBe(socket);
      expect(await countedOnce([...outcomes, ...after], IDS, counted)).toEqual([]);
    });
  }

  it('with the default 500 ms timeout: the call times out, the socket is replaced, and calls after it get their own decisions', async () => {
    const { client, limiter, counted } = await setup('rl-timeout');
    const socket = client.stream;
    const lost = await (await loseOneReply(proxy, limiter, 'w0', counted)).lost;
    expect(isRateLimitError(lost.error, 'RL_STORE_TIMEOUT')).toBe(true);
    const recycledAt = performance.now();
    expect(socket.destroyed).toBe(true);

    // Without recycling, the next reply on the old socket would go to the timed-out call, and every
    // concurrent call would receive the decision of the call sent after it.
    let firstAnswerMs: number | undefined;
    const outcomes = await untilAnswered(limiter, 5, (round) => {
      if (firstAnswerMs === undefined && round.some((o) => o.decision)) firstAnswerMs = performance.now() - recycledAt;
    });
    console.info(
      `[lost-replies] answered again ${Math.round(firstAnswerMs ?? -1)} ms after the timed-out call replaced its socket; ${outcomes.filter((o) => o.error).length} of ${outcomes.length} calls failed meanwhile (reconnecting)`,
    );
    expect(misattributed(outcomes, IDS)).toEqual([]);
    expect(failedWith(outcomes, 'RL_STORE_UNAVAILABLE')).toHaveLength(outcomes.filter((o) => o.error).length);
    expect(await countedOnce([lost, ...outcomes], IDS, counted)).toEqual([]);
  });

  it('the new socket is not killed later by the socketTimeout timer the old one left armed', async () => {
    const { limiter, counted, errors } = await setup('rl-stale', { socketTimeout: 1000 });
    const lost = await (await loseOneReply(proxy, limiter, 'w0', counted)).lost;
    expect(isRateLimitError(lost.error, 'RL_STORE_TIMEOUT')).toBe(true);
    await untilAnswered(limiter, 1);
    // Keep calling for longer than socketTimeout: a stale timer would destroy this healthy socket.
    const started = performance.now();
    await waitFor('two socketTimeouts to pass', async () => {
      await burst(limiter, IDS, 1);
      return performance.now() - started > 2000;
    });
    expect(errors.map((e) => e.message).filter((m) => m.startsWith('Socket timeout'))).toEqual([]);
  });

  it('recycleOnTimeout: false keeps the socket (yours to replace); call tags still keep every decision with its own call', async () => {
    // No socketTimeout either: nothing but the store could replace this socket.
    const { client, limiter, counted } = await setup(
      'rl-keep',
      { commandTimeout: 1000, socketTimeout: undefined },
      false,
    );
    const socket = client.stream;
    const { lost } = await loseOneReply(proxy, limiter, 'w0', counted);
    const replies = burst(limiter, IDS, 3);
    const outcomes = [await lost, ...(await replies)];
    expect(misattributed(outcomes, IDS)).toEqual([]);
    expect(outcomes.filter((o) => o.error).length).toBeGreaterThan(0);
    expect(socket.destroyed).toBe(false);
    expect(client.stream).toBe(socket);
    expect(() => redisStore({ client, recycleOnTimeout: 'no' as unknown as boolean })).toThrow(/"recycleOnTimeout"/);
  });
});
