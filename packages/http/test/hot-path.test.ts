import type { Decision } from '@rl/core';
import { memoryStore } from '@rl/memory';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { recentCache } from '../src/core/recent-cache.js';
import { createHttpLimiter, createWarnings, legacyHeaders, normalisePath, partitionKeys } from '../src/index.js';
import { normaliseSegments } from '../src/path/path-normalise.js';

const NOW = 1_700_000_000_000;

describe('recentCache', () => {
  it('remembers values, keeps at most two generations, and carries hot keys over', () => {
    const made: string[] = [];
    const cache = recentCache<string>(2);
    const get = (key: string) =>
      cache.get(key, (k) => {
        made.push(k);
        return k.toUpperCase();
      });
    expect([get('a'), get('b'), get('a'), get('b')]).toEqual(['A', 'B', 'A', 'B']);
    expect(made).toEqual(['a', 'b']);
    get('c'); // the young generation {a, b} becomes the old one
    get('a'); // found in the old generation, carried into the young one
    get('d'); // {c, a} becomes old; {a, b} is dropped
    get('e');
    expect(made).toEqual(['a', 'b', 'c', 'd', 'e']);
    get('b'); // dropped with its generation: made again
    expect(made).toEqual(['a', 'b', 'c', 'd', 'e', 'b']);
  });

  it('keeps a key asked for between every new one, however many pass', () => {
    const made: string[] = [];
    const cache = recentCache<string>(2);
    for (let i = 0; i < 100; i++) {
      for (const key of ['hot', `k${i}`]) {
        cache.get(key, (k) => {
          made.push(k);
          return k;
        });
      }
    }
    expect(made.filter((k) => k === 'hot')).toEqual(['hot']);
    expect(made).toHaveLength(101);
  });

  it('never remembers long keys', () => {
    let calls = 0;
    const cache = recentCache<number>(8, 4);
    for (let i = 0; i < 3; i++) cache.get('longer', () => ++calls);
    expect(calls).toBe(3);
  });
});

describe('partition keys with the memo', () => {
  it('match the uncached HMAC for every identifier, across many generation turnovers', () => {
    const cached = partitionKeys('secret', 16);
    const plain = partitionKeys('secret', 0);
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < 200; i++) {
        const id = `198.51.100.${i % 97}:${i % 7}`;
        expect(cached('read', id)).toBe(plain('read', id));
        expect(cached('write', id)).toBe(plain('write', id));
      }
    }
  });

  it('stay stable for one identifier while thousands of others pass, with a random secret too', () => {
    const pk = partitionKeys();
    const first = pk('read', '203.0.113.9');
    for (let i = 0; i < 5000; i++) pk('read', `10.0.${i >> 8}.${i & 255}`);
    expect(pk('read', '203.0.113.9')).toBe(first);
    expect(pk('read', '203.0.113.9')).not.toContain('203');
  });
});

