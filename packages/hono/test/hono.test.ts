import { getRequestListener } from '@hono/node-server';
import { memoryStore } from '@rl/memory';
import { type ServedApp, serveNode } from '@rl-internal/http-client';
import { awayFromWindowEdge } from '@rl-internal/test-redis';
import { type RunningWorker, startWorker } from '@rl-internal/workerd';
import { Hono } from 'hono';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { rateLimiter } from '../src/index.js';

// Cases fill minute-long fixed windows on the real clock: never across a minute boundary.
beforeEach(() => awayFromWindowEdge(60_000, 1_500));

describe('rateLimiter on Node', () => {
  let served: ServedApp | undefined;
  afterEach(() => served?.close());

  it('keys on the @hono/node-server socket address by default and types c.get("rateLimit")', async () => {
    const app = new Hono()
      .use(rateLimiter({ store: memoryStore(), rules: { maxRequests: 2, windowMs: 60_000 } }))
      .get('/me', (c) => {
        const remaining: number | undefined = c.get('rateLimit')?.remaining;
        return c.json({ remaining });
      });
    served = await serveNode(getRequestListener(app.fetch));
    const get = (xff: string) =>
      served!.fetch(new Request('http://app.test/me', { headers: { 'x-forwarded-for': xff } }));
    expect(await (await get('1.1.1.1')).json()).toEqual({ remaining: 1 });
    expect((await get('2.2.2.2')).status).toBe(200);
    expect((await get('3.3.3.3')).status).toBe(429);
  });

  it('works without a socket or execution context (app.request), sharing one "unknown" limit with a warning', async () => {
    const codes: string[] = [];
    const app = new Hono();
    app.use(
      rateLimiter({
        store: memoryStore(),
        rules: { maxRequests: 1, windowMs: 60_000 },
        skipSuccessfulRequests: true,
        onWarning: (w) => codes.push(w.code),
      }),
    );
    app.get('/ok', (c) => c.text('ok'));
    app.get('/bad', (c) => c.text('bad', 400));
    expect((await app.request('/ok')).status).toBe(200);
    expect((await app.request('/ok')).status).toBe(200);
    expect((await app.request('/bad')).status).toBe(400);
    expect((await app.request('/ok')).status).toBe(429);
    expect(codes).toEqual(['RL_W_NO_CLIENT_IP']);
  });

  it('adds the rate-limit headers to a custom 429 response', async () => {
    const app = new Hono();
    app.use(
      rateLimiter({
        store: memoryStore(),
        preset: 'auth',
        remoteAddress: () => '203.0.113.9',
        handler: (c, info) => c.text(`slow down (${info.route})`, 429),
      }),
    );
    app.post('/login', (c) => c.text('welcome'));
    for (let i = 0; i < 5; i++) await app.request('/login', { method: 'POST' });
    const refused = await app.request('/login', { method: 'POST' });
    expect(refused.status).toBe(429);
    expect(await refused.text()).toBe('slow down (auth)');
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(refused.headers.get('x-ratelimit-limit')).toBe('5');
  });

  it('lets errors from key functions reach app.onError', async () => {
    const app = new Hono();
    app.use(
      rateLimiter({
        store: memoryStore(),
        preset: 'read',
        key: () => {
          throw new Error('no session');
        },
      }),
    );
    app.get('/x', (c) => c.text('x'));
    app.onError((error, c) => c.text(`caught: ${error.message}`, 418));
    const res = await app.request('/x');
    expect(res.status).toBe(418);
    expect(await res.text()).toBe('caught: no session');
  });
});

describe('rateLimiter inside workerd', () => {
  let worker: RunningWorker;
  beforeAll(async () => {
    worker = await startWorker({
      entry: new URL('./fixtures/edge.worker.ts', import.meta.url).pathname,
      bindings: { REGION: 'eu' },
    });
  });
  afterAll(() => worker.dispose());

  const get = (path: string, ip: string) => worker.fetch(path, { headers: { 'cf-connecting-ip': ip } });

  it('keys on CF-Connecting-IP, builds its store from bindings, and refunds through waitUntil', async () => {
    const first = await get('/api/items', '203.0.113.9');
    expect(await first.json()).toEqual({ remaining: 1, region: 'eu' });
    for (let i = 0; i < 3; i++) expect((await get('/api/fail', '203.0.113.9')).status).toBe(500);
    expect((await get('/api/items', '203.0.113.9')).status).toBe(200);
    expect((await get('/api/items', '203.0.113.9')).status).toBe(429);
    expect((await get('/api/items', '2001:db8:1:2::9')).status).toBe(200);
    expect(await (await worker.fetch('/warnings')).json()).toEqual([]);
  });
});
