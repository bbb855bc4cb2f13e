import { type RedisServer, startRedis, startTcpProxy, type TcpProxy, waitFor } from '@rl-internal/test-redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CallRecord, delay, type Load, reasons, startLoad, watchUnhandled } from './load.js';
import { faultLimiter, faultStore, SETTLE_BOUND_MS } from './setup.js';

const WORKERS = 8;
const BAND = 100_000;
const LIMIT = 1_000_000;
type Episode = readonly ['drop-replies' | 'blackhole' | 'close', number];

let server: RedisServer;
let proxy: TcpProxy;
const unhandled = watchUnhandled();
beforeAll(async () => {
  server = await startRedis();
  proxy = await startTcpProxy(server.port);
});
afterAll(async () => {
  unhandled.dispose();
  await proxy.close();
  await server.stop();
});

/** Worker i limits identifier `w<i>` (prefix `p`), charged `i × BAND` beforehand: a reply meant for another call lands in the wrong band. */
const identifier = (worker: number) => `w${worker}`;
const misattributed = (r: CallRecord) =>
  r.decision?.reason === 'ok' && `w${Math.floor((LIMIT - r.decision.remaining) / BAND)}` !== r.identifier;

/** Switches the proxy to `mode` for `ms`, back to pass, and waits until a call is answered by Redis again. */
async function episode(load: Load, [mode, ms]: Episode, recoveryTimeoutMs: number): Promise<number> {
  load.phase = `${mode} ${ms} ms`;
  proxy.setMode(mode);
  await delay(ms);
  const phase = `pass after ${mode} ${ms} ms`;
  load.phase = phase;
  proxy.setMode('pass');
  const back = load.elapsed();
  const answered = (r: CallRecord) => r.phase === phase && r.decision?.reason === 'ok';
  await waitFor(`shared limiting after ${mode} for ${ms} ms`, async () => load.records.some(answered), {
    timeoutMs: recoveryTimeoutMs,
  });
  return Math.round((load.records.find(answered)?.startedAt ?? 0) - back);
}

/** Runs load through the proxy across `episodes`, then checks policy, timing, attribution and counting. */
async function runEpisodes(prefix: string, episodes: readonly Episode[], recoveryTimeoutMs: number): Promise<void> {
  const store = faultStore(proxy.port);
  const limiter = faultLimiter(store, { policy: 'fail-open' }, prefix);
  const direct = faultLimiter(faultStore(server.port), { policy: 'fail-closed' }, prefix);
  for (let i = 1; i < WORKERS; i++) await direct.limit(identifier(i), { cost: i * BAND });
  const load = startLoad(limiter, { workers: WORKERS, identifier, pauseMs: 2 });
  try {
    await waitFor(
      'decisions from Redis',
      async () => load.records.filter((r) => r.decision?.reason === 'ok').length >= 50,
      {
        timeoutMs: 10_000,
      },
    );
    const recoveries: Record<string, number> = {};
    for (const e of episodes) recoveries[`${e[0]} ${e[1]} ms`] = await episode(load, e, recoveryTimeoutMs);
    await delay(200);
    const records = await load.stop();
    let counted = 0;
    for (let i = 0; i < WORKERS; i++) counted += LIMIT - (await direct.peek(identifier(i))).remaining - i * BAND;

    const ok = records.filter((r) => r.decision?.reason === 'ok').length;
    const slowest = Math.max(...records.map((r) => r.ms));
    console.info(
      `[proxy] ${records.length} calls, ${JSON.stringify(reasons(records))}, ${store.consumes} sent, Redis counted ${counted} (${ok} answered + ${counted - ok} whose reply was lost), slowest ${slowest.toFixed(0)} ms, answered again after pass (ms): ${JSON.stringify(recoveries)}`,
    );
    expect(records.filter((r) => r.error)).toEqual([]);
    expect(slowest).toBeLessThan(SETTLE_BOUND_MS);
    expect(records.filter(misattributed)).toEqual([]);
    const faulty = records.filter((r) => !r.phase.startsWith('pass') && r.phase !== 'start');
    expect(
      faulty.every(
        (r) => r.decision?.reason === 'ok' || (r.decision?.allowed && r.decision.reason === 'store_unavailable'),
      ),
    ).toBe(true);
    expect(faulty.some((r) => r.decision?.reason === 'store_unavailable')).toBe(true);
    // Every answered call is counted once; a call whose reply was lost at most once; nothing is resent.
    expect(counted).toBeGreaterThanOrEqual(ok);
    expect(counted).toBeLessThanOrEqual(store.consumes);
    expect(unhandled.errors).toEqual([]);
  } finally {
    await load.stop();
    await limiter.store.close();
    await direct.store.close();
  }
}

describe('a TCP proxy that blackholes, drops replies or resets connections', () => {
  it('decides by policy within the timeout, recovers, and never double counts or mixes up replies', async () => {
    await runEpisodes(
      'long',
      [
        ['drop-replies', 2500],
        ['blackhole', 2500],
        ['close', 300],
      ],
      10_000,
    );
  });

  // Shorter than ioredis's socketTimeout (2 s), so only @rl/redis-tcp can heal these: a call that
  // times out (or receives another call's reply, which its call tag exposes) gets its socket
  // replaced. The 100 ms episode heals before any call times out: there the call tags are what keep
  // the shifted replies from becoming other calls' decisions.
  it('recovers after short (< socketTimeout, even < the call timeout) reply losses too', async () => {
    await runEpisodes(
      'short',
      [
        ['drop-replies', 300],
        ['blackhole', 300],
        ['drop-replies', 100],
        ['blackhole', 100],
      ],
      4000,
    );
  });
});
