import { invalidConfig } from '@rl/core';
import { createHttpLimiter, type HttpLimiterOptions, type HttpResult, type RateLimitInfo } from '@rl/http';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { setRequestDecision } from './request-decision.js';
import { expressView } from './request-view.js';

/** Options of {@link rateLimit}: the shared HTTP options, with Express's `req` as context. */
export interface ExpressRateLimitOptions extends HttpLimiterOptions<Request> {
  /** Sends the 429 yourself (the rate-limit headers are already set). Store-failure 503s are not routed here. */
  handler?: (req: Request, res: Response, next: NextFunction, info: RateLimitInfo) => void | Promise<void>;
  /** The client's socket address. Default `req.socket.remoteAddress` (Express's own `trust proxy` is not used). */
  remoteAddress?: (req: Request) => string | undefined;
}

/** An Express request after {@link rateLimit} ran: `req.rateLimit` holds the Decision (no global augmentation). */
export type RateLimitRequest = Request & { rateLimit?: RateLimitInfo };

/**
 * The Decision {@link rateLimit} made for this request, if it ran and the request was limited.
 *
 * @example
 * app.get('/api/items', (req, res) => res.json({ left: getRateLimit(req)?.remaining }))
 */
export function getRateLimit(req: Request): RateLimitInfo | undefined {
  return (req as RateLimitRequest).rateLimit;
}

/**
 * Settles refunds as soon as the status is final — when the head is written, before the client can
 * read the response and send another request — or with 500 when the connection closes first.
 */
function watchStatus(res: Response, result: HttpResult): void {
  const writeHead = res.writeHead;
  res.writeHead = function (this: Response, ...args: unknown[]) {
    void result.finish(typeof args[0] === 'number' ? args[0] : res.statusCode);
    return (writeHead as (...a: unknown[]) => Response).apply(this, args);
  } as Response['writeHead'];
  res.once('close', () => void result.finish(res.headersSent ? res.statusCode : 500));
}

/**
 * Rate-limiting middleware for Express 4 and 5.
 *
 * @example
 * import express from 'express'
 * import { memoryStore } from '@rl/memory'
 * import { rateLimit } from '@rl/express'
 *
 * const app = express()
 * app.use(rateLimit({
 *   store: memoryStore(),
 *   key: ['route', 'ip', 'user'],                 // the seeds' rl:${path}:${ip}:${userId}
 *   userId: (req) => req.get('x-user-id'),
 *   routes: [
 *     { path: '/api/auth/*', methods: 'POST', preset: 'auth' },                        // 5 per minute
 *     { path: '/api/*', methods: ['POST', 'PUT', 'DELETE'], rules: { maxRequests: 50, windowMs: 60_000 } },
 *     { path: '/api/*', preset: 'read' },                                                // 100 per minute
 *   ],
 * }))
 */
export function rateLimit(options: ExpressRateLimitOptions): RequestHandler {
  const http = createHttpLimiter<Request>(options);
  const { handler, remoteAddress } = options;
  if (handler !== undefined && typeof handler !== 'function') {
    throw invalidConfig('handler', handler, 'a function (req, res, next, info) => void');
  }
  // Express's own setting is looked at once per app (it is configured before requests come in).
  let checkedApp: unknown;
  const checkFrameworkTrust = (req: Request): void => {
    if (options.trustProxy !== undefined || req.app === checkedApp) return;
    checkedApp = req.app;
    if (req.app?.get?.('trust proxy')) {
      http.warnings.warn(
        'RL_W_FRAMEWORK_TRUST_PROXY',
        "Express's 'trust proxy' is set but @rl/express ignores it; set the rateLimit option trustProxy to the same hops or ranges.",
      );
    }
  };

  const apply = (result: HttpResult, req: Request, res: Response, next: NextFunction): void | Promise<void> => {
    const { rejection, info, headers } = result;
    if (info) setRequestDecision(req, info);
    if (!res.headersSent) for (const name in headers) res.setHeader(name, headers[name] as string);
    if (result.action === 'reject' && rejection && info) {
      if (handler && rejection.status === 429) return custom(req, res, next, info);
      res.statusCode = rejection.status;
      res.setHeader('Content-Type', `${rejection.contentType}; charset=utf-8`);
      res.end(rejection.body);
      return;
    }
    if (http.refunds && info) watchStatus(res, result);
    next();
  };

  const custom = async (req: Request, res: Response, next: NextFunction, info: RateLimitInfo): Promise<void> => {
    try {
      await (handler as NonNullable<typeof handler>)(req, res, next, info);
    } catch (error) {
      next(error);
    }
  };

  // Not an async function: no promise is handed back to Express 5 to watch; failures go to `next`.
  return (req: Request, res: Response, next: NextFunction): void => {
    let pending: Promise<HttpResult>;
    try {
      checkFrameworkTrust(req);
      pending = http.evaluate(expressView(req, remoteAddress), req);
    } catch (error) {
      next(error);
      return;
    }
    pending.then((result) => apply(result, req, res, next), next);
  };
}
