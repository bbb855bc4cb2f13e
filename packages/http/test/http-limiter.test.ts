import { RateLimitError, type Store, SYNC_CONSUME } from '@rl/core';
import { memoryStore } from '@rl/memory';
import { describe, expect, it } from 'vitest';
import {
  createHttpLimiter,
  type HttpLimiterOptions,
  type HttpRequestView,
  type RateLimitWarning,
} from '../src/index.js';

const NOW = 1_700_000_000_000;
type Ctx = { user?: string };

function view(
  path: string,
  init: { method?: string; ip?: string; headers?: Record<string, string> } = {},
): HttpRequestView {
  const headers = init.headers ?? {};
  return { method: init.method ?? 'GET', path, remoteAddress: init.ip ?? '203.0.113.9', headers: (n) => headers[n] };
}

function limiter(options: Partial<HttpLimiterOptions<Ctx>>, seen: RateLimitWarning[] = []) {
  return createHttpLimiter<Ctx>({ store: memoryStore(), now: () => NOW, onWarning: (w) => seen.push(w), ...options });
}

async function admitted(http: ReturnType<typeof limiter>, requests: HttpRequestView[], ctx: Ctx = {}) {
  let count = 0;
  for (const request of requests) if ((await http.evaluate(request, ctx)).action === 'next') count++;
  return count;
}

/** A shared store whose consume always fails (the memory store's synchronous path removed). */
const failing: Store = {
  ...memoryStore(),
  [SYNC_CONSUME]: undefined,
  name: 'failing',
  shared: true,
  consume: () => Promise.reject(new Error('connection refused')),
} as Store;

