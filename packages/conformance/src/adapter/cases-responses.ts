import { expect } from 'vitest';
import { type Case, RETRY_AFTER, times } from './case.js';

/** Statuses, bodies and the Decision handlers see. */
export function responseCases(test: Case): void {
  test('json-429', 'admits the limit, then answers 429 with the seeds JSON body', async (open) => {
    const client = await open({ rules: { maxRequests: 3, windowMs: 60_000 } });
    const replies = [];
    for (let i = 0; i < 5; i++) replies.push(await client.send('/api/items'));
    expect(replies.map((r) => r.status)).toEqual([200, 200, 200, 429, 429]);
    const refused = replies[3]!;
    expect(refused.headers.get('content-type')).toMatch(/^application\/json/);
    expect(JSON.parse(refused.body)).toEqual({
      error: { code: 'RATE_LIMIT_EXCEEDED', message: 'Too many requests. Please try again later.', retryAfter: 40 },
    });
    expect(refused.headers.get('retry-after')).toBe(RETRY_AFTER);
  });

  test('problem-json', 'answers application/problem+json of type quota-exceeded when asked', async (open) => {
    const client = await open({
      rules: [{ maxRequests: 1, windowMs: 60_000, name: 'burst' }],
      response: 'problem',
      message: 'Slow down.',
    });
    await client.send('/x');
    const refused = await client.send('/x');
    expect(refused.status).toBe(429);
    expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(JSON.parse(refused.body)).toEqual({
      type: 'https://iana.org/assignments/http-problem-types#quota-exceeded',
      title: 'Request cannot be satisfied as assigned quota has been exceeded',
      status: 429,
      detail: 'Slow down.',
      'violated-policies': ['burst'],
    });
  });

  test('custom-message', 'puts a custom message in the JSON body', async (open) => {
    const client = await open({ preset: 'auth', message: 'Too many login attempts.' });
    const replies = [];
    for (const _ of times(6, (i) => i)) replies.push(await client.send('/login', { method: 'POST' }));
    expect(JSON.parse(replies[5]!.body).error.message).toBe('Too many login attempts.');
  });

  test('decision-in-handler', 'gives the handler the Decision (remaining, route, reason)', async (open) => {
    const client = await open({ routes: [{ path: '/api/*', preset: 'read' }] });
    const first = await client.send('/api/items');
    const second = await client.send('/api/items');
    expect(first.info).toEqual({ allowed: true, reason: 'ok', remaining: 99, route: 'read' });
    expect(second.info).toEqual({ allowed: true, reason: 'ok', remaining: 98, route: 'read' });
    expect((await client.send('/other')).info).toBe('none');
  });
}
