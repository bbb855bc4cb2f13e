import { createLimiter, fixedWindow, type Limiter, RateLimitError } from '@rl/core';
import { findFreePort } from '@rl-internal/test-redis';
import { startUpstashGateway } from '@rl-internal/upstash-gateway';
import { Redis } from '@upstash/redis';
import { describe, expect, it } from 'vitest';
import { upstashStore } from '../src/index.js';
import { TOKEN, useUpstash } from './helpers/upstash-fixture.js';

const rule = fixedWindow({ limit: 5, window: '1h' });

async function failure(limiter: Limiter): Promise<RateLimitError> {
  const error = await limiter.limit('someone').then(
    (decision) => new Error(`expected a rejection, got a decision: ${JSON.stringify(decision)}`),
    (reason: unknown) => reason,
  );
  if (!(error instanceof RateLimitError)) throw error;
  return error;
}

describe('the gateway answers 500 (its Redis is gone)', () => {
  const fixture = useUpstash();

  it('RL_STORE_UNAVAILABLE, never a denial; fail-closed says store_unavailable; recovers after a restart', async () => {
    const store = upstashStore({ client: fixture.client() });
    const limiter = createLimiter({ store, rules: rule, prefix: 'rl-500' });
    const closed = createLimiter({ store, rules: rule, prefix: 'rl-500', failure: 'fail-closed' });
    expect((await limiter.limit('someone')).allowed).toBe(true);
    await fixture.server.kill();

    const raw = await fetch(fixture.gateway.url, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}` },
      body: JSON.stringify(['PING']),
    });
    expect(raw.status).toBe(500);

    const error = await failure(limiter);
    expect(error.code).toBe('RL_STORE_UNAVAILABLE');
    expect(error.message).toMatch(/could not reach Redis/);
    expect(error.message).not.toMatch(/command was/);
    const decision = await closed.limit('someone');
    expect(decision).toMatchObject({ allowed: false, reason: 'store_unavailable' });

    await fixture.server.restart(); // empty, and its script cache too: NOSCRIPT → EVAL
    expect(await limiter.limit('someone')).toMatchObject({ allowed: true, remaining: 4 });
  });

  it('RL_STORE_TIMEOUT when Redis is frozen behind the gateway (the store’s deadline)', async () => {
    const limiter = createLimiter({
      store: upstashStore({ client: fixture.client(), timeoutMs: 300 }),
      rules: rule,
      prefix: 'rl-frozen',
    });
    expect((await limiter.limit('someone')).allowed).toBe(true);
    fixture.server.pause();
    try {
      const error = await failure(limiter);
      expect(error.code).toBe('RL_STORE_TIMEOUT');
    } finally {
      fixture.server.resume();
    }
  });

  it('RL_STORE_TIMEOUT from the client’s own signal: () => AbortSignal.timeout(ms), which cancels the fetch', async () => {
    const limiter = createLimiter({
      store: upstashStore({ client: fixture.client({ signal: () => AbortSignal.timeout(300) }), timeoutMs: 60_000 }),
      rules: rule,
      prefix: 'rl-signal',
    });
    expect((await limiter.limit('someone')).allowed).toBe(true);
    fixture.server.pause();
    try {
      const error = await failure(limiter);
      expect(error.code).toBe('RL_STORE_TIMEOUT');
      expect((error.cause as Error).name).toBe('TimeoutError');
    } finally {
      fixture.server.resume();
    }
  });

  for (const enableAutoPipelining of [true, false]) {
    it(`a fixed, fired signal is reported as an abort, not a garbled reply (enableAutoPipelining: ${enableAutoPipelining})`, async () => {
      const controller = new AbortController();
      const client = fixture.client({ signal: controller.signal, enableAutoPipelining });
      const limiter = createLimiter({
        store: upstashStore({ client, warnUnsafeClient: false }),
        rules: rule,
        prefix: 'rl-aborted',
      });
      expect((await limiter.limit('someone')).allowed).toBe(true);
      controller.abort();
      const error = await failure(limiter);
      expect(error.code).toBe('RL_STORE_TIMEOUT');
      expect(error.message).toMatch(/aborted by the client's `signal`: it is a single AbortSignal that has fired/);
    });
  }
});

describe('the gateway is gone', () => {
  const fixture = useUpstash();

  it('RL_STORE_UNAVAILABLE (socket closed, then connection refused), never a denial', async () => {
    const gateway = await startUpstashGateway({ redisUrl: fixture.server.url, token: TOKEN });
    const client = new Redis({ url: gateway.url, token: TOKEN, enableTelemetry: false, retry: { retries: 0 } });
    const limiter = createLimiter({ store: upstashStore({ client }), rules: rule, prefix: 'rl-gone' });
    const open = createLimiter({
      store: upstashStore({ client }),
      rules: rule,
      prefix: 'rl-gone',
      failure: 'fail-open',
    });
    expect((await limiter.limit('someone')).allowed).toBe(true);
    await gateway.close();
    // The first call may still pick the kept-alive socket the gateway just closed.
    const first = await failure(limiter);
    expect(first.code).toBe('RL_STORE_UNAVAILABLE');
    expect(first.message).toMatch(/fetch failed \(\w+\)/); // ECONNREFUSED, or UND_ERR_SOCKET / ECONNRESET / EPIPE
    const error = await failure(limiter);
    expect(error.code).toBe('RL_STORE_UNAVAILABLE');
    expect(error.message).toMatch(/fetch failed \(ECONNREFUSED\): the Upstash REST endpoint is unreachable/);
    expect(await open.limit('someone')).toMatchObject({ allowed: true, reason: 'store_unavailable' });
  });
});

describe('an endpoint that never answers, with the client’s default retries', () => {
  it('RL_STORE_TIMEOUT: the retries outlast the store’s deadline', async () => {
    const client = new Redis({ url: `http://127.0.0.1:${await findFreePort()}`, token: TOKEN, enableTelemetry: false });
    const limiter = createLimiter({
      store: upstashStore({ client, timeoutMs: 300, warnUnsafeClient: false }),
      rules: rule,
      prefix: 'rl-retries',
    });
    expect((await failure(limiter)).code).toBe('RL_STORE_TIMEOUT');
  });
});

