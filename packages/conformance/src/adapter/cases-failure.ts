import { expect } from 'vitest';
import type { Case } from './case.js';
import { FALLBACK_LIMIT } from './scenario.js';

/** What a request gets when the store is down. */
export function failureCases(test: Case): void {
  test(
    'fail-open',
    'lets requests through without X-RateLimit headers when the store fails (default)',
    async (open) => {
      const client = await open({ preset: 'read', store: 'failing' });
      for (let i = 0; i < 3; i++) {
        const reply = await client.send('/x');
        expect(reply.status).toBe(200);
        expect(reply.headers.has('x-ratelimit-limit')).toBe(false);
        expect(reply.headers.has('ratelimit')).toBe(false);
        if (client.handlerSeesDecision)
          expect(reply.info).toMatchObject({ allowed: true, reason: 'store_unavailable' });
      }
    },
  );

  test('fail-closed', 'refuses with 503 (never 429) when the store fails under fail-closed', async (open) => {
    const client = await open({ preset: 'read', store: 'failing', failure: 'fail-closed' });
    const reply = await client.send('/x');
    expect(reply.status).toBe(503);
    expect(reply.headers.get('retry-after')).toBe('1');
    expect(JSON.parse(reply.body).error.code).toBe('RATE_LIMITER_UNAVAILABLE');
    const problem = await open({ preset: 'read', store: 'failing', failure: 'fail-closed', response: 'problem' });
    const typed = await problem.send('/x');
    expect(typed.status).toBe(503);
    expect(JSON.parse(typed.body).type).toBe(
      'https://iana.org/assignments/http-problem-types#temporary-reduced-capacity',
    );
  });

  test(
    'fallback',
    'falls back to an in-process limiter with normal headers and 429s when the store fails',
    async (open) => {
      const client = await open({ preset: 'read', store: 'failing', failure: 'fallback' });
      for (let i = 0; i < FALLBACK_LIMIT; i++) {
        const reply = await client.send('/x');
        expect(reply.status).toBe(200);
        expect(reply.headers.get('x-ratelimit-limit')).toBe(String(FALLBACK_LIMIT));
        if (client.handlerSeesDecision) expect(reply.info).toMatchObject({ allowed: true, reason: 'fallback' });
      }
      const refused = await client.send('/x');
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    },
  );
}
