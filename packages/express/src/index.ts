export type { RateLimitInfo } from '@rl/http';
export { type ExpressRateLimitOptions, getRateLimit, type RateLimitRequest, rateLimit } from './rate-limit.js';
