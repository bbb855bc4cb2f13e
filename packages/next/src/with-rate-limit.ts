import { invalidConfig } from '@rl/core';
import { createHttpLimiter, type RateLimitInfo } from '@rl/http';
import type { NextRequest } from 'next/server.js';
import { type NextRateLimitOptions, refusal } from './options.js';
import { nextView, withHeaders } from './request-view.js';

/** A route handler that also receives the Decision. */
export type LimitedHandler<C> = (
  req: NextRequest,
  context: C,
  info: RateLimitInfo | undefined,
) => Response | Promise<Response>;

/**
 * Wraps an App Router route handler: refused requests get the 429 without running it; admitted
 * ones run it with the Decision as third argument, get the rate-limit headers, and are refunded
 * under `skipSuccessfulRequests` / `skipFailedRequests` once their status is known.
 *
 * @example
 * // app/api/messages/route.ts
 * import { withRateLimit } from '@rl/next'
 * import { store } from '@/lib/rate-limit-store'
 *
 * export const POST = withRateLimit(
 *   async (req, _ctx, info) => Response.json({ ok: true, left: info?.remaining }),
 *   { store, rules: { maxRequests: 50, windowMs: 60_000 }, key: ['route', 'ip', 'user'], userId: (req) => req.cookies.get('uid')?.value },
 * )
 */
export function withRateLimit<C = unknown>(
  handler: LimitedHandler<C>,
  options: NextRateLimitOptions,
): (req: NextRequest, context: C) => Promise<Response> {
  if (typeof handler !== 'function')
    throw invalidConfig('handler', handler, 'a route handler (req, context, info) => Response');
  const http = createHttpLimiter<NextRequest>(options);
  return async (req, context) => {
    const result = await http.evaluate(nextView(req, options.remoteAddress), req);
    if (result.action === 'reject') return refusal(req, result, options);
    let response: Response;
    try {
      response = await handler(req, context, result.info);
    } catch (error) {
      await result.finish(500);
      throw error;
    }
    await result.finish(response.status);
    return withHeaders(response, result.headers);
  };
}
