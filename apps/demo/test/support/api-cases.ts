import { awayFromWindowEdge, waitFor } from '@rl-internal/test-redis';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DemoState } from '../../src/api/state.ts';
import type { Target } from './send.ts';
import { readStream } from './sse.ts';

const PK = '[A-Za-z0-9+/=]+';

/** A fresh client address per use, so cases never share a limit. */
function addresses(prefix: string): () => string {
  let n = 0;
  return () => `${prefix}.${++n}`;
}

async function json(response: Response): Promise<Record<string, unknown>> {
  return (await response.json()) as Record<string, unknown>;
}

/** The seeds' 429: JSON body with `retryAfter` equal to the `Retry-After` header, a whole number ≥ 1. */
async function expectSeed429(response: Response): Promise<Record<string, unknown>> {
  expect(response.status).toBe(429);
  const retryAfter = response.headers.get('retry-after') ?? '';
  expect(retryAfter).toMatch(/^[1-9]\d*$/);
  const body = await json(response);
  expect(body).toEqual({
    error: { code: 'RATE_LIMIT_EXCEEDED', message: expect.any(String), retryAfter: Number(retryAfter) },
  });
  return body;
}

/** What differs between servers on purpose. */
export interface DemoApiOptions {
  /** Whether unknown `/api` paths get the demo's JSON 404 (Next answers them with its own 404 page). Default true. */
  readonly jsonNotFound?: boolean;
}

/**
 * The demo's routes, limits, headers and bodies, checked identically against one server. Every
 * server the demo runs on (Express, Hono on Node, Hono in workerd, Next) passes the same cases.
 */
