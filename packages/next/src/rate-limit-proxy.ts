import { invalidConfig } from '@rl/core';
import { createHttpLimiter } from '@rl/http';
import { type NextFetchEvent, type NextRequest, NextResponse } from 'next/server.js';
import { type NextRateLimitOptions, refusal } from './options.js';
import { nextView, withHeaders } from './request-view.js';

/** A Next proxy (`proxy.ts`, Next 16) or middleware (`middleware.ts`, Next 15) function. */
export type NextProxy = (req: NextRequest, event?: NextFetchEvent) => Promise<Response>;

/**
 * Rate limiting in `proxy.ts` (Next 16) or `middleware.ts` (Next 15, edge runtime): refused requests
 * get the 429 there; admitted ones continue (to `then`, if given, else `NextResponse.next()`) with
 * the rate-limit headers added. The proxy cannot see the final status, so `skipSuccessfulRequests`
 * and `skipFailedRequests` belong in {@link withRateLimit}.
 *
 * @example
 * // proxy.ts (Next 16) — or middleware.ts with `export const middleware = ...` (Next 15)
 * import { rateLimitProxy } from '@rl/next'
 * import { memoryStore } from '@rl/memory'
 *
 * export const proxy = rateLimitProxy({
 *   store: memoryStore(),
 *   trustProxy: 1, // the platform appends the client address to X-Forwarded-For
 *   routes: [
 *     { path: '/api/auth/*', methods: 'POST', preset: 'auth' },
 *     { path: '/api/*', rules: { maxRequests: 100, windowMs: 60_000 } },
 *   ],
 * })
 * export const config = { matcher: '/api/:path*' }
 */
export function rateLimitProxy(
  options: NextRateLimitOptions,
  then?: (req: NextRequest, event?: NextFetchEvent) => Response | undefined | Promise<Response | undefined>,
): NextProxy {
  for (const name of ['skipSuccessfulRequests', 'skipFailedRequests'] as const) {
    if (options?.[name]) {
      throw invalidConfig(
        name,
        true,
        'false in a proxy, which never sees the response status: use withRateLimit(handler) in the route',
      );
    }
  }
  const http = createHttpLimiter<NextRequest>(options);
  return async (req, event) => {
    const result = await http.evaluate(nextView(req, options.remoteAddress), req);
    if (result.action === 'reject') return refusal(req, result, options);
    const response = (then ? await then(req, event) : undefined) ?? NextResponse.next();
    return withHeaders(response, result.headers);
  };
}
