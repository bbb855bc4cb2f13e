import { RateLimitError, type Store } from '@rl/core';
import { memoryStore } from '@rl/memory';
import { describe, expect, it } from 'vitest';
import { createHttpLimiter, type HttpLimiterOptions, type HttpRequestView, type RateLimitInfo } from '../src/index.js';

const NOW = 1_700_000_000_000;
type Ctx = { account?: string };

const view = (ip: string, path = '/api/auth/login'): HttpRequestView => ({
  method: 'POST',
  path,
  remoteAddress: ip,
  headers: () => undefined,
});

/** Login as the seeds want it: 5 per minute per IP **and** 5 per minute per account. */
function login(options: Partial<HttpLimiterOptions<Ctx>> = {}, store = memoryStore()) {
  const http = createHttpLimiter<Ctx>({
    store,
    now: () => NOW,
    validate: false,
    routes: [
      {
        path: '/api/auth/login',
        methods: 'POST',
        name: 'login',
        limits: [
          { name: 'ip', key: 'ip', preset: 'auth' },
          { name: 'account', key: (ctx) => ctx.account ?? 'none', preset: 'auth' },
        ],
      },
    ],
    ...options,
  });
  return { http, store };
}

async function statuses(http: ReturnType<typeof login>['http'], calls: [ip: string, account: string][]) {
  const out: number[] = [];
  for (const [ip, account] of calls) {
    const outcome = await http.evaluate(view(ip), { account });
    out.push(outcome.rejection?.status ?? 200);
  }
  return out;
}

