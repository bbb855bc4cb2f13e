import { createLimiter, fixedWindow, RateLimitError } from '@rl/core';
import { startTcpProxy, type TcpProxy, waitFor } from '@rl-internal/test-redis';
import type { RedisConfigNodejs } from '@upstash/redis';
import { Redis } from '@upstash/redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upstashStore } from '../src/index.js';
import { TOKEN, useUpstash } from './helpers/upstash-fixture.js';

// The README's caveat, proven: a check whose request reached Upstash but whose reply was lost (the
// connection dropped) is counted once by Redis; if @upstash/redis then retries the fetch, it is
// counted again. Only `retry: { retries: 0 }` sends it once.
const LIMIT = fixedWindow({ limit: 10, window: '1h' });

describe('a lost reply and @upstash/redis retries', () => {
  const fixture = useUpstash();
  let proxy: TcpProxy;
  beforeAll(async () => {
    proxy = await startTcpProxy(fixture.gateway.port);
  });
  afterAll(() => proxy?.close());

  async function loseOneReply(retry: RedisConfigNodejs['retry'], identifier: string) {
    proxy.setMode('pass');
    const client = new Redis({
      url: `http://127.0.0.1:${proxy.port}`,
      token: TOKEN,
      enableTelemetry: false,
      ...(retry === undefined ? {} : { retry }),
    });
    const limiter = createLimiter({
      store: upstashStore({ client, timeoutMs: 30_000, warnUnsafeClient: false }),
      rules: LIMIT,
      prefix: 'rl-retry',
    });
    await limiter.peek('warm-up'); // connection open
    await limiter.limit('warm-up'); // scripts cached
    proxy.setMode('drop-replies');
    const commands = fixture.gateway.commandCount;
    const call = limiter.limit(identifier).then(
      (decision) => ({ decision }),
      (error: unknown) => ({ error }),
    );
    await waitFor('the check to reach the gateway', async () => fixture.gateway.commandCount > commands, {
      timeoutMs: 10_000,
      intervalMs: 5,
    });
    proxy.setMode('pass');
    proxy.resetConnections(); // the reply is lost with the connection
    const outcome = await call;
    // Read what Redis counted through a direct client (not the proxy).
    const reader = createLimiter({
      store: upstashStore({ client: fixture.client() }),
      rules: LIMIT,
      prefix: 'rl-retry',
    });
    return { outcome, counted: 10 - (await reader.peek(identifier)).remaining };
  }

  it('the default (5 retries) counts one check twice', async () => {
    const { outcome, counted } = await loseOneReply(undefined, 'default');
    expect(outcome).toHaveProperty('decision');
    expect(counted).toBe(2);
  });

  it('retry: false still retries once, and counts it twice', async () => {
    const { outcome, counted } = await loseOneReply(false, 'false');
    expect(outcome).toHaveProperty('decision');
    expect(counted).toBe(2);
  });

  it('retry: { retries: 0 } counts it once and reports RL_STORE_UNAVAILABLE', async () => {
    const { outcome, counted } = await loseOneReply({ retries: 0 }, 'zero');
    expect(counted).toBe(1);
    expect('error' in outcome && outcome.error).toBeInstanceOf(RateLimitError);
    expect('error' in outcome && (outcome.error as RateLimitError).code).toBe('RL_STORE_UNAVAILABLE');
  });
});
