import { expect } from 'vitest';
import { type Case, times } from './case.js';

/** Route matching, presets, the seeds' rule format, path spellings and multi-rule limits. */
export function routeCases(test: Case): void {
  test(
    'presets',
    'applies the seed presets: read 100, write 50, auth 5, public 10, health 1000 per minute',
    async (open) => {
      const client = await open({
        routes: [
          { path: '/api/login', methods: 'POST', preset: 'auth' },
          { path: '/api/*', methods: ['GET'], preset: 'read' },
          { path: '/api/*', preset: 'write' },
          { path: '/health', preset: 'health' },
          { path: '/public/*', preset: 'public' },
        ],
      });
      const limitOf = async (path: string, method = 'GET') =>
        (await client.send(path, { method })).headers.get('x-ratelimit-limit');
      expect(await limitOf('/api/items')).toBe('100');
      expect(await limitOf('/api/items', 'POST')).toBe('50');
      expect(await limitOf('/health')).toBe('1000');
      expect(await limitOf('/public/page')).toBe('10');
      expect(await client.admitted(8, () => ({ path: '/api/login', method: 'POST' }))).toBe(5);
    },
  );

  test('seed-rule-format', 'accepts { maxRequests, windowMs } as the seeds write it', async (open) => {
    const client = await open({
      routes: [{ path: '/api/messages', methods: 'POST', rules: { maxRequests: 4, windowMs: 60_000 } }],
    });
    expect(await client.admitted(7, () => ({ path: '/api/messages', method: 'POST' }))).toBe(4);
  });

  test('methods-and-head', 'matches methods, counts HEAD as GET and leaves unmatched routes alone', async (open) => {
    const client = await open({
      routes: [{ path: '/api/items', methods: 'GET', rules: { maxRequests: 3, windowMs: 60_000 } }],
    });
    const statuses = [];
    for (const method of ['GET', 'HEAD', 'GET', 'HEAD'])
      statuses.push((await client.send('/api/items', { method })).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const post = await client.send('/api/items', { method: 'POST' });
    expect(post.status).toBe(200);
    expect(post.headers.has('x-ratelimit-limit')).toBe(false);
    expect(post.headers.has('ratelimit')).toBe(false);
  });

  test('path-spellings', 'counts every spelling of one route against one limit', async (open) => {
    const client = await open({
      routes: [{ path: '/api/items/:id', rules: { maxRequests: 4, windowMs: 60_000 } }],
      key: ['route', 'ip'],
    });
    const spellings = [
      '/api/items/7',
      '/API/Items/7',
      '//api//items/7',
      '/api/items/7/',
      '/api/%69tems/7',
      '/api/items/7?x=1',
      '/Api/items//7//',
    ];
    const admitted = await client.admitted(spellings.length * 3, (i) => ({ path: spellings[i % spellings.length]! }));
    expect(admitted).toBe(4);
    expect((await client.send('/api/items/8')).status).toBe(200);
  });

  test('multi-rule', 'checks several rules atomically (burst + daily) and reports each', async (open) => {
    const client = await open({
      rules: [
        { maxRequests: 5, windowMs: 60_000, name: 'burst' },
        { maxRequests: 3, windowMs: 86_400_000, name: 'daily' },
      ],
    });
    const replies = [];
    for (const _ of times(5, (i) => i)) replies.push(await client.send('/x'));
    expect(replies.map((r) => r.status)).toEqual([200, 200, 200, 429, 429]);
    const refused = replies[4]!;
    expect(refused.headers.get('ratelimit')).toMatch(/^"burst";r=2;t=40;pk=:[^:]+:, "daily";r=0;t=86380;pk=:[^:]+:$/);
    expect(refused.headers.get('ratelimit-policy')).toMatch(
      /^"burst";q=5;w=60;pk=:[^:]+:, "daily";q=3;w=86400;pk=:[^:]+:$/,
    );
    expect(refused.headers.get('retry-after')).toBe('86380');
    expect(refused.headers.get('x-ratelimit-limit')).toBe('3');
  });
}