describe('createHttpLimiter', () => {
  it('routes by path and method, with presets and the seeds { maxRequests, windowMs }', async () => {
    const http = limiter({
      routes: [
        { path: '/api/login', methods: 'POST', preset: 'auth' },
        { path: '/api/items', methods: ['POST', 'PUT'], rules: { maxRequests: 3, windowMs: 60_000 }, name: 'write' },
        { path: '/health', preset: 'health' },
      ],
    });
    expect(
      await admitted(
        http,
        Array.from({ length: 8 }, () => view('/API/login/', { method: 'POST' })),
      ),
    ).toBe(5);
    expect(
      await admitted(
        http,
        Array.from({ length: 5 }, () => view('/api/items', { method: 'PUT' })),
      ),
    ).toBe(3);
    const untouched = await http.evaluate(view('/api/items'), {});
    expect(untouched).toMatchObject({ action: 'next', info: undefined, headers: {} });
    const health = await http.evaluate(view('/health'), {});
    expect(health.headers['X-RateLimit-Limit']).toBe('1000');
    expect(health.info).toMatchObject({ route: 'health', rule: 'health', remaining: 999 });
  });

  it('refuses with 429, the seeds body, Retry-After and headers that never carry the key', async () => {
    const http = limiter({ rules: { maxRequests: 1, windowMs: 60_000 }, key: ['ip', 'user'], userId: (c) => c.user });
    await http.evaluate(view('/x'), { user: 'alice@example.com' });
    const refused = await http.evaluate(view('/x'), { user: 'alice@example.com' });
    expect(refused.action).toBe('reject');
    expect(refused.rejection?.status).toBe(429);
    expect(JSON.parse(refused.rejection?.body ?? '')).toEqual({
      error: { code: 'RATE_LIMIT_EXCEEDED', message: 'Too many requests. Please try again later.', retryAfter: 40 },
    });
    expect(refused.headers['Retry-After']).toBe('40');
    expect(refused.headers['X-RateLimit-Reset']).toBe('1700000040');
    expect(JSON.stringify(refused.headers)).not.toMatch(/203\.0\.113|alice/);
    expect((await http.evaluate(view('/x'), { user: 'bob' })).action).toBe('next');
  });

  it('charges several rules atomically and reports each in RateLimit-Policy', async () => {
    const http = limiter({
      rules: [
        { maxRequests: 5, windowMs: 60_000, name: 'burst' },
        { maxRequests: 3, windowMs: 86_400_000, name: 'daily' },
      ],
    });
    expect(
      await admitted(
        http,
        Array.from({ length: 6 }, () => view('/x')),
      ),
    ).toBe(3);
    const refused = await http.evaluate(view('/x'), {});
    expect(refused.info?.rule).toBe('daily');
    expect(refused.headers.RateLimit).toMatch(/^"burst";r=2;t=40;pk=:[^:]+:, "daily";r=0;t=\d+;pk=:[^:]+:$/);
    expect(refused.headers['RateLimit-Policy']).toMatch(/^"burst";q=5;w=60;pk=:.+:, "daily";q=3;w=86400;pk=:.+:$/);
  });

  it('groups IPv6 clients by /56 and collapses IPv4-mapped addresses', async () => {
    const http = limiter({ rules: { maxRequests: 3, windowMs: 60_000 } });
    const inside = Array.from({ length: 20 }, (_, i) =>
      view('/x', { ip: `2001:db8:0:ab${(i + 16).toString(16)}::${i}` }),
    );
    expect(await admitted(http, inside)).toBe(3);
    expect(await admitted(http, [view('/x', { ip: '2001:db8:0:ac00::1' })])).toBe(1);
    const mapped = limiter({ rules: { maxRequests: 2, windowMs: 60_000 } });
    expect(
      await admitted(mapped, [
        view('/x', { ip: '::ffff:198.51.100.7' }),
        view('/x', { ip: '198.51.100.7' }),
        view('/x', { ip: '::ffff:c633:6407' }),
      ]),
    ).toBe(2);
  });

  it('skips, refunds successes or failures after the response, and never blocks in shadow mode', async () => {
    const skip = limiter({ rules: { maxRequests: 1, windowMs: 60_000 }, skip: (c) => c.user === 'admin' });
    expect(await admitted(skip, [view('/x'), view('/x'), view('/x')], { user: 'admin' })).toBe(3);

    const ok = limiter({ rules: { maxRequests: 2, windowMs: 60_000 }, skipSuccessfulRequests: true });
    for (let i = 0; i < 5; i++) await (await ok.evaluate(view('/x'), {})).finish(200);
    await (await ok.evaluate(view('/x'), {})).finish(500);
    await (await ok.evaluate(view('/x'), {})).finish(404);
    expect((await ok.evaluate(view('/x'), {})).action).toBe('reject');

    const failed = limiter({ rules: { maxRequests: 2, windowMs: 60_000 }, skipFailedRequests: true });
    const first = await failed.evaluate(view('/x'), {});
    await first.finish(500);
    await first.finish(500);
    expect(await admitted(failed, [view('/x'), view('/x'), view('/x')])).toBe(2);

    const limits: string[] = [];
    const shadow = limiter({
      rules: { maxRequests: 1, windowMs: 60_000 },
      shadow: true,
      onLimit: (i) => limits.push(i.reason),
    });
    const results = [await shadow.evaluate(view('/x'), {}), await shadow.evaluate(view('/x'), {})];
    expect(results.map((r) => r.action)).toEqual(['next', 'next']);
    expect(results[1]?.info).toMatchObject({ allowed: true, reason: 'shadow' });
    expect(results[1]?.headers).toEqual({});
    expect(limits).toEqual(['limit']);
  });

  it('fails open by default (no headers, one coded warning) and closed on request (503)', async () => {
    const seen: RateLimitWarning[] = [];
    const open = limiter({ store: failing, rules: { maxRequests: 1, windowMs: 60_000 } }, seen);
    for (let i = 0; i < 3; i++) {
      const outcome = await open.evaluate(view('/x'), {});
      expect(outcome).toMatchObject({
        action: 'next',
        headers: {},
        info: { reason: 'store_unavailable', allowed: true },
      });
    }
    expect(seen.map((w) => w.code)).toEqual(['RL_W_STORE_FAILURE']);

    const errors: RateLimitError[] = [];
    const closed = limiter({
      store: failing,
      preset: 'read',
      failure: 'fail-closed',
      onError: (e) => errors.push(e),
    });
    const outcome = await closed.evaluate(view('/x'), {});
    expect(outcome.action).toBe('reject');
    expect(outcome.rejection?.status).toBe(503);
    expect(outcome.headers).toEqual({ 'Retry-After': '1' });
    expect(errors[0]?.code).toBe('RL_STORE_UNAVAILABLE');
  });

  it('uses a per-request store factory and a custom key, warning once about raw IPv6 keys', async () => {
    const stores = [memoryStore(), memoryStore()];
    const seen: RateLimitWarning[] = [];
    const http = limiter(
      {
        store: (c) => stores[c.user === 'b' ? 1 : 0] as Store,
        rules: { maxRequests: 1, windowMs: 60_000 },
        key: (_c, info) => `${info.route}|${info.path}|2001:db8::1`,
      },
      seen,
    );
    const v6 = view('/x', { ip: '2001:db8::1' });
    expect(await admitted(http, [v6, v6], { user: 'a' })).toBe(1);
    expect(await admitted(http, [v6, v6], { user: 'b' })).toBe(1);
    expect(seen.map((w) => w.code)).toEqual(['RL_W_KEY_RAW_IPV6']);
  });

  it('warns once about permissive trust and about requests without a client address', async () => {
    const seen: RateLimitWarning[] = [];
    const http = limiter({ preset: 'public', trustProxy: true }, seen);
    await http.evaluate({ ...view('/x'), remoteAddress: undefined }, {});
    await http.evaluate({ ...view('/x'), remoteAddress: undefined }, {});
    expect(seen.map((w) => w.code)).toEqual(['RL_W_PERMISSIVE_TRUST_PROXY', 'RL_W_NO_CLIENT_IP']);
    const quiet: RateLimitWarning[] = [];
    limiter({ preset: 'public', trustProxy: true, validate: false }, quiet);
    expect(quiet).toEqual([]);
  });

  it('rejects bad configuration at construction, naming the option', () => {
    expect(() => limiter({})).toThrow(/"rules"/);
    expect(() => limiter({ preset: 'nope' as never })).toThrow(/"preset"/);
    expect(() => limiter({ routes: [{ path: '/x' }] })).toThrow(/routes\[0\]\.rules/);
    expect(() => limiter({ routes: [{ path: '/x', preset: 'read', name: 'a b' }] })).toThrow(/routes\[0\]\.name/);
    expect(() => limiter({ preset: 'read', key: ['ip', 'cookie' as never] })).toThrow(/"key"/);
    expect(() => limiter({ preset: 'read', failure: 'retry' as never })).toThrow(/"failure"/);
    expect(() => limiter({ preset: 'read', ipv6Subnet: 0 })).toThrow(/ipv6Subnet/);
    expect(() => limiter({ preset: 'read', ipHeader: 'x-client-ip' as never })).toThrow(/ipHeader/);
    expect(() => limiter({ preset: 'read', store: undefined as never })).toThrow(/"store"/);
    expect(() => limiter({ rules: { algorithm: 'concurrency', limit: 2 } })).toThrow(RateLimitError);
    expect(() => limiter({ preset: 'read', validate: { RL_W_NOPE: false } as never })).toThrow(/validate/);
  });
});
