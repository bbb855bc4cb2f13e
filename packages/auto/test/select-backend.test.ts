import type { RateLimitError } from '@rl/core';
import { describe, expect, it } from 'vitest';
import { describeSelection, selectBackend } from '../src/index.js';

function errorOf(run: () => unknown): RateLimitError {
  try {
    run();
  } catch (e) {
    return e as RateLimitError;
  }
  throw new Error('expected an error');
}

describe('selectBackend', () => {
  it('prefers Upstash, then Redis over TCP, then memory', () => {
    const upstash = { UPSTASH_REDIS_REST_URL: 'https://eu1-x.upstash.io', UPSTASH_REDIS_REST_TOKEN: 'tok' };
    const both = { ...upstash, REDIS_URL: 'redis://cache:6379' };
    expect(selectBackend(both)).toMatchObject({
      backend: 'upstash',
      url: 'https://eu1-x.upstash.io',
      token: 'tok',
      timeoutMs: 1000,
    });
    expect(selectBackend({ REDIS_URL: 'redis://cache:6379' })).toMatchObject({
      backend: 'redis',
      connection: { host: 'cache', port: 6379, tls: false, db: 0 },
      timeoutMs: 200,
      variables: ['REDIS_URL'],
    });
    expect(selectBackend({})).toMatchObject({ backend: 'memory', disabled: false, production: false });
  });

  it('accepts an https REDIS_URL with REDIS_TOKEN as Upstash, as one of the seeds configures it', () => {
    const selection = selectBackend({ REDIS_URL: 'https://x.upstash.io/', REDIS_TOKEN: 't' });
    expect(selection).toMatchObject({
      backend: 'upstash',
      url: 'https://x.upstash.io',
      variables: ['REDIS_URL', 'REDIS_TOKEN'],
    });
  });

  it('reads REDIS_HOST / REDIS_PORT / REDIS_PASSWORD / REDIS_TLS / REDIS_TIMEOUT, and lets them complete REDIS_URL', () => {
    expect(
      selectBackend({ REDIS_HOST: 'redis', REDIS_PORT: '6380', REDIS_PASSWORD: 'pw', REDIS_TLS: 'true' }),
    ).toMatchObject({
      backend: 'redis',
      connection: { host: 'redis', port: 6380, password: 'pw', tls: true },
    });
    const azure = selectBackend({
      REDIS_URL: 'redis://cache.windows.net:6380',
      REDIS_PASSWORD: 'key',
      REDIS_TLS: 'TRUE',
      REDIS_TIMEOUT: '5000',
    });
    expect(azure).toMatchObject({ connection: { password: 'key', tls: true, port: 6380 }, timeoutMs: 5000 });
    const url = selectBackend({ REDIS_URL: 'rediss://default:s%40cret@[::1]:7000/2' });
    expect(url).toMatchObject({
      connection: { host: '::1', port: 7000, username: 'default', password: 's@cret', tls: true, db: 2 },
    });
    expect(describeSelection(url)).toBe('Redis at rediss://default:***@[::1]:7000/2');
    expect(selectBackend({ REDIS_PORT: '6390' })).toMatchObject({ connection: { host: '127.0.0.1', port: 6390 } });
  });

  it('uses memory when REDIS_ENABLED=false, and treats blank variables as unset', () => {
    expect(selectBackend({ REDIS_URL: 'redis://cache:6379', REDIS_ENABLED: 'false' })).toMatchObject({
      backend: 'memory',
      disabled: true,
    });
    expect(selectBackend({ REDIS_URL: '  ', NODE_ENV: 'production', SKIP_REDIS_WARNING: '1' })).toMatchObject({
      backend: 'memory',
      production: true,
      silenced: true,
    });
  });

  it('rejects malformed values with RL_INVALID_CONFIG naming the variable, never printing secrets', () => {
    const cases: [Record<string, string>, string][] = [
      [
        { UPSTASH_REDIS_REST_URL: 'redis://default:hunter2@x.upstash.io:6379', UPSTASH_REDIS_REST_TOKEN: 't' },
        'UPSTASH_REDIS_REST_URL',
      ],
      [{ UPSTASH_REDIS_REST_URL: 'https://x.upstash.io' }, 'UPSTASH_REDIS_REST_TOKEN'],
      [{ UPSTASH_REDIS_REST_TOKEN: 'hunter2' }, 'UPSTASH_REDIS_REST_URL'],
      [{ REDIS_URL: 'https://x.upstash.io' }, 'REDIS_TOKEN'],
      [{ REDIS_URL: 'http//cache:6379' }, 'REDIS_URL'],
      [{ REDIS_URL: 'memcached://cache' }, 'REDIS_URL'],
      [{ REDIS_URL: 'redis://cache:6379/notadb' }, 'REDIS_URL'],
      [{ REDIS_HOST: 'cache', REDIS_PORT: 'six' }, 'REDIS_PORT'],
      [{ REDIS_PORT: '70000' }, 'REDIS_PORT'],
      [{ REDIS_URL: 'redis://cache', REDIS_TIMEOUT: 'fast' }, 'REDIS_TIMEOUT'],
      [{ REDIS_URL: 'redis://cache', REDIS_TIMEOUT: '0' }, 'REDIS_TIMEOUT'],
      [{ REDIS_URL: 'redis://cache', REDIS_TLS: 'maybe' }, 'REDIS_TLS'],
      [{ REDIS_URL: 'rediss://cache', REDIS_TLS: 'false' }, 'REDIS_TLS'],
      [{ REDIS_ENABLED: 'nah' }, 'REDIS_ENABLED'],
      [{ SKIP_REDIS_WARNING: 'please' }, 'SKIP_REDIS_WARNING'],
    ];
    for (const [env, variable] of cases) {
      const error = errorOf(() => selectBackend(env));
      expect(error.code, variable).toBe('RL_INVALID_CONFIG');
      expect(error.details.variable, JSON.stringify(env)).toBe(variable);
      expect(error.message).toContain(variable);
      expect(error.message).not.toContain('hunter2');
    }
    expect(errorOf(() => selectBackend({ REDIS_URL: 42 as unknown as string })).details.variable).toBe('REDIS_URL');
  });

  it('notes variables it ignores', () => {
    const selection = selectBackend({ REDIS_URL: 'redis://cache', REDIS_HOST: 'other', REDIS_TOKEN: 'x' });
    expect(selection.notes).toHaveLength(2);
  });
});