describe('routes with several independently keyed limits', () => {
  it('limits one account across many addresses, and refunds the addresses it refused', async () => {
    const { http } = login();
    const ips = Array.from({ length: 7 }, (_, i) => `198.51.100.${i + 1}`);
    expect(
      await statuses(
        http,
        ips.map((ip) => [ip, 'alice']),
      ),
    ).toEqual([200, 200, 200, 200, 200, 429, 429]);
    const refused = await http.evaluate(view('198.51.100.9'), { account: 'alice' });
    expect(refused.info).toMatchObject({ allowed: false, rule: 'account.auth', route: 'login' });
    expect(JSON.parse(refused.rejection?.body ?? '{}').error.code).toBe('RATE_LIMIT_EXCEEDED');
    // The refused addresses were refunded: each still has its whole quota for other accounts.
    expect(
      await statuses(
        http,
        Array.from({ length: 6 }, () => ['198.51.100.6', 'bob'] as [string, string]),
      ),
    ).toEqual([200, 200, 200, 200, 200, 429]);
  });

  it('limits one address across many accounts, and charges no account it refused', async () => {
    const { http } = login();
    const accounts = Array.from({ length: 7 }, (_, i) => `user${i}`);
    expect(
      await statuses(
        http,
        accounts.map((a) => ['203.0.113.7', a]),
      ),
    ).toEqual([200, 200, 200, 200, 200, 429, 429]);
    const refused = await http.evaluate(view('203.0.113.7'), { account: 'user9' });
    expect(refused.info?.rule).toBe('ip.auth');
    // user6 was refused by the address limit, so its own quota is untouched.
    const elsewhere = Array.from({ length: 6 }, (_, i) => [`192.0.2.${i + 1}`, 'user6'] as [string, string]);
    expect(await statuses(http, elsewhere)).toEqual([200, 200, 200, 200, 200, 429]);
  });

  it('reports every limit in the IETF headers and the tightest in X-RateLimit-*', async () => {
    const { http, store } = login();
    for (let i = 0; i < 3; i++) await http.evaluate(view(`198.51.100.${i}`), { account: 'carol' });
    const outcome = await http.evaluate(view('198.51.100.50'), { account: 'carol' });
    expect(outcome.headers['X-RateLimit-Remaining']).toBe('1');
    expect(outcome.headers['RateLimit-Policy']).toMatch(
      /^"ip\.auth";q=5;w=60;pk=:.+:, "account\.auth";q=5;w=60;pk=:.+:$/,
    );
    expect(outcome.headers.RateLimit).toMatch(/^"ip\.auth";r=4;t=\d+;pk=:.+:, "account\.auth";r=1;t=\d+;pk=:.+:$/);
    expect(outcome.info).toMatchObject({ allowed: true, reason: 'ok', rule: 'account.auth', remaining: 1 });
    expect(JSON.stringify(outcome.headers)).not.toMatch(/carol|198\.51/);
    const keys = [...(store as ReturnType<typeof memoryStore>).keys()].sort();
    expect(keys).toContain('rl:login:ip:auth:{198.51.100.50}');
    expect(keys).toContain('rl:login:account:auth:{carol}');
  });

  it('names the violated limit in problem+json bodies', async () => {
    const { http } = login({ response: 'problem' });
    for (let i = 0; i < 5; i++) await http.evaluate(view(`198.51.100.${i}`), { account: 'dave' });
    const refused = await http.evaluate(view('198.51.100.99'), { account: 'dave' });
    expect(JSON.parse(refused.rejection?.body ?? '{}')['violated-policies']).toEqual(['account.auth']);
  });

  it('stays exact under concurrency: 40 parallel logins to one account from 40 addresses admit 5', async () => {
    const { http } = login();
    const outcomes = await Promise.all(
      Array.from({ length: 40 }, (_, i) => http.evaluate(view(`10.0.${i}.1`), { account: 'erin' })),
    );
    expect(outcomes.filter((o) => o.action === 'next')).toHaveLength(5);
    // Every refused address was refunded: each can still log in 5 times.
    const refusedIp = `10.0.${outcomes.findIndex((o) => o.action === 'reject')}.1`;
    expect(
      await statuses(
        http,
        Array.from({ length: 5 }, () => [refusedIp, 'frank'] as [string, string]),
      ),
    ).toEqual([200, 200, 200, 200, 200]);
  });

  it('refunds every limit after the response under skipSuccessfulRequests', async () => {
    const { http } = login({ skipSuccessfulRequests: true });
    for (let i = 0; i < 8; i++) await (await http.evaluate(view('203.0.113.1'), { account: 'gina' })).finish(200);
    expect(
      await statuses(
        http,
        Array.from({ length: 6 }, () => ['203.0.113.1', 'gina'] as [string, string]),
      ),
    ).toEqual([200, 200, 200, 200, 200, 429]);
  });

  it('refunds the earlier limits when a later one cannot reach its store and fails closed', async () => {
    const healthy = memoryStore();
    const partial: Store = {
      ...healthy,
      consume: (request) =>
        request.checks.some((check) => check.key.includes(':account:'))
          ? Promise.reject(new Error('connection refused'))
          : healthy.consume(request),
    };
    const limits = [
      { name: 'ip', key: 'ip' as const, preset: 'auth' as const },
      { name: 'account', key: () => 'x', preset: 'auth' as const, failure: 'fail-closed' as const },
    ];
    const http = createHttpLimiter<Ctx>({
      store: partial,
      now: () => NOW,
      onError: () => {},
      routes: [{ path: '/api/auth/login', name: 'login', limits }],
    });
    for (let i = 0; i < 6; i++) {
      const outcome = await http.evaluate(view('203.0.113.2'), {});
      expect(outcome.rejection?.status).toBe(503);
      expect(outcome.info?.reason).toBe('store_unavailable');
    }
    // The address limit lives in the healthy store and was refunded each time: its quota is whole.
    const ipOnly = createHttpLimiter<Ctx>({
      store: healthy,
      now: () => NOW,
      routes: [{ path: '/api/auth/login', name: 'login', limits: [limits[0] as (typeof limits)[0]] }],
    });
    expect(
      await statuses(
        ipOnly,
        Array.from({ length: 6 }, () => ['203.0.113.2', 'x'] as [string, string]),
      ),
    ).toEqual([200, 200, 200, 200, 200, 429]);
  });

  it('refuses limits combined with preset or rules, duplicate or missing names, naming the option', () => {
    const route = (extra: object) => () =>
      createHttpLimiter({ store: memoryStore(), routes: [{ path: '/x', ...extra }] as never });
    expect(route({ limits: [] })).toThrow(/"routes\[0\]\.limits"/);
    expect(route({ preset: 'auth', limits: [{ name: 'ip', preset: 'auth' }] })).toThrow(/"routes\[0\]\.limits"/);
    expect(
      route({
        limits: [
          { name: 'ip', preset: 'auth' },
          { name: 'ip', preset: 'read' },
        ],
      }),
    ).toThrow(/limits with distinct names/);
    expect(route({ limits: [{ preset: 'auth' }] })).toThrow(/"routes\[0\]\.limits\[0\]\.name"/);
    expect(route({ limits: [{ name: 'ip' }] })).toThrow(/"routes\[0\]\.limits\[0\]\.rules"/);
    expect(route({ limits: [{ name: 'ip', preset: 'auth', key: 'nope' }] })).toThrow(/"routes\[0\]\.limits\[0\]\.key"/);
    expect(() => route({ limits: [{ name: 'ip', preset: 'auth' }] })()).not.toThrow(RateLimitError);
  });
});

