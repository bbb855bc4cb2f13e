import type { RateLimitInfo } from '@rl/http';
import type { Request } from 'express';

const decisions = new WeakMap<object, RateLimitInfo | undefined>();
const prepared = new WeakSet<object>();

/**
 * `req.rateLimit` as an accessor on Express's base request prototype (shared by every app of one
 * Express copy, sub-apps included), backed by a WeakMap — instead of a property added to each
 * request. Node's request objects already carry many properties, and Express adds more; one more
 * added per request pushed them into V8's slow dictionary mode, which cost every later property
 * access of the request (≈ 4 µs a request in an in-process Express loop, more than the limiter).
 * Assigning `req.rateLimit` (another middleware, a test) still works: the setter stores it.
 */
function prepare(req: Request): boolean {
  const appRequest = (req as { app?: { request?: object } }).app?.request;
  const base = appRequest === undefined ? undefined : Object.getPrototypeOf(appRequest);
  if (base === null || typeof base !== 'object' || !Object.prototype.isPrototypeOf.call(base, req)) return false;
  if (prepared.has(base)) return true;
  if (Object.getOwnPropertyDescriptor(base, 'rateLimit') !== undefined) return false;
  Object.defineProperty(base, 'rateLimit', {
    configurable: true,
    enumerable: false,
    get(this: object) {
      return decisions.get(this);
    },
    set(this: object, value: RateLimitInfo | undefined) {
      decisions.set(this, value);
    },
  });
  prepared.add(base);
  return true;
}

/** Makes `info` the request's `req.rateLimit` (and `getRateLimit(req)`). */
export function setRequestDecision(req: Request, info: RateLimitInfo): void {
  // A request that is not Express's (no app prototype to hold the accessor) gets a plain property.
  if (!prepare(req) || Object.hasOwn(req, 'rateLimit')) {
    (req as { rateLimit?: RateLimitInfo }).rateLimit = info;
    return;
  }
  decisions.set(req, info);
}
