import { afterEach, describe, expect, it } from 'vitest';
import { rawRequest, type ServedApp, serveNode } from '../src/index.js';

describe('serveNode', () => {
  let served: ServedApp | undefined;
  afterEach(() => served?.close());

  it('sends method, path and headers, and returns status, headers and body', async () => {
    served = await serveNode((req, res) => {
      res.setHeader('x-seen', `${req.method} ${req.url} ${req.headers['x-a']}`);
      res.statusCode = 201;
      res.end('hello');
    });
    const res = await served.fetch(
      new Request('http://app.test//a/%69?q=1', { method: 'PUT', headers: { 'x-a': 'b' } }),
    );
    expect(res.status).toBe(201);
    expect(res.headers.get('x-seen')).toBe('PUT //a/%69?q=1 b');
    expect(await res.text()).toBe('hello');
  });

  it('reaches the server with control characters Node itself refuses to send', async () => {
    served = await serveNode((req, res) => res.end(JSON.stringify(req.headers['x-a'] ?? null)));
    const res = await served.fetch(new Request('http://app.test/', { headers: { 'x-a': 'a\u0001b' } }));
    expect(res.status).toBeLessThan(500);
    const raw = await rawRequest(served.port, 'GET', '/../x', [['x-b', 'c']]);
    expect(raw.status).toBe(200);
  });
});
