import { invalidConfig } from '@rl/core';
import { createHttpLimiter, type HttpLimiterOptions, type RateLimitInfo } from '@rl/http';
import type { Context, Env, MiddlewareHandler } from 'hono';
import { createMiddleware } from 'hono/factory';
import { afterResponse, honoView, nodeRemoteAddress } from './context.js';
import { nodeOutgoing, writeOnHead } from './node-response.js';

/** The variables {@link rateLimiter} sets: `c.get('rateLimit')` is the Decision (undefined when not limited). */
export type RateLimitVariables = { rateLimit: RateLimitInfo | undefined };

/** A response with the rate-limit headers set on it (for a custom 429 handler's response). */
function withHeaders(response: Response, headers: Readonly<Record<string, string>>): Response {
  const merged = new Headers(response.headers);
  for (const name in headers) merged.set(name, headers[name] as string);
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers: merged });
}

/**
 * Puts the rate-limit headers on the final response where the handler's response does not carry
 * them — a `new Response(...)` returned as is does not take headers prepared on the context — or
 * changed them. The usual response (built with `c.text`, `c.json`...) already has them all.
 */
function ensureHeaders(c: Context, headers: Readonly<Record<string, string>>): void {
  const present = c.res.headers;
  for (const name in headers) {
    if (present.get(name) === headers[name]) continue;
    for (const each in headers) c.header(each, headers[each]);
    return;
  }
}

/** Whether `headers` has any entry. */
function hasAny(headers: Readonly<Record<string, string>>): boolean {
  for (const name in headers) if (name) return true;
  return false;
}

/** Options of {@link rateLimiter}: the shared HTTP options, with Hono's `Context` as context. */
export interface HonoRateLimitOptions<E extends Env = Env> extends HttpLimiterOptions<Context<E>> {
  /** A store, or a factory called per request — for a store built from Workers bindings (`c.env`). */
  store: HttpLimiterOptions<Context<E>>['store'];
  /** Builds the 429 yourself (the rate-limit headers are added to it). Store-failure 503s are not routed here. */
  handler?: (c: Context<E>, info: RateLimitInfo) => Response | Promise<Response>;
  /** The client's socket address. Default: the socket under @hono/node-server, none elsewhere. */
  remoteAddress?: (c: Context<E>) => string | undefined;
}

/**
 * Rate-limiting middleware for Hono, on Node (@hono/node-server) and on Workers.
 *
 * @example
 * import { Hono } from 'hono'
 * import { rateLimiter } from '@rl/hono'
 * import { memoryStore } from '@rl/memory'
 *
 * const app = new Hono()
 * app.use('/api/*', rateLimiter({
 *   store: memoryStore(),
 *   routes: [
 *     { path: '/api/auth/*', methods: 'POST', preset: 'auth' },                            // 5 per minute
 *     { path: '/api/*', methods: 'GET', rules: { maxRequests: 100, windowMs: 60_000 } },
 *   ],
 * }))
 * app.get('/api/items', (c) => c.json({ left: c.get('rateLimit')?.remaining }))
 */
export function rateLimiter<E extends Env = Env>(
  options: HonoRateLimitOptions<E>,
): MiddlewareHandler<E & { Variables: RateLimitVariables }> {
  const http = createHttpLimiter<Context<E>>(options);
  const { handler, remoteAddress } = options;
  if (handler !== undefined && typeof handler !== 'function') {
    throw invalidConfig('handler', handler, 'a function (c, info) => Response');
  }

  return createMiddleware<E & { Variables: RateLimitVariables }>(async (c, next) => {
    const context = c as unknown as Context<E>;
    const address = remoteAddress ? remoteAddress(context) : nodeRemoteAddress(context);
    const result = await http.evaluate(honoView(context, address), context);
    c.set('rateLimit', result.info);
    const { rejection, info, headers } = result;
    if (result.action === 'reject' && rejection && info) {
      if (handler && rejection.status === 429) return withHeaders(await handler(context, info), headers);
      return new Response(rejection.body, {
        status: rejection.status,
        headers: { ...headers, 'Content-Type': `${rejection.contentType}; charset=utf-8` },
      });
    }
    let prepared = false;
    if (hasAny(headers)) {
      const out = nodeOutgoing(context);
      // Under @hono/node-server they go straight into Node's response head (see writeOnHead).
      if (out) writeOnHead(out, headers);
      else {
        // Set before the handler runs, they are merged into the response it builds (c.text, c.json...);
        // set on a finished response, they would make Hono rebuild it.
        for (const name in headers) c.header(name, headers[name]);
        prepared = true;
      }
    }
    await next();
    if (prepared) ensureHeaders(context, headers);
    if (http.refunds && info) await afterResponse(context, result.finish(c.res.status));
  });
}
