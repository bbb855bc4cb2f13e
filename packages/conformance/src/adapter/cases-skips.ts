import { expect } from 'vitest';
import type { Case } from './case.js';

/**
 * skip, refunds once the status is known, and shadow mode. Refund cases send one request at a time:
 * a refund lands when the response's status is written, before the client can read it.
 */
export function skipCases(test: Case): void {
  test('skip', 'leaves skipped requests unlimited and without headers', async (open) => {
    const client = await open({ rules: { maxRequests: 1, windowMs: 60_000 }, skipHeader: true });
    expect(await client.admitted(4, () => ({ path: '/x', headers: { 'x-skip': '1' } }))).toBe(4);
    const skipped = await client.send('/x', { headers: { 'x-skip': '1' } });
    expect(skipped.headers.has('x-ratelimit-limit')).toBe(false);
    expect(await client.admitted(3, () => ({ path: '/x' }))).toBe(1);
  });

  test('skip-successful', 'gives back the charge of successful responses (skipSuccessfulRequests)', async (open) => {
    const client = await open({ rules: { maxRequests: 2, windowMs: 60_000 }, skipSuccessfulRequests: true });
    for (let i = 0; i < 6; i++) expect((await client.send('/x?status=200')).status).toBe(200);
    for (let i = 0; i < 2; i++) expect((await client.send('/x?status=422')).status).toBe(422);
    expect((await client.send('/x?status=200')).status).toBe(429);
  });

  test('skip-failed', 'gives back the charge of failed responses (skipFailedRequests)', async (open) => {
    const client = await open({ rules: { maxRequests: 2, windowMs: 60_000 }, skipFailedRequests: true });
    for (let i = 0; i < 4; i++) expect((await client.send('/x?status=503')).status).toBe(503);
    expect((await client.send('/x?status=404')).status).toBe(404);
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await client.send('/x?status=201')).status);
    expect(statuses).toEqual([201, 201, 429, 429]);
  });

  test('shadow', 'decides and reports in shadow mode but never blocks', async (open) => {
    const client = await open({ rules: { maxRequests: 2, windowMs: 60_000 }, shadow: true });
    const replies = [];
    for (let i = 0; i < 4; i++) replies.push(await client.send('/x'));
    expect(replies.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    if (client.handlerSeesDecision) {
      expect(replies[3]!.info).toEqual({ allowed: true, reason: 'shadow', remaining: 0, route: 'default' });
    }
    expect(replies[3]!.headers.has('x-ratelimit-remaining')).toBe(false);
  });
}
