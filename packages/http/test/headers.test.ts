import type { Decision } from '@rl/core';
import { describe, expect, it } from 'vitest';
import {
  ietfHeaders,
  legacyHeaders,
  limitExceeded,
  limiterUnavailable,
  partitionKeys,
  rateLimitHeaders,
  resolveHeaderOptions,
} from '../src/index.js';

const NOW = 1_700_000_020_000;
const rule = (name: string, limit: number, windowMs: number, remaining: number, resetAt: number, allowed = true) => ({
  name,
  algorithm: 'fixed-window' as const,
  limit,
  windowMs,
  allowed,
  remaining,
  resetAt,
  retryAfterMs: allowed ? 0 : resetAt - NOW,
});

const denied: Decision = {
  allowed: false,
  reason: 'limit',
  rule: 'burst',
  limit: 5,
  remaining: 0,
  resetAt: NOW + 40_000,
  retryAfterMs: 40_000,
  cost: 1,
  now: NOW,
  rules: [rule('burst', 5, 60_000, 0, NOW + 40_000, false), rule('daily', 1000, 86_400_000, 995, NOW + 3_600_500)],
};

describe('rate-limit headers', () => {
  it('writes legacy headers with the reset as epoch seconds, ISO 8601 or delta seconds', () => {
    expect(legacyHeaders(denied, 'epoch')).toEqual({
      'X-RateLimit-Limit': '5',
      'X-RateLimit-Remaining': '0',
      'X-RateLimit-Reset': '1700000060',
    });
    expect(legacyHeaders(denied, 'iso')['X-RateLimit-Reset']).toBe('2023-11-14T22:14:20.000Z');
    expect(legacyHeaders(denied, 'delta')['X-RateLimit-Reset']).toBe('40');
  });

  it('writes draft-11 RateLimit and RateLimit-Policy lists, one item per rule', () => {
    expect(ietfHeaders(denied, 'AAECAwQFBgcICQoL')).toEqual({
      'RateLimit-Policy': '"burst";q=5;w=60;pk=:AAECAwQFBgcICQoL:, "daily";q=1000;w=86400;pk=:AAECAwQFBgcICQoL:',
      RateLimit: '"burst";r=0;t=40;pk=:AAECAwQFBgcICQoL:, "daily";r=995;t=3601;pk=:AAECAwQFBgcICQoL:',
    });
    expect(ietfHeaders(denied).RateLimit).toBe('"burst";r=0;t=40, "daily";r=995;t=3601');
  });

  it('adds Retry-After (whole seconds ≥ 1) on denials only, and honours each family switch', () => {
    const all = rateLimitHeaders(denied, resolveHeaderOptions(undefined), () => 'AAECAwQFBgcICQoL');
    expect(all['Retry-After']).toBe('40');
    expect(Object.keys(all).sort()).toEqual([
      'RateLimit',
      'RateLimit-Policy',
      'Retry-After',
      'X-RateLimit-Limit',
      'X-RateLimit-Remaining',
      'X-RateLimit-Reset',
    ]);
    expect(rateLimitHeaders({ ...denied, retryAfterMs: 1 }, resolveHeaderOptions(true))['Retry-After']).toBe('1');
    expect(
      rateLimitHeaders({ ...denied, allowed: true, retryAfterMs: 0 }, resolveHeaderOptions(true)),
    ).not.toHaveProperty('Retry-After');
    expect(rateLimitHeaders(denied, resolveHeaderOptions(false))).toEqual({});
    expect(Object.keys(rateLimitHeaders(denied, resolveHeaderOptions({ legacy: false, retryAfter: false })))).toEqual([
      'RateLimit-Policy',
      'RateLimit',
    ]);
    expect(() => resolveHeaderOptions({ legacy: 'unix' as never })).toThrow(/headers.legacy/);
  });

  it('derives partition keys with a keyed hash: stable per secret, never the identifier', () => {
    const a = partitionKeys('secret');
    const b = partitionKeys('other');
    expect(a('read', '203.0.113.9')).toBe(a('read', '203.0.113.9'));
    expect(a('read', '203.0.113.9')).not.toBe(a('read', '203.0.113.10'));
    expect(a('read', '203.0.113.9')).not.toBe(b('read', '203.0.113.9'));
    expect(a('read', '203.0.113.9')).toMatch(/^[A-Za-z0-9+/]{16}$/);
    expect(partitionKeys()('read', 'x')).not.toBe(partitionKeys()('read', 'x'));
  });
});

describe('refusal bodies', () => {
  it('matches the seeds JSON and the draft problem type', () => {
    expect(JSON.parse(limitExceeded('json', 'Too many requests. Please try again later.', 45, ['burst']).body)).toEqual(
      {
        error: { code: 'RATE_LIMIT_EXCEEDED', message: 'Too many requests. Please try again later.', retryAfter: 45 },
      },
    );
    const problem = limitExceeded('problem', 'Slow down.', 45, ['burst']);
    expect(problem.contentType).toBe('application/problem+json');
    expect(JSON.parse(problem.body)).toMatchObject({
      type: 'https://iana.org/assignments/http-problem-types#quota-exceeded',
      status: 429,
      'violated-policies': ['burst'],
    });
    expect(limiterUnavailable('json').status).toBe(503);
    expect(JSON.parse(limiterUnavailable('problem').body).type).toMatch(/temporary-reduced-capacity$/);
  });
});