describe('normalisePath fast path', () => {
  // Segments, mostly already normal, so that many generated paths take the fast path.
  const segment = fc.constantFrom(
    'a',
    'b1',
    'Z',
    '.',
    '..',
    '...',
    '.x',
    '%2e',
    '%41',
    '~-_',
    ':@',
    '',
    'é',
    '"',
    ' ',
    'a?b',
  );
  const paths = fc
    .tuple(fc.boolean(), fc.array(segment, { maxLength: 6 }), fc.boolean())
    .map(([lead, parts, trail]) => `${lead ? '/' : ''}${parts.join('/')}${trail ? '/' : ''}`);

  it('returns exactly what the segment steps return, for every spelling', () => {
    fc.assert(
      fc.property(paths, fc.boolean(), (path, caseSensitive) => {
        const cut = path.search(/[?#]/);
        const raw = cut === -1 ? path : path.slice(0, cut);
        expect(normalisePath(path, caseSensitive)).toBe(normaliseSegments(raw, caseSensitive));
      }),
      { numRuns: 3000 },
    );
  });

  it('hands back already normal paths as they are', () => {
    for (const path of ['/', '/api/items/42', "/a.b/~c-d/e_f/(x)!$&'*+,;=:@", '/...', '/.well-known/x']) {
      expect(normalisePath(path)).toBe(path);
    }
    expect(normalisePath('/Api')).toBe('/api');
    expect(normalisePath('/Api', true)).toBe('/Api');
  });
});

describe('legacy reset as ISO 8601', () => {
  const at = (resetAt: number) => ({ resetAt, now: resetAt - 1000, limit: 1, remaining: 0 }) as Decision;

  it('follows every change of the reset time', () => {
    expect(legacyHeaders(at(1_700_000_000_000), 'iso')['X-RateLimit-Reset']).toBe('2023-11-14T22:13:20.000Z');
    expect(legacyHeaders(at(1_700_000_060_000), 'iso')['X-RateLimit-Reset']).toBe('2023-11-14T22:14:20.000Z');
    expect(legacyHeaders(at(1_700_000_000_000), 'iso')['X-RateLimit-Reset']).toBe('2023-11-14T22:13:20.000Z');
  });
});

describe('createHttpLimiter per-request memos', () => {
  const view = (ip: string) => ({ method: 'GET', path: '/', headers: () => undefined, remoteAddress: ip });

  it('keeps thousands of clients apart through the address memo, IPv6 grouped by /56', async () => {
    const http = createHttpLimiter({
      store: memoryStore(),
      rules: { maxRequests: 1, windowMs: 60_000 },
      now: () => NOW,
    });
    const addresses = Array.from({ length: 3000 }, (_, i) => `10.${i >> 16}.${(i >> 8) & 255}.${i & 255}`);
    for (const ip of addresses) expect((await http.evaluate(view(ip), undefined)).action).toBe('next');
    for (const ip of addresses.slice(0, 50)) expect((await http.evaluate(view(ip), undefined)).action).toBe('reject');
    expect((await http.evaluate(view('2001:db8:0:ab01::1'), undefined)).action).toBe('next');
    expect((await http.evaluate(view('2001:db8:0:abff::2'), undefined)).action).toBe('reject');
    expect((await http.evaluate(view('2001:db8:0:ac00::1'), undefined)).action).toBe('next');
  });

  it('gives synchronous and asynchronous key sources the same identifier and partition key', async () => {
    const store = memoryStore();
    const options = (userId: (ctx: { user: string }) => string | Promise<string>) =>
      createHttpLimiter({
        store,
        rules: { maxRequests: 1, windowMs: 60_000 },
        key: ['ip', 'user'],
        userId,
        partitionKeySecret: 'shared',
        now: () => NOW,
      });
    const sync = options((ctx) => ctx.user);
    const later = options(async (ctx) => ctx.user);
    const first = await sync.evaluate(view('203.0.113.9'), { user: 'u:1' });
    const second = await later.evaluate(view('203.0.113.9'), { user: 'u:1' });
    expect([first.action, second.action]).toEqual(['next', 'reject']);
    expect(second.headers.RateLimit?.split(';pk=')[1]).toBe(first.headers.RateLimit?.split(';pk=')[1]);
    expect((await later.evaluate(view('203.0.113.9'), { user: 'u:2' })).action).toBe('next');
  });

  it('stops looking for forwarding headers once their warning was given', () => {
    const warnings = createWarnings({ onWarning: () => {} });
    expect(warnings.pending('RL_W_UNTRUSTED_FORWARDED_HEADER')).toBe(true);
    warnings.warn('RL_W_UNTRUSTED_FORWARDED_HEADER', 'x');
    expect(warnings.pending('RL_W_UNTRUSTED_FORWARDED_HEADER')).toBe(false);
    expect(createWarnings({ validate: false }).pending('RL_W_NO_CLIENT_IP')).toBe(false);
  });
});
