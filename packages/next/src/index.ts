export type { RateLimitInfo } from '@rl/http';
export type { NextRateLimitOptions } from './options.js';
export { type NextProxy, rateLimitProxy } from './rate-limit-proxy.js';
export { type LimitedHandler, withRateLimit } from './with-rate-limit.js';
