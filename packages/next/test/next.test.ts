import type { RateLimitWarning } from '@rl/http';
import { memoryStore } from '@rl/memory';
import { awayFromWindowEdge } from '@rl-internal/test-redis';
import { NextRequest, NextResponse } from 'next/server.js';
import { beforeEach, describe, expect, it } from 'vitest';
import { rateLimitProxy, withRateLimit } from '../src/index.js';

// Cases fill minute-long fixed windows on the real clock: never across a minute boundary.
beforeEach(() => awayFromWindowEdge(60_000, 1_500));

const request = (path: string, init: { method?: string; xff?: string } = {}) =>
  new NextRequest(`http://app.test${path}`, {
    method: init.method ?? 'GET',
    headers: init.xff ? { 'x-forwarded-for': init.xff } : {},
  });

describe('rateLimitProxy', () => {
  it('refuses refund options it cannot honour, naming them', () => {
    expect(() => rateLimitProxy({ store: memoryStore(), preset: 'read', skipSuccessfulRequests: true })).toThrow(
      /"skipSuccessfulRequests".*withRateLimit/,
    );
    expect(() => rateLimitProxy({ store: memoryStore(), preset: 'read', skipFailedRequests: true })).toThrow(
      /skipFailedRequests/,
    );
  });

  it('keys on the address the platform appends (trustProxy: 1) and continues to the next proxy step', async () => {
    const proxy = rateLimitProxy({ store: memoryStore(), trustProxy: 1, preset: 'auth' }, (req) =>
      req.nextUrl.pathname === '/rewrite' ? NextResponse.rewrite(new URL('/elsewhere', req.url)) : undefined,
    );
    const from = (ip: string, path = '/login') => proxy(request(path, { xff: `6.6.6.6, ${ip}` }));
    for (let i = 0; i < 5; i++) expect((await from('203.0.113.9')).status).toBe(200);
    expect((await from('203.0.113.9')).status).toBe(429);
    const other = await from('203.0.113.10', '/rewrite');
    expect(other.headers.get('x-middleware-rewrite')).toBe('http://app.test/elsewhere');
    expect(other.headers.get('x-ratelimit-remaining')).toBe('4');
  });

  it('warns once and shares one limit when nothing identifies the client', async () => {
    const seen: RateLimitWarning[] = [];
    const proxy = rateLimitProxy({
      store: memoryStore(),
      rules: { maxRequests: 1, windowMs: 60_000 },
      onWarning: (w) => seen.push(w),
    });
    expect((await proxy(request('/x', { xff: '203.0.113.1' }))).status).toBe(200);
    expect((await proxy(request('/x', { xff: '203.0.113.2' }))).status).toBe(429);
    expect(seen.map((w) => w.code)).toEqual(['RL_W_NO_CLIENT_IP']);
  });

  it('uses a custom 429 handler and keeps the headers', async () => {
    const proxy = rateLimitProxy({
      store: memoryStore(),
      remoteAddress: () => '203.0.113.9',
      rules: { maxRequests: 1, windowMs: 60_000 },
      handler: (_req, info) => NextResponse.json({ wait: info.retryAfterMs > 0 }, { status: 429 }),
    });
    await proxy(request('/x'));
    const refused = await proxy(request('/x'));
    expect(await refused.json()).toEqual({ wait: true });
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
  });
});

describe('withRateLimit', () => {
  const options = {
    store: memoryStore(),
    remoteAddress: () => '203.0.113.9',
    rules: { maxRequests: 1, windowMs: 60_000 },
  };

  it('refunds a handler that throws under skipFailedRequests, then rethrows', async () => {
    let fail = true;
    const handler = withRateLimit(
      () => {
        if (fail) throw new Error('boom');
        return new Response('ok');
      },
      { ...options, store: memoryStore(), skipFailedRequests: true },
    );
    await expect(handler(request('/x'), {})).rejects.toThrow('boom');
    fail = false;
    expect((await handler(request('/x'), {})).status).toBe(200);
    expect((await handler(request('/x'), {})).status).toBe(429);
  });

  it('adds headers to responses whose headers are immutable', async () => {
    const handler = withRateLimit(() => Response.redirect('http://app.test/next', 307), {
      ...options,
      store: memoryStore(),
    });
    const res = await handler(request('/x'), {});
    expect(res.status).toBe(307);
    expect(res.headers.get('location')).toBe('http://app.test/next');
    expect(res.headers.get('x-ratelimit-limit')).toBe('1');
  });

  it('passes the route context through and rejects a missing handler', async () => {
    const handler = withRateLimit<{ params: Promise<{ id: string }> }>(
      async (_req, ctx) => Response.json(await ctx.params),
      { ...options, store: memoryStore() },
    );
    expect(await (await handler(request('/items/7'), { params: Promise.resolve({ id: '7' }) })).json()).toEqual({
      id: '7',
    });
    expect(() => withRateLimit(undefined as never, options)).toThrow(/"handler"/);
  });
});