describe('onDecision', () => {
  it('sees every decision of a limited request — admitted, refused, shadow, store failure — but no unmatched one', async () => {
    const seen: Pick<RateLimitInfo, 'route' | 'allowed' | 'reason'>[] = [];
    const record = (info: RateLimitInfo) =>
      seen.push({ route: info.route, allowed: info.allowed, reason: info.reason });
    const http = createHttpLimiter({
      store: memoryStore(),
      now: () => NOW,
      routes: [{ path: '/a', rules: { maxRequests: 1, windowMs: 60_000 }, name: 'a' }],
      onDecision: record,
    });
    const get = (path: string) => http.evaluate({ ...view('203.0.113.3', path), method: 'GET' }, {});
    await get('/a');
    await get('/a');
    await get('/unmatched');
    expect(seen).toEqual([
      { route: 'a', allowed: true, reason: 'ok' },
      { route: 'a', allowed: false, reason: 'limit' },
    ]);

    const shadowSeen: string[] = [];
    const shadow = createHttpLimiter({
      store: memoryStore(),
      rules: { maxRequests: 1, windowMs: 60_000 },
      shadow: true,
      onDecision: (info) => shadowSeen.push(info.reason),
    });
    await shadow.evaluate(view('203.0.113.4'), {});
    await shadow.evaluate(view('203.0.113.4'), {});
    expect(shadowSeen).toEqual(['ok', 'shadow']);

    const failing: Store = { ...memoryStore(), consume: () => Promise.reject(new Error('down')) };
    const failures: string[] = [];
    const closed = createHttpLimiter({
      store: failing,
      rules: { maxRequests: 1, windowMs: 60_000 },
      failure: 'fail-closed',
      onError: () => {},
      onDecision: (info) => failures.push(`${info.reason}:${info.allowed}`),
    });
    expect((await closed.evaluate(view('203.0.113.5'), {})).rejection?.status).toBe(503);
    expect(failures).toEqual(['store_unavailable:false']);
  });

  it('cannot break a request by throwing, and is validated', async () => {
    const http = createHttpLimiter({
      store: memoryStore(),
      rules: { maxRequests: 1, windowMs: 60_000 },
      onDecision: () => {
        throw new Error('observer bug');
      },
    });
    expect((await http.evaluate(view('203.0.113.6'), {})).action).toBe('next');
    expect(() => createHttpLimiter({ store: memoryStore(), preset: 'read', onDecision: 'yes' as never })).toThrow(
      /"onDecision"/,
    );
  });
});
