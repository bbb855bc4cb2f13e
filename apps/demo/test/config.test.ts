import { describe, expect, it } from 'vitest';
import { parseJsonBody } from '../src/api/json-body.ts';
import { sseEvent } from '../src/api/sse.ts';
import { networkFor } from '../src/config/network.ts';
import { accountKey, demoRules } from '../src/config/routes.ts';
import { readSettings } from '../src/config/settings.ts';
import { createDecisionFeed } from '../src/feed/decision-feed.ts';

describe('settings', () => {
  it('defaults to the seeds: RL_MSG_MAX 60, RL_STREAM_MAX 30, the fallback policy', () => {
    expect(readSettings({})).toEqual({
      messageMax: 60,
      streamMax: 30,
      streamConcurrency: 3,
      meteredMax: 100,
      failurePolicy: 'fallback',
      trustProxy: 0,
      partitionKeySecret: undefined,
    });
    expect(demoRules(readSettings({ RL_MSG_MAX: '7' })).message).toMatchObject({ limit: 7, windowMs: 60_000 });
  });

  it('rejects malformed variables, naming them', () => {
    expect(() => readSettings({ RL_MSG_MAX: 'sixty' })).toThrow(/RL_MSG_MAX.*"sixty"/);
    expect(() => readSettings({ RL_STREAM_MAX: '0' })).toThrow(/RL_STREAM_MAX/);
    expect(() => readSettings({ RL_FAILURE_POLICY: 'open' })).toThrow(/RL_FAILURE_POLICY.*"open"/);
    expect(() => readSettings({ TRUST_PROXY: '-1' })).toThrow(/TRUST_PROXY/);
  });

  it('finds clients per server: the socket or TRUST_PROXY hops on Node, CF-Connecting-IP on Workers, one hop on Next', () => {
    expect(networkFor('express', readSettings({}))).toEqual({ trustProxy: false, ipHeader: 'x-forwarded-for' });
    expect(networkFor('hono', readSettings({ TRUST_PROXY: '2' }))).toEqual({
      trustProxy: 2,
      ipHeader: 'x-forwarded-for',
    });
    expect(networkFor('worker', readSettings({}))).toEqual({ trustProxy: 1, ipHeader: 'cf-connecting-ip' });
    expect(networkFor('next', readSettings({}))).toEqual({ trustProxy: 1, ipHeader: 'x-forwarded-for' });
  });
});

describe('request helpers', () => {
  it('identifies login accounts case-insensitively', () => {
    expect(accountKey(' Victim@Example.COM ')).toBe('victim@example.com');
    expect(accountKey(undefined)).toBe('anonymous');
    expect(accountKey('   ')).toBe('anonymous');
  });

  it('parses JSON bodies as express.json() does', () => {
    expect(parseJsonBody('application/json; charset=utf-8', '{"a":1}')).toEqual({ value: { a: 1 } });
    expect(parseJsonBody('application/problem+json', '[1]')).toEqual({ value: [1] });
    expect(parseJsonBody('text/plain', '{"a":1}')).toEqual({ value: undefined });
    expect(parseJsonBody('application/json', '  ')).toEqual({ value: undefined });
    expect(parseJsonBody('application/json', '{"a":')).toEqual({ invalid: true });
  });

  it('writes SSE events with multi-line data split into data lines', () => {
    expect(sseEvent('token', { text: 'hi' })).toBe('event: token\ndata: {"text":"hi"}\n\n');
    expect(sseEvent('note', 'a\nb', 5000)).toBe('retry: 5000\nevent: note\ndata: a\ndata: b\n\n');
  });
});

describe('the decision feed', () => {
  it('counts outcomes per route and keeps the latest decisions, newest first, bounded', () => {
    let now = 1000;
    const feed = createDecisionFeed(2, () => now++);
    const base = { rule: 'public', limit: 10, remaining: 3, retryAfterMs: 0 };
    feed.record('public', { ...base, allowed: true, reason: 'ok' });
    feed.record('public', { ...base, allowed: false, reason: 'limit', retryAfterMs: 900 });
    feed.record('login', { ...base, allowed: true, reason: 'fallback' });
    const snapshot = feed.snapshot();
    expect(snapshot.totals).toEqual({ allowed: 1, limited: 1, fallback: 1, unavailable: 0, shadow: 0 });
    expect(snapshot.routes['public']).toMatchObject({ allowed: 1, limited: 1 });
    expect(snapshot.recent.map((entry) => [entry.route, entry.outcome])).toEqual([
      ['login', 'fallback'],
      ['public', 'limited'],
    ]);
  });
});
