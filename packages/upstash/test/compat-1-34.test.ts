import { createLimiter, fixedWindow, type Limiter, RateLimitError, slidingLog } from '@rl/core';
// The oldest @upstash/redis the peer range allows, installed under an alias.
import { Redis as Redis134 } from 'upstash-redis-1-34';
import { Redis as Cloudflare134 } from 'upstash-redis-1-34/cloudflare';
import { describe, expect, it } from 'vitest';
import { readUpstashSettings } from '../src/client-checks.js';
import { upstashStore } from '../src/index.js';
import { useUpstash } from './helpers/upstash-fixture.js';

const fixture = useUpstash();

async function failure(limiter: Limiter): Promise<RateLimitError> {
  const error = await limiter.limit('u').then(
    () => new Error('expected a rejection'),
    (reason: unknown) => reason,
  );
  if (!(error instanceof RateLimitError)) throw error;
  return error;
}

describe('@upstash/redis 1.34.0 (the bottom of the peer range)', () => {
  const make = (options: Record<string, unknown> = {}) =>
    new Redis134({
      url: fixture.gateway.url,
      token: fixture.gateway.token,
      enableTelemetry: false,
      retry: { retries: 0 },
      ...options,
    });

  for (const options of [{}, { enableAutoPipelining: false, automaticDeserialization: false }]) {
    it(`limits exactly, and survives SCRIPT FLUSH, with ${JSON.stringify(options)}`, async () => {
      const limiter = createLimiter({
        store: upstashStore({ client: make(options) }),
        rules: [fixedWindow({ limit: 3, window: '1h' }), slidingLog({ limit: 10, window: '1h' })],
        prefix: `rl-134-${Object.keys(options).length}`,
      });
      const first = await Promise.all(Array.from({ length: 5 }, () => limiter.limit('u')));
      expect(first.filter((d) => d.allowed)).toHaveLength(3); // separate requests may land in any order
      await fixture.redis('SCRIPT', 'FLUSH');
      expect(await limiter.peek('u')).toMatchObject({ allowed: false, remaining: 0 });
      await limiter.reset('u');
      expect(await limiter.limit('u')).toMatchObject({ allowed: true, remaining: 2 });
    });
  }

  it('the /cloudflare entry of 1.34 works too', async () => {
    const client = new Cloudflare134({ url: fixture.gateway.url, token: fixture.gateway.token, retry: { retries: 0 } });
    const limiter = createLimiter({
      store: upstashStore({ client }),
      rules: fixedWindow({ limit: 1, window: '1h' }),
      prefix: 'rl-134-cf',
    });
    expect((await limiter.limit('u')).allowed).toBe(true);
    expect((await limiter.limit('u')).allowed).toBe(false);
  });

  it('errors map the same: wrong token, unreachable endpoint', async () => {
    const wrong = createLimiter({
      store: upstashStore({ client: make({ token: 'wrong' }) }),
      rules: fixedWindow({ limit: 1, window: '1h' }),
    });
    const denied = await failure(wrong);
    expect(denied.code).toBe('RL_STORE_UNAVAILABLE');
    expect(denied.message).toMatch(/Upstash rejected the REST token/);
    const gone = createLimiter({
      store: upstashStore({ client: make({ url: 'http://127.0.0.1:9' }) }),
      rules: fixedWindow({ limit: 1, window: '1h' }),
    });
    expect((await failure(gone)).code).toBe('RL_STORE_UNAVAILABLE');
  });

  it('its retry settings are read the same way', () => {
    expect(readUpstashSettings(make({ retry: undefined }))).toEqual({ retries: 5, signal: 'none' });
    expect(readUpstashSettings(make({ retry: false }))).toEqual({ retries: 1, signal: 'none' });
    expect(readUpstashSettings(make())).toEqual({ retries: 0, signal: 'none' });
  });
});
