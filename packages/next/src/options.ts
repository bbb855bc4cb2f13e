import type { HttpLimiterOptions, HttpResult, RateLimitInfo } from '@rl/http';
import type { NextRequest } from 'next/server.js';
import { withHeaders } from './request-view.js';

/** Options of the Next helpers: the shared HTTP options, with the `NextRequest` as context. */
export interface NextRateLimitOptions extends HttpLimiterOptions<NextRequest> {
  /** Builds the 429 yourself (the rate-limit headers are added to it). Store-failure 503s are not routed here. */
  handler?: (req: NextRequest, info: RateLimitInfo) => Response | Promise<Response>;
  /** The client's address, when the platform exposes one (for example `ipAddress(req)` from @vercel/functions). */
  remoteAddress?: (req: NextRequest) => string | undefined;
}

/** The refusal for a rejected result: the custom handler's response or the shared body, with the headers. */
export async function refusal(req: NextRequest, result: HttpResult, options: NextRateLimitOptions): Promise<Response> {
  const { rejection, info } = result;
  if (!rejection || !info) throw new Error('refusal() needs a rejected result');
  const response =
    options.handler && rejection.status === 429
      ? await options.handler(req, info)
      : new Response(rejection.body, {
          status: rejection.status,
          headers: { 'Content-Type': `${rejection.contentType}; charset=utf-8` },
        });
  return withHeaders(response, result.headers);
}
