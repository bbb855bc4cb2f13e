export { createHttpLimiter, type HttpLimiter } from './core/create-http-limiter.js';
export { type HttpResult, PASS } from './core/http-result.js';
export type { HttpLimiterOptions, RateLimitInfo, RouteLimit, RouteOptions } from './core/options.js';
export { fetchHeaders, type HttpRequestView } from './core/request-view.js';
export {
  DEFAULT_MESSAGE,
  limitExceeded,
  limiterUnavailable,
  type Rejection,
  type ResponseFormat,
  UNAVAILABLE_MESSAGE,
} from './core/responses.js';
export {
  createWarnings,
  type RateLimitWarning,
  type ValidateOption,
  WARNING_CODES,
  type WarningCode,
  type Warnings,
} from './core/warnings.js';
export { type HeaderOptions, type ResetFormat, resolveHeaderOptions } from './headers/header-options.js';
export { partitionKeys } from './headers/partition-key.js';
export { ietfHeaders, legacyHeaders, rateLimitHeaders, retryAfterSeconds } from './headers/rate-limit-headers.js';
export { identify } from './identity/identify.js';
export {
  encodePart,
  KEY_PARTS,
  type KeyFunction,
  type KeyInfo,
  type KeyPart,
  type KeySpec,
} from './identity/key-parts.js';
export { type Cidr, cidrContains, NAMED_RANGES, parseCidrs } from './ip/cidr.js';
export { IP_HEADERS, type IpHeader, resolveClientIp } from './ip/client-ip.js';
export { forwardedEntries } from './ip/forwarded-entries.js';
export { formatIp, type IpAddress, parseIp } from './ip/ip-address.js';
export { DEFAULT_IPV6_SUBNET, ipKey } from './ip/ipv6-prefix.js';
export { compileTrust, type ProxyTrust, type TrustProxy } from './ip/proxy-trust.js';
export { normaliseMethod, normalisePath } from './path/path-normalise.js';
export { PRESETS, type PresetName, preset } from './routes/presets.js';
export { compileRoute, type PathPattern } from './routes/route-match.js';
