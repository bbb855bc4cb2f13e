import type { RateLimitWarning } from '@rl/http';
import { memoryStore } from '@rl/memory';
import { rawRequest, type ServedApp, serveNode } from '@rl-internal/http-client';
import { awayFromWindowEdge } from '@rl-internal/test-redis';
import express, { type NextFunction, type Request, type Response } from 'express';
import express4 from 'express4';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getRateLimit, type RateLimitRequest, rateLimit } from '../src/index.js';

// Cases fill minute-long fixed windows on the real clock: never across a minute boundary.
beforeEach(() => awayFromWindowEdge(60_000, 1_500));

const VERSIONS = [
  ['express 5', () => express()],
  ['express 4', () => express4() as unknown as ReturnType<typeof express>],
] as const;

let served: ServedApp | undefined;
afterEach(() => served?.close());

const get = async (path: string, headers: Record<string, string> = {}) => {
  const res = await served!.fetch(new Request(`http://app.test${path}`, { headers }));
  return { status: res.status, headers: res.headers, body: await res.text() };
};

describe.each(VERSIONS)('%s', (_name, createApp) => {
  it('keys on the real socket address by default and types req.rateLimit without augmentation', async () => {
    const app = createApp();
    app.use(rateLimit({ store: memoryStore(), rules: { maxRequests: 2, windowMs: 60_000 } }));
    app.get('/me', (req: RateLimitRequest, res: Response) => {
      res.json({ remaining: req.rateLimit?.remaining, same: getRateLimit(req) === req.rateLimit });
    });
    served = await serveNode(app);
    expect(JSON.parse((await get('/me', { 'x-forwarded-for': '1.1.1.1' })).body)).toEqual({ remaining: 1, same: true });
    expect((await get('/me', { 'x-forwarded-for': '2.2.2.2' })).status).toBe(200);
    expect((await get('/me', { 'x-forwarded-for': '3.3.3.3' })).status).toBe(429);
  });

  it('keeps req.rateLimit off the request object itself, seen from sub-apps and assignable', async () => {
    const app = createApp();
    const sub = createApp();
    app.use(rateLimit({ store: memoryStore(), rules: { maxRequests: 5, windowMs: 60_000 } }));
    // A sub-app's requests have their own prototype: the Decision set by the parent is still there.
    sub.get('/me', (req: RateLimitRequest, res: Response) => {
      res.json({ own: Object.hasOwn(req, 'rateLimit'), remaining: req.rateLimit?.remaining });
    });
    app.use('/sub', sub);
    app.get('/assign', (req: RateLimitRequest, res: Response) => {
      const before = req.rateLimit?.remaining;
      req.rateLimit = undefined;
      res.json({ before, after: req.rateLimit ?? null, viaGetter: getRateLimit(req) ?? null });
    });
    served = await serveNode(app);
    expect(JSON.parse((await get('/sub/me')).body)).toEqual({ own: false, remaining: 4 });
    expect(JSON.parse((await get('/assign')).body)).toEqual({ before: 3, after: null, viaGetter: null });
    // Another app of the same Express copy, with no limiter: nothing leaks between requests or apps.
    const other = createApp();
    other.get('/', (req: RateLimitRequest, res: Response) => res.json({ info: req.rateLimit ?? null }));
    const otherServed = await serveNode(other);
    try {
      const res = await otherServed.fetch(new Request('http://app.test/'));
      expect(await res.json()).toEqual({ info: null });
    } finally {
      await otherServed.close();
    }
  });

  it('shares one limit across raw dot-segment and encoded spellings sent byte for byte', async () => {
    const app = createApp();
    app.use(rateLimit({ store: memoryStore(), routes: [{ path: '/api/login', preset: 'auth' }] }));
    app.use((_req: Request, res: Response) => res.json({ ok: true }));
    served = await serveNode(app);
    const spellings = [
      '/api/./login',
      '/api/x/../login',
      '/api/%2e/login',
      '/api/x/%2E%2E/login',
      '/API//login/',
      '/api/log%69n',
    ];
    const statuses = [];
    for (const path of spellings) statuses.push((await rawRequest(served.port, 'GET', path, [])).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
  });

  it('matches full paths when mounted under a prefix', async () => {
    const app = createApp();
    app.use(
      '/api',
      rateLimit({
        store: memoryStore(),
        routes: [{ path: '/api/items', rules: { maxRequests: 1, windowMs: 60_000 } }],
      }),
    );
    app.use((_req: Request, res: Response) => res.json({ ok: true }));
    served = await serveNode(app);
    expect((await get('/api/items')).status).toBe(200);
    expect((await get('/api/items')).status).toBe(429);
    expect((await get('/api/other')).status).toBe(200);
  });

  it('hands 429s to a custom handler with the Decision and the headers already set', async () => {
    const app = createApp();
    app.use(
      rateLimit({
        store: memoryStore(),
        preset: 'auth',
        handler: (_req, res, _next, info) => {
          res
            .status(429)
            .type('text/plain')
            .send(`wait ${Math.ceil(info.retryAfterMs / 1000)}s for ${info.route}`);
        },
      }),
    );
    served = await serveNode(app);
    for (let i = 0; i < 5; i++) await get('/login');
    const refused = await get('/login');
    expect(refused.status).toBe(429);
    expect(refused.body).toMatch(/^wait \d+s for auth$/);
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(refused.headers.get('x-ratelimit-remaining')).toBe('0');
  });

  it('passes errors from key functions to next(err)', async () => {
    const app = createApp();
    app.use(
      rateLimit({
        store: memoryStore(),
        preset: 'read',
        key: () => {
          throw new Error('no session');
        },
      }),
    );
    app.use((error: Error, _req: Request, res: Response, _next: NextFunction) => {
      res.status(418).json({ caught: error.message });
    });
    served = await serveNode(app);
    expect(await get('/x')).toMatchObject({ status: 418, body: '{"caught":"no session"}' });
  });

  it("warns once when Express's trust proxy is set but trustProxy is not", async () => {
    const seen: RateLimitWarning[] = [];
    const app = createApp();
    app.set('trust proxy', 1);
    app.use(rateLimit({ store: memoryStore(), preset: 'read', onWarning: (w) => seen.push(w) }));
    app.use((_req: Request, res: Response) => res.json({ ok: true }));
    served = await serveNode(app);
    await get('/x');
    await get('/x');
    expect(seen.map((w) => w.code)).toEqual(['RL_W_FRAMEWORK_TRUST_PROXY']);
  });

  it('refunds a request whose client disconnects before the response as a failure', async () => {
    const app = createApp();
    let arrived: () => void = () => undefined;
    let closed: () => void = () => undefined;
    const arrival = new Promise<void>((resolve) => {
      arrived = resolve;
    });
    const closing = new Promise<void>((resolve) => {
      closed = resolve;
    });
    app.use(rateLimit({ store: memoryStore(), rules: { maxRequests: 1, windowMs: 60_000 }, skipFailedRequests: true }));
    app.get('/slow', (_req: Request, res: Response) => {
      res.once('close', closed);
      arrived();
    });
    app.get('/fast', (_req: Request, res: Response) => res.json({ ok: true }));
    served = await serveNode(app);
    const controller = new AbortController();
    const aborted = fetch(`http://127.0.0.1:${served.port}/slow`, { signal: controller.signal }).catch(() => 'aborted');
    await arrival;
    controller.abort();
    expect(await aborted).toBe('aborted');
    await closing;
    expect((await get('/fast')).status).toBe(200);
    expect((await get('/fast')).status).toBe(429);
  });
});
