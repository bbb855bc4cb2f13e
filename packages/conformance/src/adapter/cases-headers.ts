import { expect } from 'vitest';
import { type Case, RESET_EPOCH_SECONDS, RESET_ISO, RETRY_AFTER } from './case.js';

const LEGACY = ['x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset'];
const IETF = ['ratelimit', 'ratelimit-policy'];
const PK = /^[A-Za-z0-9+/]{16}$/;

/** Legacy, IETF and Retry-After headers, each family on and off. */
export function headerCases(test: Case): void {
  test('legacy-epoch', 'sends X-RateLimit-* with the reset as epoch seconds by default', async (open) => {
    const client = await open({ rules: { maxRequests: 2, windowMs: 60_000 } });
    const first = await client.send('/x');
    expect(first.headers.get('x-ratelimit-limit')).toBe('2');
    expect(first.headers.get('x-ratelimit-remaining')).toBe('1');
    expect(first.headers.get('x-ratelimit-reset')).toBe(RESET_EPOCH_SECONDS);
    await client.send('/x');
    const refused = await client.send('/x');
    expect(refused.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(refused.headers.get('retry-after')).toBe(RETRY_AFTER);
  });

  test('legacy-iso-delta', 'writes the reset as ISO 8601 or as delta seconds when asked', async (open) => {
    const iso = await open({ rules: { maxRequests: 2, windowMs: 60_000 }, headers: { legacy: 'iso' } });
    expect((await iso.send('/x')).headers.get('x-ratelimit-reset')).toBe(RESET_ISO);
    const delta = await open({ rules: { maxRequests: 2, windowMs: 60_000 }, headers: { legacy: 'delta' } });
    expect((await delta.send('/x')).headers.get('x-ratelimit-reset')).toBe('40');
  });

  test('ietf', 'sends draft-11 RateLimit and RateLimit-Policy with a hashed partition key', async (open) => {
    const client = await open({ rules: { maxRequests: 5, windowMs: 60_000, name: 'default' } });
    const reply = await client.send('/x');
    const policy = /^"default";q=5;w=60;pk=:([^:]+):$/.exec(reply.headers.get('ratelimit-policy') ?? '');
    const limit = /^"default";r=4;t=40;pk=:([^:]+):$/.exec(reply.headers.get('ratelimit') ?? '');
    expect(policy?.[1]).toMatch(PK);
    expect(limit?.[1]).toBe(policy?.[1]);
    const other = await client.send('/x', { peer: '198.51.100.8' });
    expect(other.headers.get('ratelimit-policy')).not.toBe(reply.headers.get('ratelimit-policy'));
  });

  test('families-off', 'leaves out each header family that is switched off', async (open) => {
    const none = await open({ rules: { maxRequests: 1, windowMs: 60_000 }, headers: false });
    await none.send('/x');
    const refused = await none.send('/x');
    expect(refused.status).toBe(429);
    for (const name of [...LEGACY, ...IETF, 'retry-after']) expect(refused.headers.has(name), name).toBe(false);
    const ietfOnly = await open({ rules: { maxRequests: 1, windowMs: 60_000 }, headers: { legacy: false } });
    await ietfOnly.send('/x');
    const reply = await ietfOnly.send('/x');
    for (const name of LEGACY) expect(reply.headers.has(name), name).toBe(false);
    for (const name of [...IETF, 'retry-after']) expect(reply.headers.has(name), name).toBe(true);
  });

  test('retry-after', 'sends Retry-After as a whole number ≥ 1 on every 429', async (open) => {
    const client = await open({ rules: { maxRequests: 1, windowMs: 1_000, algorithm: 'sliding-log' } });
    await client.send('/x');
    for (let i = 0; i < 3; i++) {
      const refused = await client.send('/x');
      expect(refused.status).toBe(429);
      expect(refused.headers.get('retry-after')).toMatch(/^[1-9]\d*$/);
    }
  });
}
