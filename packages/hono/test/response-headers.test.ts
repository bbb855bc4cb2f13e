import { getRequestListener } from '@hono/node-server';
import { memoryStore } from '@rl/memory';
import { rawRequest, type ServedApp, serveNode } from '@rl-internal/http-client';
import { awayFromWindowEdge } from '@rl-internal/test-redis';
import { type Context, Hono } from 'hono';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type HonoRateLimitOptions, type RateLimitVariables, rateLimiter } from '../src/index.js';

// Cases fill minute-long fixed windows on the real clock: never across a minute boundary.
beforeEach(() => awayFromWindowEdge(60_000, 1_500));

const NOW = 1_700_000_000_000;
const RATE_LIMIT = /^"fixed-window-60000";r=\d+;t=\d+;pk=:[A-Za-z0-9+/]{16}:$/;

function limited(options: Partial<HonoRateLimitOptions> = {}) {
  return rateLimiter({
    store: memoryStore(),
    rules: { maxRequests: 3, windowMs: 60_000 },
    remoteAddress: () => '203.0.113.9',
    now: () => NOW,
    ...options,
  });
}

/** Records the headers set on a response that was already finished (which makes Hono rebuild it). */
function watchLateHeaders(late: string[]) {
  return async (c: Context, next: () => Promise<void>) => {
    const header = c.header;
    c.header = ((name: string, value?: string, options?: { append: true }) => {
      if (c.finalized) late.push(name);
      header(name, value as string, options as { append: true });
    }) as Context['header'];
    await next();
  };
}

describe('rate-limit headers on Hono responses', () => {
  let served: ServedApp | undefined;
  afterEach(async () => {
    await served?.close();
    served = undefined;
  });

  it('are prepared before the handler runs, so no header is set on a finished response', async () => {
    const late: string[] = [];
    const app = new Hono();
    app.use(watchLateHeaders(late));
    app.use(limited());
    app.get('/text', (c) => c.text('ok'));
    app.get('/json', (c) => c.json({ ok: true }, 201));
    for (const path of ['/text', '/json', '/nowhere']) {
      const res = await app.request(path);
      expect(res.headers.get('x-ratelimit-limit'), path).toBe('3');
      expect(res.headers.get('ratelimit'), path).toMatch(RATE_LIMIT);
    }
    expect(late).toEqual([]);
  });

  it('reach a response the handler built itself, and win over values the handler set', async () => {
    const app = new Hono();
    app.use(limited());
    app.get('/raw', () => new Response('raw', { status: 202, headers: { 'x-own': '1' } }));
    app.get('/override', (c) => {
      c.header('X-RateLimit-Limit', '999');
      return c.text('override');
    });
    const raw = await app.request('/raw');
    expect([raw.status, await raw.text(), raw.headers.get('x-own')]).toEqual([202, 'raw', '1']);
    expect(raw.headers.get('x-ratelimit-remaining')).toBe('2');
    expect(raw.headers.get('ratelimit')).toMatch(RATE_LIMIT);
    const override = await app.request('/override');
    expect(await override.text()).toBe('override');
    expect(override.headers.get('x-ratelimit-limit')).toBe('3');
  });

  it('arrive over HTTP from @hono/node-server, for prepared and for handler-built responses', async () => {
    const app = new Hono();
    app.use(limited());
    app.get('/text', (c) => c.text('ok'));
    app.get('/raw', () => new Response('raw'));
    served = await serveNode(getRequestListener(app.fetch));
    for (const path of ['/text', '/raw']) {
      const res = await served.fetch(new Request(`http://app.test${path}`));
      expect(res.status, path).toBe(200);
      expect(res.headers.get('ratelimit-policy'), path).toMatch(/^"fixed-window-60000";q=3;w=60;pk=:/);
    }
  });

  it("win over values the handler set when @hono/node-server writes them into Node's response", async () => {
    const app = new Hono();
    app.use(limited());
    app.get('/override', (c) => {
      c.header('X-RateLimit-Limit', '999');
      return c.text('override');
    });
    app.get('/raw', () => new Response('raw', { headers: { 'x-ratelimit-remaining': '999', 'x-own': '1' } }));
    served = await serveNode(getRequestListener(app.fetch));
    const override = await served.fetch(new Request('http://app.test/override'));
    expect([await override.text(), override.headers.get('x-ratelimit-limit')]).toEqual(['override', '3']);
    const raw = await served.fetch(new Request('http://app.test/raw'));
    expect([await raw.text(), raw.headers.get('x-ratelimit-remaining'), raw.headers.get('x-own')]).toEqual([
      'raw',
      '1',
      '1',
    ]);
  });

  it('of nested limiters carry the outermost values over @hono/node-server, as on the context', async () => {
    const app = new Hono();
    app.use(limited());
    app.use(limited({ rules: { maxRequests: 9, windowMs: 60_000 } }));
    app.get('/', (c) => c.text('ok'));
    served = await serveNode(getRequestListener(app.fetch));
    const res = await served.fetch(new Request('http://app.test/'));
    expect(res.headers.get('x-ratelimit-limit')).toBe('3');
    expect((await app.request('/')).headers.get('x-ratelimit-limit')).toBe('3');
  });

  it('leave the refund to the final status, whichever way the handler answered', async () => {
    const app = new Hono();
    app.use(limited({ rules: { maxRequests: 1, windowMs: 60_000 }, skipFailedRequests: true }));
    app.get('/fail-raw', () => new Response('no', { status: 500 }));
    app.get('/fail-text', (c) => c.text('no', 503));
    app.get('/ok', (c) => c.text('ok'));
    for (let i = 0; i < 3; i++) {
      expect((await app.request('/fail-raw')).status).toBe(500);
      expect((await app.request('/fail-text')).status).toBe(503);
    }
    expect((await app.request('/ok')).status).toBe(200);
    expect((await app.request('/ok')).status).toBe(429);
  });

  it('are not sent for denials in shadow mode, which still go through', async () => {
    const late: string[] = [];
    const app = new Hono<{ Variables: RateLimitVariables }>();
    app.use(watchLateHeaders(late));
    app.use(limited({ rules: { maxRequests: 1, windowMs: 60_000 }, shadow: true }));
    app.get('/', (c) => c.text(String(c.get('rateLimit')?.reason)));
    const sent: (string | null)[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await app.request('/');
      expect(res.status).toBe(200);
      sent.push(`${await res.text()} ${res.headers.get('x-ratelimit-limit')} ${res.headers.get('ratelimit') !== null}`);
    }
    expect(sent).toEqual(['ok 1 true', 'shadow null false', 'shadow null false']);
    expect(late).toEqual([]);
  });

  it('reads client-address headers from Node as the Fetch API would, repeated lines joined', async () => {
    const clients: string[] = [];
    const app = new Hono();
    app.use(
      rateLimiter({
        store: memoryStore(),
        rules: { maxRequests: 10, windowMs: 60_000 },
        trustProxy: 2,
        key: (_c, info) => {
          clients.push(info.ip);
          return info.ip;
        },
      }),
    );
    app.get('/', (c) => c.text('ok'));
    served = await serveNode(getRequestListener(app.fetch));
    const split = await rawRequest(served.port, 'GET', '/', [
      ['x-forwarded-for', '198.51.100.1'],
      ['x-forwarded-for', '203.0.113.7'],
    ]);
    const joined = await rawRequest(served.port, 'GET', '/', [['x-forwarded-for', '198.51.100.1, 203.0.113.7']]);
    expect([split.status, joined.status]).toEqual([200, 200]);
    expect(clients).toEqual(['198.51.100.1', '198.51.100.1']);
  });
});