export function describeDemoApi(title: string, start: () => Promise<Target>, options: DemoApiOptions = {}): void {
  describe(title, () => {
    let target: Target;
    const ip = addresses('203.0.113');
    beforeAll(async () => {
      target = await start();
    });
    afterAll(() => target?.close());
    // A case that fills a minute-long fixed window must not straddle a minute boundary.
    beforeEach(() => awayFromWindowEdge(60_000, 10_000));

    it('limits POST /api/v1/converse/message to RL_MSG_MAX per IP per minute with the seeds headers and 429', async () => {
      const client = ip();
      const message = { userText: 'test', userId: 'smoke', element: 'air' };
      const nowSeconds = Math.floor(Date.now() / 1000);
      for (const remaining of ['2', '1', '0']) {
        const res = await target.send('/api/v1/converse/message', { method: 'POST', json: message, ip: client });
        expect(res.status).toBe(200);
        expect(res.headers.get('x-ratelimit-limit')).toBe('3');
        expect(res.headers.get('x-ratelimit-remaining')).toBe(remaining);
        expect(Number(res.headers.get('x-ratelimit-reset'))).toBeGreaterThanOrEqual(nowSeconds);
        expect(res.headers.get('ratelimit-policy')).toMatch(new RegExp(`^"message";q=3;w=60;pk=:${PK}:$`));
        expect(res.headers.get('ratelimit')).toMatch(new RegExp(`^"message";r=${remaining};t=\\d+;pk=:${PK}:$`));
        expect(await json(res)).toMatchObject({ reply: expect.stringContaining('You said "test"'), element: 'air' });
      }
      const refused = await target.send('/api/v1/converse/message', { method: 'POST', json: message, ip: client });
      expect(refused.headers.get('x-ratelimit-remaining')).toBe('0');
      await expectSeed429(refused);
      const other = await target.send('/api/v1/converse/message', { method: 'POST', json: message, ip: ip() });
      expect(other.status).toBe(200);
    });

    it('counts a malformed message body before answering 400', async () => {
      const client = ip();
      const bad = await target.send('/api/v1/converse/message', { method: 'POST', raw: '{"userText":', ip: client });
      expect(bad.status).toBe(400);
      expect(await json(bad)).toEqual({ error: { code: 'INVALID_JSON', message: expect.any(String) } });
      const empty = await target.send('/api/v1/converse/message', { method: 'POST', json: {}, ip: client });
      expect(empty.status).toBe(400);
      expect(empty.headers.get('x-ratelimit-remaining')).toBe('1');
    });

    it('limits POST /api/auth/login to 5 per minute per IP and per account, atomically', async () => {
      const login = (client: string, email: string, password = 'wrong') =>
        target.send('/api/auth/login', { method: 'POST', json: { email, password }, ip: client });
      // Per IP: one address, five different accounts.
      const attacker = ip();
      for (let i = 0; i < 5; i++) expect((await login(attacker, `user${i}@example.com`)).status).toBe(401);
      const byIp = await login(attacker, 'fresh@example.com', 'demo');
      await expectSeed429(byIp);
      expect(byIp.headers.get('ratelimit')).toMatch(/^"ip\.auth";r=0;/);
      // Per account: five addresses, one account (spelled differently).
      for (let i = 0; i < 5; i++) {
        expect((await login(ip(), i % 2 ? 'Victim@Example.com ' : 'victim@example.com')).status).toBe(401);
      }
      const late = ip();
      const byAccount = await login(late, 'victim@example.com', 'demo');
      await expectSeed429(byAccount);
      expect(byAccount.headers.get('ratelimit')).toMatch(/^"account\.auth";r=0;/);
      // The account refused it, so its IP was not charged: `late` still has all 5 attempts.
      for (let i = 0; i < 4; i++) expect((await login(late, `other${i}@example.com`)).status).toBe(401);
      const ok = await login(late, 'me@example.com', 'demo');
      expect(ok.status).toBe(200);
      expect(await json(ok)).toMatchObject({ ok: true, account: 'me@example.com' });
      await expectSeed429(await login(late, 'me@example.com', 'demo'));
    });

    it('applies the presets: read 100, write 50, public 10, health 1000 per minute', async () => {
      const client = ip();
      const read = await target.send('/api/items', { ip: client });
      expect(read.status).toBe(200);
      expect(read.headers.get('x-ratelimit-limit')).toBe('100');
      const created = await target.send('/api/items', { method: 'POST', json: { name: 'Aether' }, ip: client });
      expect(created.status).toBe(201);
      expect(await json(created)).toMatchObject({ item: { name: 'Aether' } });
      const updated = await target.send('/api/items/7', { method: 'PUT', json: { name: 'Ether' }, ip: client });
      expect(updated.status).toBe(200);
      expect(updated.headers.get('x-ratelimit-limit')).toBe('50');
      expect(updated.headers.get('x-ratelimit-remaining')).toBe('48');
      for (let i = 0; i < 10; i++)
        expect((await target.send(`/api/public/page-${i}`, { ip: client })).status).toBe(200);
      await expectSeed429(await target.send('/api/public/info', { ip: client }));
      const health = await target.send('/api/health', { ip: client });
      expect(health.headers.get('x-ratelimit-limit')).toBe('1000');
    });

    it('reports health: backend, connected, latency, fallback', async () => {
      const res = await target.send('/api/health', { ip: ip() });
      expect(res.status).toBe(200);
      expect(await json(res)).toMatchObject({
        status: 'ok',
        server: target.server,
        backend: 'memory',
        connected: true,
        latencyMs: expect.any(Number),
        fallbackActive: false,
        policy: 'none',
      });
    });

    it('limits GET /api/metered per API key, not per address', async () => {
      const client = ip();
      const key = (apiKey: string) => ({ ip: client, headers: { 'x-api-key': apiKey } });
      for (let i = 0; i < 4; i++) expect((await target.send('/api/metered', key('key-a'))).status).toBe(200);
      await expectSeed429(await target.send('/api/metered', key('key-a')));
      expect((await target.send('/api/metered', key('key-b'))).status).toBe(200);
    });

    it('streams SSE and allows RL_STREAM_CONCURRENCY open streams per IP, releasing on close', async () => {
      const client = ip();
      const open = () => target.send('/api/v1/converse/stream?element=water&q=hello', { ip: client });
      const first = await open();
      expect(first.status).toBe(200);
      expect(first.headers.get('content-type')).toMatch(/^text\/event-stream/);
      expect(first.headers.get('x-ratelimit-limit')).toBe('200');
      const one = readStream(first);
      expect(await one.until('event: token')).toMatch(/^event: open\ndata: \{"element":"water","tokens":\d+\}\n\n/);
      const two = readStream(await open());
      await two.until('event: open');
      const third = await open();
      const body = await expectSeed429(third);
      expect((body['error'] as { message: string }).message).toMatch(/Too many open streams: at most 2/);
      expect(third.headers.get('x-ratelimit-limit')).toBe('200'); // the per-minute rule's headers
      expect((await target.send('/api/v1/converse/stream', { ip: ip() })).status).toBe(200); // others unaffected
      await one.cancel();
      let reopened: ReturnType<typeof readStream> | undefined;
      await waitFor('the closed stream to give its lease back', async () => {
        const res = await open();
        if (res.status !== 200) {
          await res.arrayBuffer();
          return false;
        }
        reopened = readStream(res);
        return true;
      });
      await reopened?.until('event: open');
      await reopened?.cancel();
      await two.cancel();
    });

    it('serves the dashboard and its state: health, decisions per route, the viewer quota', async () => {
      const page = await target.send('/', { ip: ip() });
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toMatch(/^text\/html/);
      expect(await page.text()).toContain('<title>@rl demo — live rate limits</title>');
      const viewer = ip();
      for (let i = 0; i < 3; i++) await target.send('/api/public/info', { ip: viewer });
      const login = { email: 'viewer@example.com', password: 'x' };
      expect((await target.send('/api/auth/login', { method: 'POST', json: login, ip: viewer })).status).toBe(401);
      const state = (await (await target.send('/api/demo/state', { ip: viewer })).json()) as DemoState;
      expect(state.server).toBe(target.server);
      expect(state.health).toMatchObject({ backend: 'memory', connected: true });
      expect(state.quota.find((q) => q.route === 'public')).toMatchObject({ limit: 10, remaining: 7 });
      expect(state.quota.find((q) => q.route === 'message')).toMatchObject({ limit: 3, remaining: 3 });
      expect(state.quota.find((q) => q.route === 'login')).toMatchObject({ limit: 5, remaining: 4 });
      expect(state.feed.routes['public']?.allowed).toBeGreaterThanOrEqual(3);
      expect(state.feed.recent[0]).toMatchObject({ route: expect.any(String), outcome: expect.any(String) });
    });

    if (options.jsonNotFound ?? true) {
      it('answers unknown /api paths with a JSON 404', async () => {
        const res = await target.send('/api/nope?x=1', { ip: ip() });
        expect(res.status).toBe(404);
        expect(await json(res)).toEqual({ error: { code: 'NOT_FOUND', message: 'No route /api/nope.' } });
      });
    }

    it('never puts the client address or the account in a response header', async () => {
      const client = ip();
      const email = 'private.person@example.com';
      const responses = [];
      for (let i = 0; i < 6; i++) {
        responses.push(
          await target.send('/api/auth/login', { method: 'POST', json: { email, password: 'x' }, ip: client }),
        );
      }
      responses.push(await target.send('/api/items', { ip: client }));
      for (const res of responses) {
        res.headers.forEach((value) => {
          expect(value).not.toContain(client);
          expect(value.toLowerCase()).not.toContain('private.person');
        });
      }
    });
  });
}
