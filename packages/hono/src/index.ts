export type { RateLimitInfo } from '@rl/http';
export { afterResponse, nodeRemoteAddress } from './context.js';
export { type HonoRateLimitOptions, type RateLimitVariables, rateLimiter } from './rate-limiter.js';