describe('a wrong token', () => {
  const fixture = useUpstash();

  it('RL_STORE_UNAVAILABLE saying that Upstash rejected the token', async () => {
    const client = new Redis({
      url: fixture.gateway.url,
      token: 'not-the-token',
      enableTelemetry: false,
      retry: { retries: 0 },
    });
    const limiter = createLimiter({ store: upstashStore({ client }), rules: rule, prefix: 'rl-token' });
    const error = await failure(limiter);
    expect(error.code).toBe('RL_STORE_UNAVAILABLE');
    expect(error.message).toMatch(/Upstash rejected the REST token \(WRONGPASS invalid or missing auth token\)/);
    expect(error.message).toMatch(/UPSTASH_REDIS_REST_TOKEN/);
    expect(error.details).toMatchObject({ store: 'upstash', operation: 'consume' });
  });
});

describe('a token that may not run scripts (like Upstash’s read-only token)', () => {
  const fixture = useUpstash();

  it('RL_STORE_UNAVAILABLE saying so (NOPERM)', async () => {
    await fixture.redis('ACL', 'SETUSER', 'reader', 'on', '>reader-pw', '~*', '+@read');
    const gateway = await startUpstashGateway({
      redisUrl: `redis://reader:reader-pw@127.0.0.1:${fixture.server.port}`,
      token: TOKEN,
    });
    try {
      const client = new Redis({ url: gateway.url, token: TOKEN, enableTelemetry: false, retry: { retries: 0 } });
      const error = await failure(createLimiter({ store: upstashStore({ client }), rules: rule, prefix: 'rl-ro' }));
      expect(error.code).toBe('RL_STORE_UNAVAILABLE');
      expect(error.message).toMatch(/may not run the rate-limit scripts \(NOPERM/);
    } finally {
      await gateway.close();
    }
  });
});
